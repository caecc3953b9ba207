"""Who may open what: the access matrix, the admin's doors, and CSRF on every form.

OWNED_URLS is the register of URLs that show or change one person's object (a profile, a
saved plan, a share token). Today there are none: the signed-in pages register theirs
here when they land, and each is checked as anonymous, another user, a staff member who
is not the owner, and the owner. Until then the harness proves itself on a small owned
page defined below, and on a leaky one it must catch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.test import Client
from django.urls import get_resolver, include, path, resolve, reverse

from roles.groups import ensure_catalog_editor_group
from roles.models import Role, Source
from tests.factories import RoleFactory, UserFactory
from tests.pages import (
    NOT_PAGES,
    PUBLIC_PAGES,
    SIGNED_IN_PAGES,
    STAFF_PAGES,
    ceu_entry,
    saved_plan,
    shared_plan,
)
from tests.pages import resolve as page_path

User = get_user_model()


@dataclass(frozen=True)
class OwnedUrl:
    """A URL for one person's object. `make(owner)` creates the object and returns its URL.
    Only the owner gets it; everyone else gets 404 (anonymous: the sign-in page, if the
    view asks for it, else 404), unless `shared` says the link is meant to be shared."""

    name: str
    make: Callable[[User], str]
    shared: bool = False


# The signed-in pages' URLs for one person's object (tests/planner/test_privacy_views.py
# walks every method of every such URL as well).
OWNED_URLS: list[OwnedUrl] = [
    OwnedUrl("a saved plan", saved_plan),
    OwnedUrl("a CEU entry", ceu_entry),
    OwnedUrl("a saved plan's calendar file", lambda owner: saved_plan(owner) + "calendar.ics"),
    OwnedUrl("a saved plan's share link", shared_plan, shared=True),
]


# The harness's own owned page: a person's account card, which only they may see --------


@login_required
def account_card(request, pk: int):
    owner = get_object_or_404(User, pk=pk, pk__in=[request.user.pk])  # filtered by owner
    return HttpResponse(f"Account of {owner.username}")


@login_required
def leaky_account_card(request, pk: int):
    return HttpResponse(f"Account of {get_object_or_404(User, pk=pk).username}")  # no owner


urlpatterns = [
    path("access/account/<int:pk>/", account_card),
    path("access/leaky/<int:pk>/", leaky_account_card),
    path("", include("careerplanner.urls")),
]
HARNESS_URL = OwnedUrl("account card", lambda owner: f"/access/account/{owner.pk}/")
LEAKY_URL = OwnedUrl("leaky account card", lambda owner: f"/access/leaky/{owner.pk}/")


def check_owner_only(owned: OwnedUrl) -> None:
    owner, other = UserFactory(), UserFactory()
    staff = UserFactory(is_staff=True, is_superuser=True)
    url = owned.make(owner)
    answers = {}
    for actor, user in {"anonymous": None, "other": other, "staff": staff, "owner": owner}.items():
        client = Client()
        if user:
            client.force_login(user)
        answers[actor] = client.get(url)

    assert answers["owner"].status_code == 200, f"{owned.name}: the owner is refused"
    if owned.shared:
        return
    for actor in ("other", "staff"):
        assert answers[actor].status_code == 404, f"{owned.name}: {actor} gets it"
    anonymous = answers["anonymous"]
    assert anonymous.status_code == 404 or (
        anonymous.status_code == 302 and "/login/" in anonymous.headers["Location"]
    ), f"{owned.name}: anonymous gets {anonymous.status_code}"


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("owned", [HARNESS_URL, *OWNED_URLS], ids=lambda owned: owned.name)
def test_an_owned_url_is_for_its_owner_only(shipped_catalog, owned):
    check_owner_only(owned)


@pytest.mark.urls(__name__)
def test_the_harness_catches_a_page_that_does_not_filter_by_owner(db):
    with pytest.raises(AssertionError, match="other gets it"):
        check_owner_only(LEAKY_URL)


# Every page is in the register the site-wide tests walk (tests/pages.py) ------------------


def url_names(patterns, namespace: str = "") -> set[str]:
    names = set()
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern.url_patterns, inner)
        elif pattern.name:
            names.add(namespace + pattern.name)
    return names


def test_every_page_is_registered_for_the_site_wide_tests(shipped_catalog):
    person = UserFactory()
    paths = [page_path(path) for path in [*PUBLIC_PAGES.values(), *STAFF_PAGES.values()]]
    paths += [page_path(path, person) for path in SIGNED_IN_PAGES.values()]
    registered = {
        resolve(path.split("?")[0]).view_name
        for path in paths
        if not path.startswith("/no-such-page")
    }
    names = url_names(get_resolver().url_patterns)
    site_pages = {name for name in names if not name.startswith("admin:")}

    unregistered = site_pages - registered - NOT_PAGES
    assert not unregistered, f"add these to tests/pages.py: {sorted(unregistered)}"


# The admin: staff only, and the catalog editors only to the catalog -----------------------


def editor():
    user = UserFactory(is_staff=True)
    user.groups.add(ensure_catalog_editor_group())
    return user


ACTORS = {
    "anonymous": lambda: None,
    "signed-in, not staff": lambda: UserFactory(),
    "catalog editor": editor,
    "superuser": lambda: UserFactory(is_staff=True, is_superuser=True),
}
LOGIN = "login"
# URL -> what each actor gets, in the order of ACTORS.
ADMIN_MATRIX = {
    "/admin/": (LOGIN, LOGIN, 200, 200),
    "/admin/roles/role/": (LOGIN, LOGIN, 200, 200),
    "role change": (LOGIN, LOGIN, 200, 200),
    "/admin/roles/source/add/": (LOGIN, LOGIN, 200, 200),
    "/admin/roles/role/import/": (LOGIN, LOGIN, 200, 200),
    "/admin/auth/user/": (LOGIN, LOGIN, 403, 200),
    "/admin/auth/user/add/": (LOGIN, LOGIN, 403, 200),
    "user change": (LOGIN, LOGIN, 403, 200),
    "user password": (LOGIN, LOGIN, 403, 200),
    "/admin/auth/group/": (LOGIN, LOGIN, 403, 200),
}


@pytest.mark.parametrize("url", ADMIN_MATRIX)
def test_the_admin_opens_only_to_those_it_should(client, db, url):
    role, someone = RoleFactory(), UserFactory()
    concrete = {
        "role change": reverse("admin:roles_role_change", args=[role.pk]),
        "user change": reverse("admin:auth_user_change", args=[someone.pk]),
        "user password": reverse("admin:auth_user_password_change", args=[someone.pk]),
    }.get(url, url)

    got = []
    for make_actor in ACTORS.values():
        client = Client()
        if user := make_actor():
            client.force_login(user)
        response = client.get(concrete)
        is_login = response.status_code == 302 and "/admin/login/" in response.headers["Location"]
        got.append(LOGIN if is_login else response.status_code)

    assert dict(zip(ACTORS, got, strict=True)) == dict(zip(ACTORS, ADMIN_MATRIX[url], strict=True))


def test_a_catalog_editor_cannot_change_an_account(client, db):
    someone = UserFactory(is_staff=False)
    client.force_login(editor())

    response = client.post(
        reverse("admin:auth_user_change", args=[someone.pk]),
        {"username": someone.username, "is_staff": "on", "is_superuser": "on"},
    )

    assert response.status_code == 403
    someone.refresh_from_db()
    assert not someone.is_staff and not someone.is_superuser


# CSRF: every form that changes something refuses a post without the token ----------------


def csrf_client(user=None) -> Client:
    client = Client(enforce_csrf_checks=True)
    if user:
        client.force_login(user)
    return client


def admin_forms() -> list[str]:
    """The add page of every model in the admin, and the admin's own forms."""
    adds = [
        f"admin:{model._meta.app_label}_{model._meta.model_name}_add"
        for model in admin.site._registry
    ]
    return [*sorted(adds), "admin:password_change", "admin:logout"]


@pytest.mark.parametrize("name", admin_forms())
def test_an_admin_form_refuses_a_post_without_the_csrf_token(db, name):
    client = csrf_client(UserFactory(is_staff=True, is_superuser=True))

    response = client.post(reverse(name), {})

    assert response.status_code == 403
    assert b"CSRF" in response.content


def test_an_admin_edit_without_the_csrf_token_changes_nothing(db):
    role = RoleFactory(title="Coder")
    client = csrf_client(UserFactory(is_staff=True, is_superuser=True))

    response = client.post(reverse("admin:roles_role_change", args=[role.pk]), {"title": "X"})

    assert response.status_code == 403
    role.refresh_from_db()
    assert role.title == "Coder"


def test_the_admin_import_refuses_a_post_without_the_csrf_token(db):
    client = csrf_client(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(reverse("admin:roles_source_import"), {"format": "0"})
    assert response.status_code == 403
    assert not Source.objects.exists()


def test_the_admin_sign_in_refuses_a_post_without_the_csrf_token_and_takes_one_with_it(db):
    UserFactory(username="educator", is_staff=True)
    form = {"username": "educator", "password": "correct horse battery staple"}

    refused = csrf_client().post("/admin/login/", form)
    client = csrf_client()
    client.get("/admin/login/")
    token = client.cookies["csrftoken"].value
    accepted = client.post("/admin/login/", {**form, "csrfmiddlewaretoken": token})

    assert refused.status_code == 403
    assert accepted.status_code == 302


def test_the_api_takes_no_csrf_token_because_it_saves_nothing(shipped_catalog):
    """POST /api/v1/roadmap is CSRF-exempt (django-ninja's default without session auth):
    it plans from the body alone, reads no session and writes nothing, so a forged request
    can learn or change nothing. If it ever acts for a signed-in person, it needs CSRF."""
    client = csrf_client(UserFactory(is_staff=True, is_superuser=True))
    before = (Role.objects.count(), Source.objects.count(), User.objects.count())

    response = client.post(
        "/api/v1/roadmap",
        {"education": "high-school", "target": "inpatient-coder"},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert (Role.objects.count(), Source.objects.count(), User.objects.count()) == before

"""Every page of the site, in one register the site-wide tests walk.

tests/e2e/test_csp.py loads each page in Chromium under the Content-Security-Policy;
tests/test_access.py checks that every URL pattern is registered here. When you add a
page, add it to the list for who can open it (a path, or a function that builds the path
from the shipped catalog's rows). Pages that need a signed-in person go in SIGNED_IN_PAGES
once sign-in lands; pages that show one person's objects also go in the access matrix
(tests/test_access.py, OWNED_URLS).
"""

from collections.abc import Callable

from django.urls import reverse


def admin_change(model_label: str, **lookup) -> Callable[[], str]:
    def path() -> str:
        from django.apps import apps

        model = apps.get_model(model_label)
        obj = model.objects.get(**lookup)
        return reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk]
        )

    return path


# Anyone may open these (they start from the shipped catalog).
PUBLIC_PAGES: dict[str, str | Callable[[], str]] = {
    "home (role list)": "/",
    "role list": "/roles/",
    "role list, filtered": "/roles/?level=entry&track=ladder&setting=inpatient",
    "role list, bad filter": "/roles/?level=%3Cscript%3E&track=x",
    "role detail": "/roles/senior-inpatient-coder/",
    "credential list": "/credentials/",
    "credential detail": "/credentials/ccs/",
    "API docs": "/api/v1/docs",
    "admin sign-in": "/admin/login/",
    "page not found": "/no-such-page/",
}

# Staff pages: the catalog admin, as a superuser sees it.
STAFF_PAGES: dict[str, str | Callable[[], str]] = {
    "admin index": "/admin/",
    "admin role list": "/admin/roles/role/",
    "admin role change": admin_change("roles.Role", slug="senior-inpatient-coder"),
    "admin role add": "/admin/roles/role/add/",
    "admin role history": lambda: admin_change("roles.Role", slug="inpatient-coder")() + "history/",
    "admin credential change": admin_change("roles.Credential", slug="ccs"),
    "admin rule set list": "/admin/roles/ruleset/",
    "admin move change": admin_change(
        "roles.Move", from_role__slug="inpatient-coder", to_role__slug="senior-inpatient-coder"
    ),
    "admin program change": admin_change("roles.Program", slug="coding-certificate"),
    "admin role import": "/admin/roles/role/import/",
    "admin user list": "/admin/auth/user/",
    "admin password change": "/admin/password_change/",
}

# Pages as a signed-in person (not staff) sees them: a path, or a function that takes the
# signed-in user, makes what the page shows, and returns the path. The signed-in pages
# add themselves here when they land.
SIGNED_IN_PAGES: dict[str, str | Callable[..., str]] = {
    "home (role list), signed in": "/",
    "credential detail, signed in": "/credentials/ccs/",
}

# URL names that are not pages a person opens (no HTML to load), or are covered by the
# admin's own lists above.
NOT_PAGES = {
    "healthz",
    "api:roadmap",
    "api:openapi-json",
    "api:api-root",
}


def resolve(path: str | Callable[..., str], *args) -> str:
    return path(*args) if callable(path) else path

"""Accounts: allauth sign-up by email, our layout on its pages, download and delete."""

import json
import re

from django.contrib.auth import get_user_model

from planner.models import Plan, Profile, StepProgress

from .roadmap_helpers import CODER, fresh_snapshot, make_plan, person, situation  # noqa: F401

User = get_user_model()


def test_sign_up_needs_only_an_email_and_a_password(client, db):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "password1": "a long pass phrase",
            "password2": "a long pass phrase",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new@example.org")
    assert client.get("/plans/").status_code == 200
    assert user.check_password("a long pass phrase")


def test_the_sign_in_page_uses_the_site_layout_and_stylesheet(client, db):
    page = client.get("/accounts/login/").content.decode()
    assert 'href="/static/css/app.css"' in page and 'class="skip-link"' in page
    assert re.search(r"<h1>\s*Sign In\s*</h1>", page)
    assert 'name="login"' in page and 'type="email"' in page


def test_download_my_data_has_the_situation_plans_and_progress_and_nothing_else(
    client, shipped_catalog
):
    other = person()
    situation(other, **CODER)
    make_plan(other, name="Not mine")
    user = person(client, email="me@example.org")
    situation(user, **CODER)
    plan = make_plan(user, name="Mine")
    step = plan.roadmap["steps"][0]
    StepProgress.objects.create(
        plan=plan, key=step["key"], status="skipped", on="2026-01-01", step=step
    )

    response = client.get("/account/data.json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == "me@example.org"
    assert data["situation"]["credentials"] == [{"credential": "cca", "earned": "2025-03-01"}]
    assert data["situation"]["positions"][0]["role"] == "inpatient-coder"
    assert [p["name"] for p in data["plans"]] == ["Mine"]
    assert data["plans"][0]["roadmap"] == plan.roadmap
    assert data["plans"][0]["progress"][0]["key"] == step["key"]


def test_a_wrong_password_deletes_nothing(client, shipped_catalog):
    user = person(client)
    response = client.post("/account/delete/", {"password": "not it"})
    assert "That is not your password." in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def test_deleting_the_account_removes_everything_it_owns_and_signs_out(client, shipped_catalog):
    other = person()
    situation(other, **CODER)
    make_plan(other)
    user = person(client)
    situation(user, **CODER)
    make_plan(user)

    response = client.post("/account/delete/", {"password": "correct horse battery staple"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Profile.objects.filter(user_id=user.pk).exists()
    assert Plan.objects.count() == 1 and Profile.objects.count() == 1  # the other person's
    assert client.get("/plans/").status_code == 302  # signed out


def test_the_account_page_links_download_and_delete(client, db):
    person(client)
    page = client.get("/account/").content.decode()
    assert 'href="/account/data.json"' in page and 'action="/account/delete/"' in page


def test_the_situation_given_before_signing_up_becomes_the_new_accounts(client, shipped_catalog):
    client.get(
        "/plan/?education=associate&credentials=rhit&months_coding=18"
        "&role=inpatient-coder&target=role:senior-inpatient-coder&start=2027-01-01"
    )

    response = client.post(
        "/accounts/signup/",
        {
            "email": "student@example.org",
            "password1": "a long pass phrase",
            "password2": "a long pass phrase",
        },
        follow=True,
    )

    profile = Profile.objects.get(user__email="student@example.org")
    assert profile.education == "associate"
    assert profile.experience == {"coding": 18}
    assert profile.role == "inpatient-coder"
    assert [row.credential for row in profile.credentials.all()] == ["rhit"]
    assert "Add the dates you earned your credentials" in response.content.decode()


def test_signing_up_without_a_situation_leaves_the_profile_to_be_entered(client, db):
    client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "password1": "a long pass phrase",
            "password2": "a long pass phrase",
        },
    )
    assert not Profile.objects.filter(user__email="new@example.org").exists()

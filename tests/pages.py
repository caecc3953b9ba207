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


def shared_plan(owner=None) -> str:
    """The read-only page a plan's share link opens (the plan of `saved_plan`)."""
    from planner.models import Plan, PlanLink
    from tests.factories import UserFactory

    owner = owner or UserFactory()
    plan = Plan.objects.get(pk=int(saved_plan(owner).split("/")[2]))
    return reverse("planner:shared-plan", args=[PlanLink.renew(plan, PlanLink.Kind.SHARE)])


# Anyone may open these (they start from the shipped catalog).
PUBLIC_PAGES: dict[str, str | Callable[[], str]] = {
    "home": "/",
    "plan without an account": "/plan/",
    "plan without an account, answered": (
        "/plan/?education=high-school&credentials=cca&target=role%3Asenior-inpatient-coder"
        "&start=2027-01-01"
    ),
    "compare paths": "/compare/",
    "compare paths, answered": (
        "/compare/?education=high-school&start=2027-01-01"
        "&p1-target=role%3Asenior-inpatient-coder&p1-readiness=recommended"
        "&p2-target=role%3Amedical-auditor&p2-readiness=recommended&compare=1"
    ),
    "career map": "/map/",
    "career map, a path highlighted": (
        "/map/?education=high-school&target=role%3Asenior-inpatient-coder&start=2027-01-01"
    ),
    "program list": "/programs/",
    "glossary": "/glossary/",
    "sign in": "/accounts/login/",
    "sign up": "/accounts/signup/",
    "password reset": "/accounts/password/reset/",
    "password reset sent": "/accounts/password/reset/done/",
    "role list": "/roles/",
    "role list, filtered": "/roles/?level=entry&track=ladder&setting=inpatient",
    "role list, bad filter": "/roles/?level=%3Cscript%3E&track=x",
    "role detail": "/roles/senior-inpatient-coder/",
    "credential list": "/credentials/",
    "credential detail": "/credentials/ccs/",
    "API docs": "/api/v1/docs",
    "admin sign-in": "/admin/login/",
    "page not found": "/no-such-page/",
    "a plan opened by its share link": shared_plan,
}


def reminders_off_link() -> str:
    """The one-click link a reminder email carries, opened signed out."""
    from planner.models import Profile
    from planner.reminders import off_token
    from tests.factories import UserFactory

    user = UserFactory()
    Profile.objects.create(user=user)
    return f"/reminders/off/{off_token(user.pk)}/"


PUBLIC_PAGES["turn reminders off (link in an email)"] = reminders_off_link

# Staff pages: the catalog admin, as a superuser sees it.
STAFF_PAGES: dict[str, str | Callable[[], str]] = {
    "admin index": "/admin/",
    "admin role list": "/admin/roles/role/",
    "admin role change": admin_change("roles.Role", slug="senior-inpatient-coder"),
    "admin role add": "/admin/roles/role/add/",
    "admin role history": lambda: admin_change("roles.Role", slug="inpatient-coder")().replace(
        "/change/", "/history/"
    ),
    "admin credential change": admin_change("roles.Credential", slug="ccs"),
    "admin rule set list": "/admin/roles/ruleset/",
    "admin renewal policy change": admin_change("roles.RenewalPolicy", issuer="ahima"),
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
def saved_plan(user) -> str:
    """A plan to Senior Inpatient Coder for a person with a coding job and the CCA."""
    from datetime import date

    from planner.models import HeldCredential, Position, Profile
    from tests.planner.roadmap_helpers import make_plan

    profile, _ = Profile.objects.get_or_create(user=user, defaults={"education": "high-school"})
    Position.objects.create(profile=profile, role="inpatient-coder", start=date(2024, 6, 1))
    HeldCredential.objects.create(profile=profile, credential="cca", earned=date(2025, 3, 1))
    return make_plan(
        user, target="senior-inpatient-coder", check_credentials=["ccs"]
    ).get_absolute_url()


def renewals_page(user) -> str:
    """The renewals page of a person with the CCS and the CPC, a CPC-A's successor, and
    a CEU entry counted toward both."""
    _ceu_entry(user)
    return "/renewals/"


def ceu_entry(user) -> str:
    """The edit page of a person's CEU entry."""
    return f"/renewals/ceus/{_ceu_entry(user).pk}/"


def _ceu_entry(user):
    from datetime import date
    from decimal import Decimal

    from planner.models import CeuEntry, HeldCredential, Profile

    profile, _ = Profile.objects.get_or_create(user=user, defaults={"education": "high-school"})
    for slug in ("ccs", "cpc"):
        HeldCredential.objects.get_or_create(
            profile=profile, credential=slug, defaults={"earned": date(2025, 3, 1)}
        )
    return CeuEntry.objects.create(
        profile=profile,
        day=date(2025, 6, 1),
        hours=Decimal("1.5"),
        title="Coding Clinic webinar",
        counts_toward=["ccs", "cpc"],
    )


SIGNED_IN_PAGES: dict[str, str | Callable[..., str]] = {
    "home, signed in": "/",
    "credential detail, signed in": "/credentials/ccs/",
    "my situation": "/situation/",
    "my plans": "/plans/",
    "new plan": "/plans/new/",
    "a saved plan": saved_plan,
    "renewals and CEUs": renewals_page,
    "edit a CEU entry": ceu_entry,
    "my account": "/account/",
    "delete my account": "/account/delete/",
    "change password": "/accounts/password/change/",
    "email addresses": "/accounts/email/",
}

# URL names that are not pages a person opens (no HTML to load), or are covered by the
# admin's own lists above.
NOT_PAGES = {
    "healthz",
    "api:roadmap",
    "api:openapi-json",
    "api:api-root",
    "api:roadmap_other_methods",  # the API's JSON 405 for GET and others
    # Posts only (their pages are the plan page and the account page above)
    "planner:plan-preview",
    "planner:plan-save",
    "planner:plan-accept",
    "planner:plan-delete",
    "planner:step-mark",
    "planner:account-data",  # a JSON download, not a page
    "planner:ceu-create",  # posts only (their page is the renewals page above)
    "planner:ceu-delete",
    "planner:aapc-due",
    "planner:account-reminders",  # posts only (its page is my account)
    "planner:plan-calendar",  # .ics files: tests/planner/test_calendar.py
    "planner:calendar-feed",
    "planner:plan-link-renew",  # posts from the plan page
    "planner:plan-link-revoke",
    "account_logout",
    # allauth pages reached only with a key from an email or a step in a flow
    "account_confirm_email",
    "account_confirm_login_code",
    "account_confirm_reauthentication_code",
    "account_email_verification_sent",
    "account_inactive",
    "account_reauthenticate",
    "account_request_reauthentication_code",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_set_password",
}


def resolve(path: str | Callable[..., str], *args) -> str:
    return path(*args) if callable(path) else path

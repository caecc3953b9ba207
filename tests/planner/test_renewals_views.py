"""The renewals page and the CEU log: totals recompute, bad values are form messages,
only the owner sees or changes an entry, the query count does not grow with the log."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from planner.models import CeuEntry
from planner.renewals import add_months

from .roadmap_helpers import person, situation


def log(profile, hours, *toward, day=None, title="Coding Clinic webinar", from_issuer=False):
    return CeuEntry.objects.create(
        profile=profile,
        day=day or timezone.localdate() - timedelta(days=30),
        hours=Decimal(str(hours)),
        title=title,
        counts_toward=list(toward),
        from_issuer=from_issuer,
    )


def ccs_and_cpc(client):
    """The issue's person: CCS and CPC earned two years ago minus 45 days."""
    user = person(client)
    earned = add_months(timezone.localdate(), -24) + timedelta(days=45)
    return situation(user, credentials=[("ccs", earned), ("cpc", earned)])


def test_it_requires_sign_in(client, db):
    response = client.get("/renewals/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_page_shows_each_cycle_with_its_totals_and_due_in_45_days(client, shipped_catalog):
    profile = ccs_and_cpc(client)
    log(profile, 12, "ccs", "cpc")

    page = client.get("/renewals/").content.decode()

    assert "AHIMA: CCS" in page and "AAPC: CPC" in page
    assert page.count("due in 45 days") == 2
    assert ">20<" in page and ">36<" in page and ">8<" in page and ">24<" in page
    assert "40% from AHIMA or its component associations" in page
    assert "AHIMA: Recertification" in page and "as of November 27, 2026" in page
    assert "we assume" in page  # no AAPC due date given: the assumption is shown


def test_logging_ceus_redirects_and_the_totals_recompute(client, shipped_catalog):
    profile = ccs_and_cpc(client)
    day = (timezone.localdate() - timedelta(days=3)).isoformat()

    response = client.post(
        "/renewals/ceus/",
        {"day": day, "hours": "2.75", "title": "Audit basics", "counts_toward": ["ccs"]},
    )

    assert response.status_code == 302 and response["Location"] == "/renewals/"
    entry = CeuEntry.objects.get(profile=profile)
    assert (entry.hours, entry.counts_toward) == (Decimal("2.75"), ["ccs"])
    page = client.get("/renewals/").content.decode()
    assert ">17.25<" in page  # 20 - 2.75 left for the CCS


def test_an_htmx_post_gets_the_panel_back(client, shipped_catalog):
    ccs_and_cpc(client)
    day = (timezone.localdate() - timedelta(days=3)).isoformat()

    response = client.post(
        "/renewals/ceus/",
        {"day": day, "hours": "1", "title": "Webinar", "counts_toward": ["ccs", "cpc"]},
        HTTP_HX_REQUEST="true",
    )

    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert 'id="renewals-panel"' in body and "Logged 1 CEUs: Webinar." in body


def test_an_htmx_post_with_a_bad_value_gets_the_panel_with_the_message(client, shipped_catalog):
    ccs_and_cpc(client)

    response = client.post(
        "/renewals/ceus/",
        {"day": "2026-01-01", "hours": "0.1", "title": "X", "counts_toward": ["ccs"]},
        HTTP_HX_REQUEST="true",
    )

    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body  # htmx swaps only a 2xx
    assert "quarter hours" in body and not CeuEntry.objects.exists()


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("0", "above 0"),
        ("-2", "above 0"),
        ("1.1", "quarter hours"),
        ("1.333", "quarter hours"),
        ("250", "at most 100"),
        ("lots", "as a number"),
    ],
)
def test_bad_ceu_values_are_clear_form_messages(client, shipped_catalog, hours, message):
    ccs_and_cpc(client)
    day = timezone.localdate().isoformat()

    response = client.post(
        "/renewals/ceus/", {"day": day, "hours": hours, "title": "X", "counts_toward": ["ccs"]}
    )

    assert response.status_code == 422
    assert message in response.content.decode()
    assert not CeuEntry.objects.exists()


def test_an_entry_must_count_toward_a_held_credential_and_not_be_in_the_future(
    client, shipped_catalog
):
    ccs_and_cpc(client)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    response = client.post(
        "/renewals/ceus/",
        {"day": tomorrow, "hours": "1", "title": "X", "counts_toward": ["chps"]},
    )

    page = response.content.decode()
    assert response.status_code == 422
    assert "in the future" in page and "Select a valid choice" in page
    assert not CeuEntry.objects.exists()


def test_editing_an_entry_changes_the_totals(client, shipped_catalog):
    profile = ccs_and_cpc(client)
    entry = log(profile, 12, "ccs", "cpc")

    assert client.get(f"/renewals/ceus/{entry.pk}/").status_code == 200
    response = client.post(
        f"/renewals/ceus/{entry.pk}/",
        {
            "day": entry.day.isoformat(),
            "hours": "20",
            "title": entry.title,
            "counts_toward": ["ccs"],
            "from_issuer": "on",
        },
    )

    assert response.status_code == 302
    page = client.get("/renewals/").content.decode()
    assert "CEUs complete" in page  # 20 for the CCS, all of them from AHIMA
    assert page.count("due in 45 days") == 1  # the CPC still misses 36


def test_deleting_an_entry_removes_it(client, shipped_catalog):
    profile = ccs_and_cpc(client)
    entry = log(profile, 12, "ccs", "cpc")

    response = client.post(f"/renewals/ceus/{entry.pk}/delete/")

    assert response.status_code == 302 and not CeuEntry.objects.exists()


def test_another_persons_entry_is_a_404_to_see_edit_or_delete(client, shipped_catalog):
    owner = ccs_and_cpc(client)
    entry = log(owner, 12, "ccs")
    person(client)  # now someone else is signed in

    assert client.get(f"/renewals/ceus/{entry.pk}/").status_code == 404
    assert client.post(f"/renewals/ceus/{entry.pk}/", {"hours": "1"}).status_code == 404
    assert client.post(f"/renewals/ceus/{entry.pk}/delete/").status_code == 404
    assert CeuEntry.objects.get().hours == 12


def test_entries_that_do_not_count_are_listed_with_the_reason(client, shipped_catalog):
    profile = ccs_and_cpc(client)
    earned = profile.credentials.get(credential="ccs").earned
    log(profile, 3, "ccs", day=earned - timedelta(days=10), title="Before I passed")

    page = client.get("/renewals/").content.decode()

    assert "Before I passed" in page
    assert "CEUs from before certification do not count" in page


def test_the_aapc_due_date_is_saved_and_used(client, shipped_catalog):
    profile = ccs_and_cpc(client)
    due = timezone.localdate() + timedelta(days=200)

    response = client.post("/renewals/aapc-due/", {"aapc_ceus_due": due.isoformat()})

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.aapc_ceus_due == due
    page = client.get("/renewals/").content.decode()
    assert "we assume" not in page and "due in 45 days" in page


def test_a_cpc_a_shows_what_removes_it_and_that_no_deadline_is_known(client, shipped_catalog):
    user = person(client)
    situation(user, credentials=[("cpc-a", date(2026, 1, 5))])

    page = client.get("/renewals/").content.decode()

    assert "Apprentice designation" in page and "80-hour coding course" in page
    assert "no deadline in our sources" in page


def test_the_query_count_does_not_grow_with_the_log(
    client, shipped_catalog, django_assert_max_num_queries
):
    profile = ccs_and_cpc(client)
    client.get("/renewals/")  # the rules are built once per catalog version
    log(profile, 1, "ccs")
    with django_assert_max_num_queries(12) as few:
        client.get("/renewals/")
    for n in range(30):
        log(profile, 1, "ccs", "cpc", title=f"Entry {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/renewals/")


def test_download_my_data_includes_the_ceu_log(client, shipped_catalog):
    profile = ccs_and_cpc(client)
    log(profile, 1.25, "ccs", "cpc", title="Mine")

    data = client.get("/account/data.json").json()

    assert data["situation"]["ceu_log"][0] | {"date": None} == {
        "date": None,
        "ceus": "1.25",
        "title": "Mine",
        "provider": "",
        "from_issuer": False,
        "counts_toward": ["ccs", "cpc"],
    }
    assert data["situation"]["reminders"] is True

"""Renewal arithmetic against the bodies' published rules, as the shipped dataset records them.

Sources (catalog slugs): `ahima-recertification` (ahima.org/certification/recertification,
read 2026-11-27: 2-year cycle from the pass date, +10 per extra credential, 50 at most, RHIA
replaces RHIT, 40% from AHIMA since 2025-01-01); `aapc-maintain-certification`
(aapc.com/certifications/maintain-your-certification, read 2026-11-27: 36/40/44/48/52, due
on the membership date, first period pro-rated, no pre-certification CEUs; CPMA 16 in
auditing); `acdis-recertification` (acdis.org/certification/recert, read 2026-11-27: 30 CEUs
/ 2 years from the pass date, 45-day grace; CCDS-O the same); `aapc-cpc-apprenticeship`.
Plain functions: no database.
"""

import dataclasses
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest

from planner.renewals import (
    Entry,
    Held,
    RenewalRules,
    Status,
    add_months,
    renewal_events,
    renewal_report,
)
from roles.management.commands.load_catalog import SHIPPED

TODAY = date(2026, 11, 27)
RULES = RenewalRules.from_document(json.loads(SHIPPED.read_text(encoding="utf-8")))


def held(*slugs, earned=date(2026, 1, 10)):
    return [Held(slug, earned) for slug in slugs]


def entry(day, hours, *toward, from_issuer=False, key=None):
    return Entry(
        key=key or f"{day}-{hours}-{'+'.join(toward)}",
        day=day,
        hours=Decimal(str(hours)),
        title="Webinar",
        counts_toward=frozenset(toward),
        from_issuer=from_issuer,
    )


def only_cycle(report):
    assert len(report.cycles) == 1, report.cycles
    return report.cycles[0]


# -- AHIMA ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slugs", "needed"),
    [
        (["ccs"], 20),
        (["ccs", "ccs-p"], 30),
        (["rhia", "ccs"], 40),
        (["rhia", "ccs", "ccs-p"], 50),
        (["rhia", "ccs", "ccs-p", "chps"], 50),
        (["cca", "ccs", "ccs-p", "chps", "cdip"], 50),
    ],
)
def test_ahima_one_to_five_credentials_share_one_total_of_the_highest_plus_10_each_capped_at_50(
    slugs, needed
):
    """ahima-recertification: 20 or 30 for one credential, +10 per extra, 50 at most; one
    shared cycle, not a sum of separate ones."""
    cycle = only_cycle(renewal_report(held(*slugs), [], RULES, TODAY))

    assert cycle.needed == needed
    assert set(cycle.credential_slugs) == set(slugs)
    assert (cycle.start, cycle.end) == (date(2026, 1, 10), date(2028, 1, 10))


def test_ahima_rhia_replaces_rhit_so_the_pair_counts_once():
    """ahima-recertification: the RHIA replaces the RHIT (30 CEUs, not 40)."""
    report = renewal_report(
        [Held("rhit", date(2024, 5, 1)), Held("rhia", date(2025, 6, 1))], [], RULES, TODAY
    )

    assert only_cycle(report).needed == 30


def test_ahima_cycle_runs_two_years_from_the_earliest_pass_date():
    """ahima-recertification: a 2-year cycle from the pass date; a credential earned later
    joins the running cycle (our reading, recorded in the policy note)."""
    report = renewal_report(
        [Held("ccs", date(2025, 3, 2)), Held("ccs-p", date(2026, 4, 1))], [], RULES, TODAY
    )

    cycle = only_cycle(report)
    assert (cycle.start, cycle.end, cycle.needed) == (date(2025, 3, 2), date(2027, 3, 2), 30)


def test_ahima_40_percent_of_the_ceus_must_come_from_ahima_since_2025():
    """ahima-recertification (2026-11-27 audit row 8): from 1 January 2025, 40% of CEUs
    from AHIMA or its component associations. 30 needed -> 12 from AHIMA."""
    entries = [
        entry(date(2026, 3, 1), 20, "ccs"),
        entry(date(2026, 4, 1), 10, "ccs-p", from_issuer=True),
    ]
    cycle = only_cycle(renewal_report(held("ccs", "ccs-p"), entries, RULES, TODAY))

    assert (cycle.counted, cycle.left) == (30, 0)
    assert (cycle.share_percent, cycle.share_needed, cycle.share_logged) == (40, 12, 10)
    assert cycle.share_left == 2
    assert cycle.status == Status.ON_TRACK  # 30 logged, but the AHIMA share is short


def test_ahima_cycle_complete_once_the_total_and_the_share_are_met():
    entries = [
        entry(date(2026, 3, 1), 12, "ccs"),
        entry(date(2026, 4, 1), 8.25, "ccs", from_issuer=True),
    ]
    cycle = only_cycle(renewal_report(held("ccs"), entries, RULES, TODAY))

    assert (cycle.counted, cycle.share_needed, cycle.status) == (
        Decimal("20.25"),
        8,
        Status.COMPLETE,
    )


def test_the_ahima_share_does_not_apply_to_a_cycle_that_ended_before_2025():
    """The 40% rule applies to cycles ending on or after 2025-01-01."""
    report = renewal_report(held("ccs", earned=date(2022, 10, 1)), [], RULES, date(2024, 9, 1))

    cycle = only_cycle(report)
    assert cycle.end == date(2024, 10, 1)
    assert cycle.share_percent is None and cycle.share_needed == 0


# -- AAPC ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slugs", "needed"),
    [
        (["cpc"], 36),
        (["cpc", "cic"], 40),
        (["cpc", "cic", "crc"], 44),
        (["cpc", "cic", "crc", "cpma"], 48),
        (["cpc", "cic", "crc", "cpma", "cdeo"], 52),
        (["cpc", "cic", "crc", "cpma", "cdeo", "cpco"], 52),
    ],
)
def test_aapc_one_requirement_grows_36_40_44_48_52_with_the_credentials_held(slugs, needed):
    """aapc-maintain-certification: 36 for one, 40 for two, 44, 48, 52 for five or more."""
    report = renewal_report(held(*slugs), [], RULES, TODAY, aapc_due=date(2028, 1, 10))

    assert only_cycle(report).needed == needed


def test_aapc_cpc_a_and_the_cpc_that_replaced_it_count_once():
    report = renewal_report(
        [Held("cpc-a", date(2024, 1, 5)), Held("cpc", date(2026, 2, 1))],
        [],
        RULES,
        TODAY,
        aapc_due=date(2026, 1, 5),
    )

    assert only_cycle(report).needed == 36


def test_aapc_ceus_fall_due_on_the_membership_date_and_the_first_period_is_pro_rated():
    """aapc-maintain-certification (audit row 9): due on the membership renewal date, the
    first period pro-rated. Passed 2026-03-01, due 2027-01-15: 320 of 730 days, so
    36 x 320 / 730 = 15.8, rounded up to 16."""
    report = renewal_report(
        held("cpc", earned=date(2026, 3, 1)), [], RULES, TODAY, aapc_due=date(2027, 1, 15)
    )

    cycle = only_cycle(report)
    assert (cycle.start, cycle.end, cycle.needed, cycle.prorated) == (
        date(2026, 3, 1),
        date(2027, 1, 15),
        16,
        True,
    )
    assert report.assumptions == []


def test_aapc_due_date_given_years_ahead_still_finds_the_current_period():
    report = renewal_report(
        held("cpc", earned=date(2020, 6, 1)), [], RULES, TODAY, aapc_due=date(2030, 4, 1)
    )

    cycle = only_cycle(report)
    # Nothing was logged for the first period, 2020-06-01 to 2022-04-01 (669 of 730 days:
    # 36 x 669 / 730 = 33), so it is still the one to settle.
    assert (cycle.start, cycle.end, cycle.needed, cycle.prorated) == (
        date(2020, 6, 1),
        date(2022, 4, 1),
        33,
        True,
    )
    assert cycle.status == Status.OVERDUE


def test_aapc_without_a_membership_date_assumes_two_years_from_the_pass_date_and_says_so():
    report = renewal_report(held("cpc", earned=date(2026, 3, 1)), [], RULES, TODAY)

    cycle = only_cycle(report)
    assert (cycle.end, cycle.needed, cycle.prorated) == (date(2028, 3, 1), 36, False)
    assert "March 1, 2028" in report.assumptions[0]
    assert "membership renewal date" in report.assumptions[0]


def test_aapc_ceus_earned_before_certification_do_not_count_and_the_reason_is_given():
    """aapc-maintain-certification: CEUs earned before certification are not accepted."""
    entries = [entry(date(2026, 2, 1), 5, "cpc"), entry(date(2026, 3, 2), 4, "cpc")]
    report = renewal_report(held("cpc", earned=date(2026, 3, 1)), entries, RULES, TODAY)

    cycle = only_cycle(report)
    assert cycle.counted == 4
    [excluded] = cycle.excluded
    assert excluded.entry.day == date(2026, 2, 1)
    assert "before certification do not count" in excluded.reason


def test_the_cpma_auditing_ceus_are_recorded_with_the_cycle():
    """aapc-maintain-certification: CPMA needs 16 of the CEUs in auditing."""
    report = renewal_report(held("cpc", "cpma"), [], RULES, TODAY, aapc_due=date(2028, 1, 10))

    assert only_cycle(report).subject_rules == ("16 of the CEUs in auditing (CPMA)",)


# -- ACDIS ---------------------------------------------------------------------------------


def test_acdis_ccds_needs_30_ceus_in_2_years_from_its_pass_date_with_45_days_grace():
    """acdis-recertification: 30 CEUs / 2 years from the pass date, 45-day grace."""
    passed = date(2024, 11, 1)
    cycle = only_cycle(renewal_report(held("ccds", earned=passed), [], RULES, TODAY))

    assert (cycle.needed, cycle.end, cycle.grace_end) == (30, date(2026, 11, 1), date(2026, 12, 16))
    assert cycle.status == Status.IN_GRACE
    assert cycle.status_words == "in the grace period: 19 days left"


def test_acdis_after_the_grace_period_the_credential_is_overdue():
    cycle = only_cycle(
        renewal_report(held("ccds", earned=date(2024, 11, 1)), [], RULES, date(2026, 12, 17))
    )

    assert cycle.status == Status.OVERDUE
    assert cycle.status_words == "overdue by 46 days"


def test_acdis_ccds_and_ccds_o_renew_each_on_its_own():
    """acdis-recertification (audit row 16): the CCDS-O also renews with 30 CEUs / 2 years."""
    report = renewal_report(
        [Held("ccds", date(2025, 2, 1)), Held("ccds-o", date(2026, 1, 1))], [], RULES, TODAY
    )

    assert [(c.credentials, c.needed, c.end) for c in report.cycles] == [
        (("CCDS",), 30, date(2027, 2, 1)),
        (("CCDS-O",), 30, date(2028, 1, 1)),
    ]


# -- mixed bodies, cycles, statuses ------------------------------------------------------


def test_one_entry_counts_for_an_ahima_and_an_aapc_credential_at_once():
    """The issue's scenario: CCS and CPC earned two years ago minus 45 days, 12 CEUs that
    count for both: AHIMA 20 (8 left), AAPC 36 (24 left), both due in 45 days."""
    earned = add_months(TODAY, -24) + timedelta(days=45)
    entries = [entry(date(2026, 5, 1), 12, "ccs", "cpc")]
    report = renewal_report(held("ccs", "cpc", earned=earned), entries, RULES, TODAY)

    by_issuer = {cycle.issuer: cycle for cycle in report.cycles}
    assert (by_issuer["ahima"].needed, by_issuer["ahima"].left) == (20, 8)
    assert (by_issuer["aapc"].needed, by_issuer["aapc"].left) == (36, 24)
    for cycle in report.cycles:
        assert cycle.status == Status.DUE
        assert cycle.status_words == "due in 45 days"


def test_a_mixed_person_with_three_bodies_gets_one_cycle_per_body_and_one_per_acdis_credential():
    report = renewal_report(
        held("ccs", "rhit", "cpc", "cic", "ccds", "ccds-o"),
        [],
        RULES,
        TODAY,
        aapc_due=date(2028, 1, 10),
    )

    assert sorted((c.issuer, c.needed) for c in report.cycles) == [
        ("aapc", 40),
        ("acdis", 30),
        ("acdis", 30),
        ("ahima", 30),
    ]


def test_ceus_from_the_last_cycle_do_not_count_toward_this_one_and_say_why():
    passed = date(2022, 6, 1)
    entries = [
        entry(date(2023, 1, 1), 20, "ccs", from_issuer=True),
        entry(date(2025, 1, 1), 3, "ccs"),
    ]
    cycle = only_cycle(renewal_report(held("ccs", earned=passed), entries, RULES, TODAY))

    assert (cycle.start, cycle.end, cycle.counted) == (date(2024, 6, 1), date(2026, 6, 1), 3)
    # The first cycle (to 2024-06-01) was complete, so the second is current; it is past
    # its due date with CEUs missing.
    assert cycle.status == Status.OVERDUE
    [excluded] = cycle.excluded
    assert excluded.reason == "dated before this cycle began on June 1, 2024"


def test_a_cycle_more_than_90_days_away_is_on_track_and_within_90_is_due():
    far = only_cycle(renewal_report(held("ccs", earned=date(2026, 1, 10)), [], RULES, TODAY))
    near = only_cycle(renewal_report(held("ccs", earned=date(2025, 1, 10)), [], RULES, TODAY))

    assert far.status == Status.ON_TRACK and far.status_words == "on track: due in 409 days"
    assert near.status == Status.DUE and near.status_words == "due in 44 days"


def test_a_credential_not_yet_earned_on_the_day_is_left_out():
    report = renewal_report(held("ccs", earned=TODAY + timedelta(days=1)), [], RULES, TODAY)

    assert report.cycles == []


# -- the apprentice designation ------------------------------------------------------------


def test_a_cpc_a_gets_a_countdown_item_saying_what_removes_it_and_that_no_deadline_is_known():
    """aapc-cpc-apprenticeship: three ways to remove the '-A'; no deadline in our sources."""
    report = renewal_report(
        held("cpc-a"), [], RULES, TODAY, planned_removals={"cpc-a": date(2027, 9, 1)}
    )

    [item] = report.apprentices
    assert (item.acronym, item.removed_by, item.deadline) == ("CPC-A", ("CPC",), None)
    assert "80-hour" in item.note and item.source.slug == "aapc-cpc-apprenticeship"
    assert item.status_words == "no deadline in our sources"
    assert item.planned_removal == date(2027, 9, 1)


def test_an_apprentice_deadline_in_the_data_gives_a_dated_countdown():
    cpc_a = RULES.credentials["cpc-a"]
    rules = dataclasses.replace(
        RULES,
        credentials={
            **RULES.credentials,
            "cpc-a": dataclasses.replace(
                cpc_a, apprentice=dataclasses.replace(cpc_a.apprentice, deadline_months=36)
            ),
        },
    )
    [item] = renewal_report(held("cpc-a", earned=date(2024, 1, 1)), [], rules, TODAY).apprentices

    assert (item.deadline, item.days_left) == (date(2027, 1, 1), 35)
    assert item.status_words == "35 days left"


def test_once_the_cpc_is_held_there_is_no_apprentice_countdown():
    report = renewal_report(
        [Held("cpc-a", date(2024, 1, 1)), Held("cpc", date(2026, 1, 1))], [], RULES, TODAY
    )

    assert report.apprentices == []


# -- calendar events -----------------------------------------------------------------------


def test_renewal_events_keep_their_keys_when_ceus_are_logged():
    earned = date(2024, 11, 1)
    before = renewal_events(renewal_report(held("ccs", "ccds", earned=earned), [], RULES, TODAY))
    after = renewal_events(
        renewal_report(
            held("ccs", "ccds", earned=earned),
            [entry(date(2025, 1, 1), 5, "ccs", "ccds")],
            RULES,
            TODAY,
        )
    )

    assert [(e.key, e.day) for e in before] == [(e.key, e.day) for e in after]
    assert [(e.key, e.day) for e in before] == [
        ("renewal-ahima-2024-11-01", date(2026, 11, 1)),
        ("renewal-ccds-2024-11-01", date(2026, 11, 1)),
        ("renewal-ccds-2024-11-01-grace", date(2026, 12, 16)),
    ]
    assert "5 logged" in after[0].description and "40% (8)" in after[0].description

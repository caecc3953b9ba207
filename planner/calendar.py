"""A plan's milestones as a calendar: events worked out from documents, then an ICS file.

The calendar is a list of `Event`s, each from a pure function over a document (the
roadmap here; renewals can add theirs), and `to_ics` writes any such list. An event's UID
is made from the calendar's stable prefix (the plan) and the event's stable key (the
step's key, never its date), so a re-planned roadmap moves an event in a subscribed
calendar instead of adding a second one.

Update policy: DTSTAMP and LAST-MODIFIED are the time the plan was last saved, and
SEQUENCE is the plan's revision, raised on every save. A re-saved plan so raises every
event's SEQUENCE (what Outlook and Apple Calendar compare to take an update; an event that
did not change is merely re-read), while a plan left alone gives byte-for-byte the same
file on every poll.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import icalendar

PRODID = "-//Career Planner//Roadmap milestones//EN"
UID_DOMAIN = "careerplanner"
REFRESH = timedelta(hours=12)


@dataclass(frozen=True)
class Event:
    """One all-day milestone. `key` is stable across re-planning and unique in a calendar."""

    key: str
    day: date
    summary: str
    description: str


def _day(iso: str) -> date:
    return date.fromisoformat(iso)


def step_events(roadmap: dict) -> list[Event]:
    """Program ends, planned exams, credentials granted, hires and moves, each with why it
    is there (the step's `because` names the rule route). A step's title already reads as
    a milestone ("Sit the CCS exam (...)", "Get hired as ..."); work steps are the time
    between milestones, not one."""
    events = []
    for step in roadmap.get("steps") or ():
        if step["kind"] == "study":
            program = step["title"].removeprefix("Study: ")
            events.append(
                Event(step["key"], _day(step["end"]), f"Program ends: {program}", step["because"])
            )
        elif step["kind"] in ("exam", "grant", "move"):
            events.append(Event(step["key"], _day(step["start"]), step["title"], step["because"]))
    return events


CHECK_WORDS = {
    "required": ("Eligible to sit the {name} exam", "The hard requirement holds, by {route}."),
    "recommended": (
        "Recommended readiness for the {name} exam",
        "The issuing body's recommended readiness holds, by {route}.",
    ),
}


def eligibility_events(
    roadmap: dict, names: Mapping[str, str] | None = None, sources: Mapping[str, str] | None = None
) -> list[Event]:
    """The dates on which a checked credential's hard requirement and its recommended
    readiness come to hold. One that already holds at the start, or never does, has no date
    to put in a calendar. `names` gives a credential's acronym by slug, `sources` a
    source's words (title and address) by slug."""
    events = []
    for item in roadmap.get("eligibility") or ():
        name = (names or {}).get(item["credential"]) or item["credential"].upper()
        for side, (summary, why) in CHECK_WORDS.items():
            check = item[side]
            if check.get("status") != "later" or not check.get("date"):
                continue
            rules = (
                f" Rules in force from {item['rule_effective']}."
                if item.get("rule_effective")
                else ""
            )
            cited = "; ".join((sources or {}).get(slug, slug) for slug in item.get("sources") or ())
            events.append(
                Event(
                    f"eligibility:{item['credential']}:{side}",
                    _day(check["date"]),
                    summary.format(name=name),
                    why.format(route=check["route"])
                    + rules
                    + (f" Sources: {cited}." if cited else ""),
                )
            )
    return events


def target_events(roadmap: dict) -> list[Event]:
    if not roadmap.get("reachable") or not roadmap.get("finish"):
        return []
    title = (roadmap.get("target") or {}).get("title", "the target")
    why = f"Every step of the roadmap to {title} is done: the target is reached."
    return [Event("target", _day(roadmap["finish"]), f"Ready: {title}", why)]


def plan_events(
    roadmap: dict, names: Mapping[str, str] | None = None, sources: Mapping[str, str] | None = None
) -> list[Event]:
    """Every milestone of a roadmap document, in date order (the steps' order on one day).
    `names` and `sources` put words on the slugs the document gives (eligibility_events)."""
    events = (
        step_events(roadmap) + eligibility_events(roadmap, names, sources) + target_events(roadmap)
    )
    return sorted(events, key=lambda event: event.day)  # stable: roadmap order on a tie


def to_ics(
    events: list[Event], *, name: str, uid_prefix: str, link: str, saved: datetime, sequence: int
) -> bytes:
    """An ICS calendar of all-day, free-time events. `uid_prefix` names the calendar for
    good (e.g. "plan-12"); `link` goes back to the page the events come from; `saved` is
    when their source last changed and `sequence` its revision (module docstring: the
    update policy)."""
    saved = saved.astimezone(UTC).replace(microsecond=0)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    for event in events:
        entry = icalendar.Event()
        entry.add("uid", f"{uid_prefix}-{event.key}@{UID_DOMAIN}")
        entry.add("dtstamp", saved)
        entry.add("last-modified", saved)
        entry.add("sequence", sequence)
        entry.add("dtstart", event.day)
        entry.add("dtend", event.day + timedelta(days=1))
        entry.add("summary", event.summary)
        entry.add("description", f"{event.description}\n\nThe plan: {link}")
        entry.add("url", link)
        entry.add("transp", "TRANSPARENT")
        calendar.add_component(entry)
    return calendar.to_ical()

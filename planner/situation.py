"""A signed-out person's situation, kept in their session so it is asked once.

The situation is what the engine needs to know about the person (education, credentials
held, months of experience by kind, the role held now), stored under one session key as
the engine request mapping itself (the fields of planner.requests / the API), so it can be
planned from directly and handed over as it is when the person signs up.
"""

from __future__ import annotations

from typing import Any

SESSION_KEY = "planner_situation"
SITUATION_FIELDS = ("education", "credentials", "experience", "role")


def session_situation(session) -> dict[str, Any]:
    """The session's situation as an engine request mapping, e.g.
    {"education": "high-school", "credentials": ["cca"], "experience": {"coding": 12},
    "role": "inpatient-coder"}; {} when the person has not given one."""
    stored = session.get(SESSION_KEY) or {}
    return {name: stored[name] for name in SITUATION_FIELDS if name in stored}


def remember_situation(session, situation: dict[str, Any]) -> None:
    """Keep `situation` (an engine request mapping) in the session; other keys are dropped."""
    kept = {name: situation[name] for name in SITUATION_FIELDS if name in situation}
    if session.get(SESSION_KEY) != kept:
        session[SESSION_KEY] = kept

"""Filters for the signed-out planning pages: ISO dates from the roadmap document, money."""

from datetime import date

from django import template

from planner.earnings_chart import money as money_words

register = template.Library()


@register.filter
def isodate(value: str | None) -> date | None:
    """'2032-10-01' -> date(2032, 10, 1), for the `date` filter; None stays None."""
    return date.fromisoformat(value) if value else None


@register.filter
def money(value: int | float | None) -> str:
    """$42,000; None is 'unknown', never $0."""
    return "unknown" if value is None else money_words(value)

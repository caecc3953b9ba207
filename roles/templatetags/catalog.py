"""Template helpers for the catalog pages: routes as lists, and glossary links."""

from __future__ import annotations

import re

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from roles.glossary import TERMS
from roles.models import EducationLevel, Route

register = template.Library()


def years_or_months(months: int) -> str:
    """ "2 years", "18 months": years where people think in years."""
    if months % 12 == 0:
        years = months // 12
        return f"{years} year{'' if years == 1 else 's'}"
    return f"{months} month{'' if months == 1 else 's'}"


register.filter("years_or_months", years_or_months)


@register.simple_tag
def route_parts(route: Route) -> list[dict]:
    """A route's conditions, all of which must hold; each may be "one of" a list.

    Each part is {"label", "items": [(text, url or "")], "one_of": bool}. Reads only what
    RouteQuerySet.for_display() fetched.
    """
    programs = reverse("roles:program-list")
    parts = []
    if route.education:
        label = EducationLevel(route.education).label
        parts.append({"label": "Education", "items": [(f"at least a {label.lower()}", "")]})
    groups = (
        (
            "Program completed",
            [(p.name, f"{programs}#program-{p.slug}") for p in route.programs.all()],
        ),
        (
            "Credential held",
            [(c.acronym, c.get_absolute_url()) for c in route.credentials.all()],
        ),
        ("License held", [(licence.name, "") for licence in route.licences.all()]),
    )
    for label, items in groups:
        if items:
            parts.append({"label": label, "items": items, "one_of": len(items) > 1})
    for term in route.experience.all():
        text = f"{years_or_months(term.months)} of {term.kind.name.lower()} experience"
        parts.append({"label": "Experience", "items": [(text, "")]})
    if route.current_role_accrues_id:
        text = f"now working in a role that builds {route.current_role_accrues.name.lower()}"
        parts.append({"label": "Current job", "items": [(text, "")]})
    return parts


@register.simple_tag(takes_context=True)
def linked(context, text: str) -> str:
    """The text, escaped, with each glossary term linked where it first appears on the page."""
    seen = context.dicts[0].setdefault("glossary_terms_linked", set())
    html = str(conditional_escape(text))
    glossary = reverse("roles:glossary")
    for term in TERMS:
        if term.slug in seen:
            continue
        for spelling in term.matches:
            pattern = re.compile(rf"(?<![\w#/-]){re.escape(spelling)}(?![\w-])")
            match = next(
                (m for m in pattern.finditer(html) if not _inside_link(html, m.start())), None
            )
            if match:
                link = format_html(
                    '<a class="term" href="{}#{}">{}</a>', glossary, term.slug, match.group(0)
                )
                html = html[: match.start()] + link + html[match.end() :]
                seen.add(term.slug)
                break
    return mark_safe(html)  # noqa: S308 - escaped above, links built by format_html


def _inside_link(html: str, position: int) -> bool:
    before = html[:position]
    return before.rfind("<a ") > before.rfind("</a>") or before.rfind("<") > before.rfind(">")

"""Answers kept in the shared cache (Redis in production), so a question asked before is
not worked out again: roadmap documents, and the rendered answers of the public pages.

The engine is deterministic given the catalog, the request mapping and today (its clock
cap aside: a plan it gives up on is kept for a minute only), so a roadmap is keyed by the
digest of the catalog document (planner.snapshot), the normalised request, today's date
and the release (a digest of the code and templates, so a deploy never serves an answer
the old code worked out). A catalog edit changes the digest: the next request plans
afresh. A roadmap depends on the request alone, and a page's answer is kept only for
visitors who are not signed in, whose answer depends on the address alone (see `answer`).
A saved plan's panels (`fragment`) are keyed by the plan and everything they show of it
(its revision, its marks, the situation the what-if plans from), and hold no CSRF token.

The cache is an accelerator: when it does not answer, the page is worked out as before
and the failure logged (/healthz reports the cache down).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils.safestring import SafeString, mark_safe

from .engine import Catalog
from .requests import roadmap_document
from .snapshot import digest_of

logger = logging.getLogger(__name__)

TIMEOUT = 24 * 60 * 60  # keys hold today's date: nothing is asked for after a day
GAVE_UP_TIMEOUT = 60  # a plan past the engine's caps may be one a quieter second answers


@functools.cache
def release() -> str:
    """A digest of the code and templates that work out and draw an answer."""
    base = settings.BASE_DIR
    files = [
        *sorted((base / "templates").rglob("*.html")),
        *(
            path
            for app in ("careerplanner", "roles", "planner")
            for path in sorted((base / app).rglob("*.py"))
        ),
    ]
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def key(kind: str, *parts: Any) -> str:
    text = json.dumps([release(), *parts], sort_keys=True, default=str, separators=(",", ":"))
    return f"{kind}:{hashlib.sha256(text.encode()).hexdigest()}"


def _get(name: str) -> Any:
    try:
        return cache.get(name)
    except Exception:
        logger.warning("The cache does not answer; working the answer out", exc_info=True)
        return None


def _set(name: str, value: Any, timeout: int) -> None:
    try:
        cache.set(name, value, timeout)
    except Exception:
        logger.warning("The cache does not answer; the answer is not kept", exc_info=True)


def roadmap(catalog: Catalog, data: Mapping[str, Any], *, today: date) -> dict:
    """planner.requests.roadmap_document, from the cache when the same question was asked
    of the same catalog today. Raises InputError as roadmap_document does (not kept)."""
    digest = digest_of(catalog)
    if digest is None:  # not the current snapshot: nothing to key it by
        return roadmap_document(catalog, data, today=today)
    name = key("roadmap", digest, today, data)
    document = _get(name)
    if document is None:
        document = roadmap_document(catalog, data, today=today)
        _set(name, document, GAVE_UP_TIMEOUT if document.get("too_complex") else TIMEOUT)
    return document


def answer(
    request: HttpRequest, page: str, catalog: Catalog, today: date, work_out: Callable[[], dict]
) -> dict:
    """The part of a public page that answers the question in its address, for a visitor
    who is not signed in: kept per page, address, catalog and day. `work_out()` returns a
    dict of plain values (rendered HTML and what the view needs besides); for a signed-in
    person, or a catalog with no digest, it is simply called."""
    digest = digest_of(catalog)
    if request.user.is_authenticated or digest is None:
        return work_out()
    query = sorted((name, request.GET.getlist(name)) for name in request.GET)
    site = request.build_absolute_uri("/")  # scheme and host: a comparison's share link names them
    name = key(f"answer:{page}", digest, today, site, query)
    found = _get(name)
    if found is None:
        found = work_out()
        _set(name, found, TIMEOUT)
    return found


def fragment(kind: str, parts: list[Any], draw: Callable[[], str]) -> str:
    """HTML drawn by `draw()`, kept for the day under `kind` and `parts`: the caller puts
    in `parts` everything the HTML depends on. Nothing per person but what `parts` names
    goes in: a form's CSRF token is drawn as `CSRF_PLACEHOLDER` and put in by the caller
    for each request (`with_csrf_token`)."""
    name = key(f"fragment:{kind}", *parts)
    html = _get(name)
    if html is None:
        html = draw()
        _set(name, html, TIMEOUT)
    return html


# Drawn where {% csrf_token %} puts the token in a kept fragment: letters only, so the HTML
# escaping of the template leaves it as it is.
CSRF_PLACEHOLDER = "csrftokenkeptoutofthecache"


def with_csrf_token(request: HttpRequest, html: str) -> SafeString:
    """A kept fragment with this request's CSRF token (a fresh mask of the person's
    secret, as {% csrf_token %} would have drawn) where the placeholder stands."""
    return mark_safe(html.replace(CSRF_PLACEHOLDER, get_token(request)))

"""The server-error page: the site's own when it can be drawn, plain text when not.

The branded 500.html extends base.html, which needs the database-free parts of the site
(static file names, URL names). When the error is in one of those very parts — a
production process started before `collectstatic`, say — drawing the branded page would
fail too and hide the first error, so the answer falls back to one plain sentence.
"""

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader

logger = logging.getLogger(__name__)

PLAIN = "Something went wrong on our side. Please try again in a few minutes."


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        body = loader.get_template("500.html").render({}, request)
    except Exception:
        logger.exception("The 500 page itself could not be drawn")
        return HttpResponseServerError(PLAIN, content_type="text/plain; charset=utf-8")
    return HttpResponseServerError(body)

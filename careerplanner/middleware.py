"""Site-wide middleware: the request log line, Permissions-Policy, the body size limit."""

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse

Middleware = Callable[[HttpRequest], HttpResponseBase]
request_logger = logging.getLogger("careerplanner.request")


def request_log(get_response: Middleware) -> Middleware:
    """One line a request: method, path, status, milliseconds (errors add their traceback
    through Django's own django.request logger)."""

    def middleware(request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        response = get_response(request)
        elapsed = (time.perf_counter() - started) * 1000
        request_logger.info(
            "%s %s %s %.0fms", request.method, request.path, response.status_code, elapsed
        )
        return response

    return middleware


def permissions_policy(get_response: Middleware) -> Middleware:
    """Turn off the browser features the site never uses (settings.PERMISSIONS_POLICY)."""

    def middleware(request: HttpRequest) -> HttpResponseBase:
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware


def body_size_limit(get_response: Middleware) -> Middleware:
    """Refuse a body over DATA_UPLOAD_MAX_MEMORY_SIZE with 413 before anything reads it
    (and a Content-Length that is not a size with 400): a JSON error on the API, in its
    422 shape, plain text elsewhere. File uploads (multipart) have their own limits in
    Django and nginx and pass through."""

    def middleware(request: HttpRequest) -> HttpResponseBase:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        length = request.META.get("CONTENT_LENGTH") or "0"
        if not length.isdigit():
            return _refuse(request, 400, "The Content-Length header is not a size.")
        too_large = limit is not None and int(length) > limit
        if too_large and not request.content_type.startswith("multipart/"):
            return _refuse(
                request, 413, f"The request body is larger than the limit of {limit} bytes."
            )
        return get_response(request)

    return middleware


def _refuse(request: HttpRequest, status: int, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": [{"loc": ["body"], "msg": message}]}, status=status)
    return HttpResponse(message, status=status, content_type="text/plain")

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
    """Refuse a body over DATA_UPLOAD_MAX_MEMORY_SIZE with 413 before anything reads it:
    a JSON error on the API (in its 422 shape), plain text elsewhere. File uploads
    (multipart) have their own limits in Django and nginx and pass through."""

    def middleware(request: HttpRequest) -> HttpResponseBase:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        too_large = limit is not None and _content_length(request) > limit
        if too_large and not request.content_type.startswith("multipart/"):
            message = f"The request body is larger than the limit of {limit} bytes."
            if request.path.startswith("/api/"):
                detail = [{"loc": ["body"], "msg": message}]
                return JsonResponse({"detail": detail}, status=413)
            return HttpResponse(message, status=413, content_type="text/plain")
        return get_response(request)

    return middleware


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0

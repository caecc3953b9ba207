"""What the app server runs only under the bench (settings.py in this package)."""

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

QUERIES_HEADER = "X-Bench-Queries"


@require_GET
def ceiling(request: HttpRequest) -> HttpResponse:
    """A constant response: no database, no cache, no template. What Django and the
    middleware cost on this machine, which every page pays too."""
    return HttpResponse("ok\n", content_type="text/plain")


def count_queries(get_response):
    """Count the SQL queries of each request into the X-Bench-Queries header."""

    def middleware(request: HttpRequest) -> HttpResponse:
        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            response = get_response(request)
        response[QUERIES_HEADER] = str(count)
        return response

    return middleware

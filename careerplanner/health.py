"""`/healthz`: 200 when the database and the cache both answer, 503 when either does not.

For a load balancer or a monitor: the answer says nothing about what failed (the log does).
"""

import logging
import secrets

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.warning("Health check: the database does not answer", exc_info=True)
        return False


def cache_answers() -> bool:
    key = f"healthz-{secrets.token_hex(8)}"  # one key a probe: app servers share the cache
    try:
        cache.set(key, 1, 10)
        answered = cache.get(key) == 1
        cache.delete(key)
        return answered
    except Exception:
        logger.warning("Health check: the cache does not answer", exc_info=True)
        return False


@require_GET
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    healthy = database_answers() & cache_answers()  # both asked, so the log names each
    return HttpResponse(
        "ok\n" if healthy else "unavailable\n",
        status=200 if healthy else 503,
        content_type="text/plain",
    )

"""`/healthz`: 200 when the database and the cache answer, 503 when either does not.

The failures are real ones: a cache at a port where nothing listens, a database server
that is not there. The answer never says which failed or why; the log does.
"""

import socket
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings


def closed_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def cache_down():
    location = f"redis://127.0.0.1:{closed_port()}/0"
    backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}
    with override_settings(CACHES={"default": backend}):
        yield
        caches["default"].close()


def test_it_answers_200_when_the_database_and_the_cache_answer(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response.headers["Cache-Control"]


def test_it_answers_503_without_detail_when_the_cache_does_not(client, db, cache_down, caplog):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.content == b"unavailable\n"
    assert "the cache does not answer" in caplog.text  # the operator's log says what failed
    assert "Connection refused" in caplog.text


def test_it_answers_503_without_detail_when_the_database_does_not():
    """A deployment whose DATABASE_URL names a server that is not there."""
    probe = (
        "from django.test import Client; response = Client().get('/healthz');"
        "print('STATUS', response.status_code, response.content)"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", probe],
        cwd=settings.BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": f"postgres://careerplanner@127.0.0.1:{closed_port()}/careerplanner",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert "STATUS 503 b'unavailable\\n'" in result.stdout, result.stderr
    assert "the database does not answer" in result.stdout
    assert "Traceback" in result.stdout and "OperationalError" in result.stdout


def test_it_only_answers_get(client, db):
    assert client.post("/healthz").status_code == 405

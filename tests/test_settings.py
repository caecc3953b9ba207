"""The deployment settings a production run relies on."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.cache import cache
from django.test import override_settings
from django.utils.module_loading import import_string


def test_the_database_is_the_one_database_url_names():
    vendor = "postgresql" if os.getenv("DATABASE_URL", "").startswith("postgres") else "sqlite3"
    assert settings.DATABASES["default"]["ENGINE"] == f"django.db.backends.{vendor}"


def test_cache_and_sessions_go_to_redis_exactly_when_it_is_configured(db):
    redis_url = os.getenv("DJANGO_REDIS_URL")
    backend = settings.CACHES["default"]["BACKEND"]
    assert backend.endswith("RedisCache" if redis_url else "LocMemCache")
    cache.set("career-planner-probe", {"months": 12}, 30)
    assert cache.get("career-planner-probe") == {"months": 12}  # a real round trip

    store: SessionBase = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    store["plan"] = "ccs"
    store.save()
    again = import_string(f"{settings.SESSION_ENGINE}.SessionStore")(session_key=store.session_key)
    assert again["plan"] == "ccs"


# Production settings, as a deployment reads them from its environment ---------------------

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-long-random-production-key-9f2c47d1e8b3a6051c7d2e9f4b8a3c6d",
    "DJANGO_ALLOWED_HOSTS": "careers.example.org",
}
SETTINGS_SHOWN = [
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "MANIFEST_STATIC",
]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """manage.py in a fresh process, so settings.py reads exactly this environment."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_under(**env: str) -> dict:
    names = ", ".join(f"{name!r}: settings.{name}" for name in SETTINGS_SHOWN)
    code = f"import json; from django.conf import settings; print(json.dumps({{{names}}}))"
    result = run_manage("shell", "--no-imports", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_on_the_development_secret_key():
    env = {**PRODUCTION}
    del env["DJANGO_SECRET_KEY"]
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode != 0
    assert "security.W009" in result.stderr


def test_https_protections_are_on_by_default_when_debug_is_off():
    assert settings_under(**PRODUCTION) == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "MANIFEST_STATIC": True,
    }


def test_each_protection_can_be_switched_off_for_tls_handled_elsewhere():
    switched = settings_under(
        **PRODUCTION,
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_HSTS_SECONDS="0",
        DJANGO_MANIFEST_STATIC="0",
    )
    assert not any(value for name, value in switched.items())


def test_debug_turns_the_https_protections_off():
    debug = settings_under(DJANGO_DEBUG="1")
    assert debug["DEBUG"] is True
    assert not debug["SECURE_SSL_REDIRECT"] and not debug["SECURE_HSTS_SECONDS"]


@pytest.mark.parametrize(
    ("variable", "value"), [("DJANGO_HSTS_SECONDS", "a year"), ("DJANGO_SECURE_COOKIES", "yes")]
)
def test_a_bad_value_stops_the_start_with_the_variables_name(variable, value):
    result = run_manage("check", **{**PRODUCTION, variable: value})
    assert result.returncode != 0
    assert f"{variable} must be" in result.stderr


def test_collectstatic_writes_hashed_compressed_files_that_pages_link_to(tmp_path):
    env = {**PRODUCTION, "DJANGO_STATIC_ROOT": str(tmp_path)}
    # Only this project's own files: compressing the vendors' bundles (admin, API docs,
    # htmx) takes half a minute, and tests/scale collects everything the production way.
    vendors = ["--ignore=admin", "--ignore=ninja", "--ignore=import_export", "--ignore=django_htmx"]
    result = run_manage("collectstatic", "--noinput", *vendors, **env)
    assert result.returncode == 0, result.stderr

    hashed = list((tmp_path / "css").glob("app.*.css"))
    assert len(hashed) == 1
    assert hashed[0].with_name(hashed[0].name + ".gz").exists()
    link = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.templatetags.static import static; print(static('css/app.css'))",
        **env,
    )
    assert link.stdout.strip() == f"/static/css/{hashed[0].name}"


# Response headers -------------------------------------------------------------------------


def test_every_page_carries_the_security_headers(client, db):
    response = client.get("/credentials/", secure=True)

    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@override_settings(SECURE_SSL_REDIRECT=True)
def test_plain_http_is_redirected_to_https_unless_the_proxy_says_https(client, db):
    plain = client.get("/credentials/")
    assert plain.status_code == 301
    assert plain.headers["Location"] == "https://testserver/credentials/"

    behind_proxy = client.get("/credentials/", headers={"X-Forwarded-Proto": "https"})
    assert behind_proxy.status_code == 200


@override_settings(SECURE_SSL_REDIRECT=True)
def test_the_health_check_answers_over_plain_http_for_probes(client, db):
    assert client.get("/healthz").status_code == 200

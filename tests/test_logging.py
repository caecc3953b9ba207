"""What an operator reads on stdout: one line a request, and each error's traceback."""

import re
import subprocess
import sys

from django.conf import settings


def test_a_production_process_logs_each_request_and_each_errors_traceback(tmp_path):
    """A real failure: a production process started before anyone ran collectstatic."""
    requests = (
        "from django.test import Client; client = Client(raise_request_exception=False);"
        "client.get('/healthz'); client.get('/credentials/')"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", requests],
        cwd=settings.BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'unmigrated.sqlite3'}",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )

    lines = result.stdout.splitlines()
    assert any(re.search(r"INFO careerplanner.request GET /healthz 200 \d+ms$", ln) for ln in lines)
    assert any(re.search(r"GET /credentials/ 500 \d+ms$", ln) for ln in lines)
    assert "ERROR django.request Internal Server Error: /credentials/" in result.stdout
    assert "Traceback (most recent call last)" in result.stdout
    assert "Missing staticfiles manifest entry for 'css/app.css'" in result.stdout
    assert "Traceback" not in result.stderr  # everything an operator needs is on stdout


def test_a_client_error_is_one_line_not_two(client, db, caplog):
    client.get("/roles/no-such-role/")

    lines = [record.getMessage() for record in caplog.records]
    assert len([line for line in lines if "/roles/no-such-role/" in line]) == 1
    assert re.fullmatch(r"GET /roles/no-such-role/ 404 \d+ms", lines[-1])

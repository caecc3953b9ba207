"""The scale tests run against .ci/with-cluster (`make test-scale`): nginx with
deploy/nginx.conf in front of two gunicorn app servers, PostgreSQL and Redis."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

from .site import STAFF_PASSWORD, STAFF_USERNAME, Cluster


def pytest_collection_modifyitems(items):
    for item in items:
        if "/scale/" in str(item.fspath):
            item.add_marker(pytest.mark.scale)


@pytest.fixture(scope="session")
def cluster() -> Cluster:
    if "CLUSTER_URL" not in os.environ:
        pytest.fail("tests/scale needs the cluster: run `make test-scale`")
    return Cluster()


@pytest.fixture(scope="session")
def staff(cluster) -> str:
    """A superuser in the cluster's database, made as an operator makes one."""
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "createsuperuser",
            "--noinput",
            "--username",
            STAFF_USERNAME,
            "--email",
            "scale@example.org",
        ],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SUPERUSER_PASSWORD": STAFF_PASSWORD},
        check=True,
        capture_output=True,
    )
    return STAFF_USERNAME


@pytest.fixture
def both_running(cluster):
    """Every test starts and ends with both app servers up."""
    for app in cluster.apps.values():
        if not app.answers():
            app.start()
    yield cluster
    for app in cluster.apps.values():
        if not app.answers():
            app.start()

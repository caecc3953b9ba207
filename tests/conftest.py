"""Fixtures every test module can use. Each test still builds the data it asserts on."""

import copy
import os

import pytest
from django.test import override_settings

# A plan's search stops after 50,000 states (the same on every machine) or one second of
# clock; two test workers and a browser on two cores can make a second of clock much less
# work, so the suite gives the clock more room and keeps the effort cap as it ships.
os.environ.setdefault("DJANGO_PLAN_TIME_LIMIT", "10")


def pytest_sessionfinish(session, exitstatus):
    """A skipped test is a test that did not run: treat it as a failure, as CI does."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and reporter.stats.get("skipped") and exitstatus == 0:
        reporter.write_line("Skipped tests count as failures here.", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_configure(config):
    """Test servers speak plain HTTP on loopback and serve the static source files: no TLS
    to redirect to or to carry secure cookies, no `collectstatic` output. Production keeps
    all three (tests/test_settings.py checks it; tests/scale runs the production path)."""
    from django.conf import settings

    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True


@pytest.fixture(scope="session")
def shipped_document():
    from roles.catalog_file import load_document, validate
    from roles.management.commands.load_catalog import SHIPPED

    doc = load_document(SHIPPED)
    validate(doc, path=str(SHIPPED))
    return doc


@pytest.fixture
def shipped_catalog(db, shipped_document):
    """The shipped dataset, loaded into the test database (a fresh copy of the document)."""
    from roles.catalog_io import load_document as load_into_database

    # The change history of this set-up load is not what any test looks at; skipping it
    # halves the load time of the many tests that start from the shipped catalog.
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        load_into_database(shipped_document)
    return copy.deepcopy(shipped_document)


# tests/scale runs against a cluster of app servers (`make test-scale`), not in this process.
collect_ignore = [] if os.getenv("CLUSTER_URL") else ["scale"]


@pytest.fixture(autouse=True)
def fresh_catalog_snapshot():
    """Each test's catalog is its own. The snapshot is cached by CatalogVersion number, and
    a rolled-back test database can give a different catalog the same number."""
    from planner import snapshot

    snapshot._snapshot = snapshot._renewal_rules = None
    yield
    snapshot._snapshot = snapshot._renewal_rules = None


@pytest.fixture(autouse=True)
def own_cache_keys(settings):
    """Each test has the cache to itself (the same backend, keys of its own). Answers in
    the cache are keyed by everything they depend on, so one another test left would be
    right, but it would hide the work a test means to look at (the engine's run, the
    context the page was drawn from)."""
    import uuid

    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        name: {**config, "KEY_PREFIX": prefix} for name, config in settings.CACHES.items()
    }


@pytest.fixture(autouse=True, scope="session")
def partials_seen_by_the_test_client():
    """The test client records the context of each template a view renders (Django
    instruments Template._render in tests); a partial rendered on its own
    ("page.html#answer", as the cached public pages do) is recorded the same way."""
    from django.test.utils import instrumented_test_render
    from template_partials.templatetags.partials import TemplateProxy

    original = TemplateProxy._render
    TemplateProxy._render = instrumented_test_render
    yield
    TemplateProxy._render = original

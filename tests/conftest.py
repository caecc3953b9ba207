"""Fixtures every test module can use. Each test still builds the data it asserts on."""

import pytest


def pytest_sessionfinish(session, exitstatus):
    """A skipped test is a test that did not run: treat it as a failure, as CI does."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and reporter.stats.get("skipped") and exitstatus == 0:
        reporter.write_line("Skipped tests count as failures here.", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def shipped_catalog(db):
    """The shipped dataset, loaded into the test database."""
    from roles.catalog_file import load_document, validate
    from roles.catalog_io import load_document as load_into_database
    from roles.management.commands.load_catalog import SHIPPED

    doc = load_document(SHIPPED)
    validate(doc, path=str(SHIPPED))
    load_into_database(doc)
    return doc

"""Data safety: the migrations build a database from nothing, and a backup made of the
catalog export plus `dumpdata` of the accounts restores onto an empty database with
nothing lost (docs/operations.md, "Backups")."""

import json
import os
import secrets
import subprocess
import sys
from contextlib import contextmanager
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from roles.groups import ensure_catalog_editor_group
from roles.models import Role
from tests.factories import UserFactory

ACCOUNTS = ["auth.group", "auth.user", "--natural-foreign", "--natural-primary", "--indent", "1"]


@contextmanager
def empty_database(tmp_path):
    """A DATABASE_URL for a new, empty database of the kind the suite runs on."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    import psycopg

    url = urlsplit(os.environ["DATABASE_URL"])
    name = f"careerplanner_empty_{secrets.token_hex(4)}"
    admin_url = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield url._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


def manage(database_url: str, *args: str) -> str:
    """manage.py against another database, as an operator runs it."""
    clean = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_the_migrations_build_an_empty_database_from_nothing(tmp_path):
    with empty_database(tmp_path) as url:
        manage(url, "migrate", "--verbosity", "0")
        plan = manage(url, "showmigrations", "--plan")

    assert plan.count("[X]") > 10
    assert "[ ]" not in plan


@pytest.mark.django_db(transaction=True)
def test_the_catalog_export_and_the_accounts_dump_restore_onto_an_empty_database(
    shipped_catalog, tmp_path
):
    # The live site: the shipped catalog, an admin's edit, staff and a catalog editor.
    Role.objects.filter(slug="inpatient-coder").update(salary_min=51234)
    UserFactory(username="admin", is_staff=True, is_superuser=True)
    UserFactory(username="educator", is_staff=True).groups.add(ensure_catalog_editor_group())
    UserFactory(username="visitor")
    catalog_file, accounts_file = tmp_path / "catalog.json", tmp_path / "accounts.json"
    call_command("export_catalog", str(catalog_file), stderr=StringIO())
    call_command("dumpdata", *ACCOUNTS, "--output", str(accounts_file))

    with empty_database(tmp_path) as url:
        manage(url, "migrate", "--verbosity", "0")
        manage(url, "load_catalog", str(catalog_file))
        manage(url, "loaddata", str(accounts_file))
        restored_catalog = manage(url, "export_catalog")
        restored_accounts = manage(url, "dumpdata", *ACCOUNTS)

    assert json.loads(restored_catalog) == json.loads(catalog_file.read_text())
    assert '"salary_min": 51234' in restored_catalog
    assert json.loads(restored_accounts) == json.loads(accounts_file.read_text())
    users = {
        row["fields"]["username"]: row["fields"]
        for row in json.loads(restored_accounts)
        if row["model"] == "auth.user"
    }
    assert users["educator"]["groups"] == [["Catalog editor"]]
    assert users["admin"]["is_superuser"] and users["admin"]["password"].startswith("pbkdf2")

"""The writes the failover test puts under load, one class a kind.

Each kind signs its session in as it needs (`prepare`), makes one write named by a key
(`write` says whether the site answered it with success), and says which keys the
database holds (`saved`). The failover test runs each kind in WRITE_KINDS.
"""

from __future__ import annotations

import os
import secrets

import psycopg
import requests

from .site import Site


class CatalogSourceAdded:
    """An admin adds a source to the catalog: one new row a write."""

    name = "admin adds a catalog source"
    add_path = "/admin/roles/source/add/"

    def __init__(self) -> None:
        self.prefix = f"scale-{secrets.token_hex(3)}"

    def prepare(self, site: Site) -> None:
        site.sign_in()
        self.blank = site.form_of(self.add_path)

    def write(self, site: Site, key: str) -> bool:
        slug = f"{self.prefix}-{key}"
        response = site.post_form(
            self.add_path,
            {
                **self.blank,
                "title": f"Scale test source {slug}",
                "slug": slug,
                "url": f"https://example.org/{slug}",
                "as_of": "2026-11-27",
                "_save": "Save",
            },
        )
        return response.status_code == 302 and response.headers["Location"].endswith(
            "/admin/roles/source/"
        )

    def saved(self) -> set[str]:
        with psycopg.connect(os.environ["DATABASE_URL"]) as connection:
            rows = connection.execute(
                "SELECT slug FROM roles_source WHERE slug LIKE %s", [f"{self.prefix}-%"]
            )
            return {slug.removeprefix(f"{self.prefix}-") for (slug,) in rows}


class PlanSaved:
    """A signed-in person saves a new plan (the engine plans it in the request): one new
    plan a write, named by the key."""

    name = "a person saves a plan"
    add_path = "/plans/new/"

    def __init__(self) -> None:
        self.prefix = f"scale-{secrets.token_hex(3)}"

    def prepare(self, site: Site) -> None:
        site.sign_in()  # the staff account is also a person with a situation of its own
        status = site.get(self.add_path).status_code
        assert status == 200, f"{self.add_path}: {status}"

    def write(self, site: Site, key: str) -> bool:
        response = site.post_form(
            self.add_path,
            {
                "target": "role:inpatient-coder",
                "name": f"{self.prefix}-{key}",
                "start": "2027-01-01",
                "readiness": "recommended",
            },
        )
        return response.status_code == 302 and "/plans/" in response.headers["Location"]

    def saved(self) -> set[str]:
        with psycopg.connect(os.environ["DATABASE_URL"]) as connection:
            rows = connection.execute(
                "SELECT name FROM planner_plan WHERE name LIKE %s", [f"{self.prefix}-%"]
            )
            return {name.removeprefix(f"{self.prefix}-") for (name,) in rows}


WRITE_KINDS = [CatalogSourceAdded, PlanSaved]

# What a write may fail with while an app server dies under it: nginx's 502 for a request
# in flight on the dead server, or the connection itself.
TRANSPORT_ERRORS = (requests.ConnectionError, requests.Timeout)

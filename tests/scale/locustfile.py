"""The load run (tests/scale/test_load.py): visitors read the catalog and plan roadmaps,
staff edit the catalog in the admin, all through nginx.

Run by hand against a cluster: `locust -f tests/scale/locustfile.py --host $CLUSTER_URL`.
When the signed-in pages land, a signed-in person's writes (a plan saved, a step marked
done) become one more User class here.
"""

import os
import random
import secrets

from locust import HttpUser, between, task

ROLES = ["inpatient-coder", "senior-inpatient-coder", "outpatient-coder", "cdi-specialist"]
CREDENTIALS = ["cca", "ccs", "rhit", "rhia", "cpc", "ccds"]
STAFF = ("scale-admin", "a long scale-test passphrase")


class Visitor(HttpUser):
    """Reads pages and plans roadmaps (the API saves nothing)."""

    weight = 7
    wait_time = between(0.05, 0.3)

    def on_start(self):
        self.client.verify = os.environ["CLUSTER_CA"]

    @task(3)
    def role_list(self):
        self.client.get("/", name="/ (role list)")

    @task(2)
    def filtered_role_list(self):
        level = random.choice(["entry", "mid", "senior"])
        self.client.get(
            f"/roles/?level={level}", headers={"HX-Request": "true"}, name="/roles/?level= (htmx)"
        )

    @task(3)
    def role_page(self):
        self.client.get(f"/roles/{random.choice(ROLES)}/", name="/roles/[slug]/")

    @task(2)
    def credential_page(self):
        self.client.get(f"/credentials/{random.choice(CREDENTIALS)}/", name="/credentials/[slug]/")

    @task(3)
    def roadmap(self):
        body = {"education": "high-school", "target": random.choice(ROLES), "check": ["ccs"]}
        with self.client.post("/api/v1/roadmap", json=body, catch_response=True) as response:
            if response.status_code == 200 and not response.json().get("steps"):
                response.failure("a roadmap without steps")


class Editor(HttpUser):
    """A staff member editing the catalog: adds sources, changes a salary band."""

    weight = 1
    wait_time = between(0.2, 0.6)

    def on_start(self):
        self.client.verify = os.environ["CLUSTER_CA"]
        self.client.get("/admin/login/")
        self.post_form("/admin/login/", {"username": STAFF[0], "password": STAFF[1]}, "sign in")

    def post_form(self, path: str, data: dict, name: str):
        """A form post as the browser sends it; success is the admin's redirect."""
        headers = {"Origin": self.host, "Referer": self.host + path}
        data = {**data, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken")}
        with self.client.post(
            path, data=data, headers=headers, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"expected the admin's redirect, got {response.status_code}")

    @task(3)
    def add_source(self):
        slug = f"load-{secrets.token_hex(6)}"
        data = {
            "title": f"Load test {slug}",
            "slug": slug,
            "url": f"https://example.org/{slug}",
            "as_of": "2026-11-27",
            "verified": "on",
            "_save": "Save",
        }
        self.post_form("/admin/roles/source/add/", data, "admin: add source")

    @task(1)
    def read_sources(self):
        self.client.get("/admin/roles/source/", name="admin: source list")

"""An admin's catalog edit made through one app server shows at once in the pages and the
roadmaps the other serves, although that server had already built its catalog snapshot."""

import re

ROLE = "senior-inpatient-coder"
ROADMAP = {"education": "high-school", "target": ROLE, "start": "2027-01-01"}


def roadmap(site) -> dict:
    response = site.post("/api/v1/roadmap", json=ROADMAP)
    assert response.status_code == 200, response.text
    return response.json()


def admin_change_path(site, model: str, search: str, title: str) -> str:
    """The change page of the row titled `title` in the admin's list, searched for `search`."""
    listing = site.get(f"/admin/roles/{model}/", params={"q": search})
    link = rf'href="(/admin/roles/{model}/\d+/change/)[^"]*">{re.escape(title)}</a>'
    found = re.search(link, listing.text)
    assert found, f"no {model} {title!r} in the admin's list"
    return found[1]


def test_a_salary_band_edited_on_one_server_shows_on_the_other_at_once(both_running, staff):
    a, b = both_running.apps["a"].site(), both_running.apps["b"].site()
    before = roadmap(b)["steps"][-1]["salary"]  # B's snapshot of the catalog is now warm
    assert b.get(f"/roles/{ROLE}/").status_code == 200
    a.sign_in()
    path = admin_change_path(a, "role", ROLE, "Senior Inpatient Coder")
    form = a.form_of(path)
    low, high = before["min"] + 1234, before["max"] + 4321

    saved = a.post_form(path, {**form, "salary_min": low, "salary_max": high, "_save": "Save"})

    assert saved.status_code == 302, "the admin saved the role"
    assert roadmap(b)["steps"][-1]["salary"] == {"min": low, "max": high}
    assert f"${low:,} – ${high:,}" in b.get(f"/roles/{ROLE}/").text
    through_nginx = [both_running.site().get(f"/roles/{ROLE}/").text for _ in range(4)]
    assert all(f"${low:,} – ${high:,}" in page for page in through_nginx)


def test_a_moves_typical_time_edited_on_one_server_moves_the_others_roadmap(both_running, staff):
    a, b = both_running.apps["a"].site(), both_running.apps["b"].site()
    before = roadmap(b)
    a.sign_in()
    path = admin_change_path(
        a, "move", "Senior Inpatient Coder", "Inpatient Coder → Senior Inpatient Coder"
    )
    form = a.form_of(path)
    assert "typical_months" in form, f"{path} is not the move's form"
    longer = before["months"] + 12  # longer than the whole roadmap: it must now bind

    saved = a.post_form(path, {**form, "typical_months": longer, "_save": "Save"})

    assert saved.status_code == 302, "the admin saved the move"
    after = roadmap(b)
    # The planner now routes around the slower promotion (or waits it out): either way the
    # roadmap B serves is the one the edited catalog gives, the same as A's.
    assert after["steps"] != before["steps"]
    assert after == roadmap(a)

"""A person signed in on one app server goes on on the other: sessions live in Redis and
PostgreSQL, shared by every app server, not in one process."""

import re

SIGNED_IN = re.compile(r"Welcome,\s*<strong>scale-admin</strong>")


def test_a_sign_in_on_app_server_a_goes_on_on_app_server_b(both_running, staff):
    a, b = both_running.apps["a"].site(), both_running.apps["b"].site()

    a.sign_in()
    b.use_cookies_of(a)
    page = b.get("/admin/")

    assert page.status_code == 200
    assert SIGNED_IN.search(page.text)


def test_a_sign_in_through_nginx_holds_on_whichever_server_answers(both_running, staff):
    browser = both_running.site()
    browser.sign_in()

    pages = [browser.get("/admin/") for _ in range(8)]  # nginx takes turns: both servers

    assert [page.status_code for page in pages] == [200] * 8
    assert all(SIGNED_IN.search(page.text) for page in pages)


def test_signing_out_on_one_server_signs_out_on_the_other(both_running, staff):
    a, b = both_running.apps["a"].site(), both_running.apps["b"].site()
    a.sign_in()
    b.use_cookies_of(a)

    assert a.post_form("/admin/logout/", {}).status_code == 200
    page = b.get("/admin/")

    assert page.status_code == 302
    assert "/admin/login/" in page.headers["Location"]

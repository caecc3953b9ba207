"""Speaking to the cluster over HTTP as a browser does: through nginx, or to one app server
with the headers nginx adds. Nothing here touches the ORM."""

from __future__ import annotations

import os
import signal
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import requests

STAFF_USERNAME = "scale-admin"
STAFF_PASSWORD = "a long scale-test passphrase"


class Site(requests.Session):
    """A browser-like session with one base URL; paths are relative to it. It never
    follows a redirect by itself: the tests look at each response."""

    def __init__(self, base: str, ca: str, forwarded_host: str | None = None):
        super().__init__()
        self.base = base.rstrip("/")
        self.verify = ca
        self.direct = forwarded_host is not None
        self.origin = f"https://{forwarded_host}" if forwarded_host else self.base
        if self.direct:  # an app server addressed directly: say what nginx says
            self.headers.update({"Host": forwarded_host, "X-Forwarded-Proto": "https"})

    def request(self, method, url, *args, headers=None, **kwargs):
        if url.startswith("/"):
            url = self.base + url
        headers = dict(headers or {})
        if self.direct and self.cookies:
            # The cookies are Secure: the browser sent them over TLS to nginx, and nginx
            # passes them on over the loopback hop, which is plain HTTP.
            headers["Cookie"] = "; ".join(f"{c.name}={c.value}" for c in self.cookies)
        kwargs["allow_redirects"] = False  # each response is looked at as it comes
        kwargs.setdefault("timeout", 30)
        kwargs.setdefault("verify", self.verify)  # over REQUESTS_CA_BUNDLE, if that is set
        return super().request(method, url, *args, headers=headers, **kwargs)

    def use_cookies_of(self, other: Site) -> None:
        """Go on with another session's cookies (the same browser, another server)."""
        for cookie in other.cookies:
            self.cookies.set_cookie(cookie)

    def post_form(self, path: str, data: dict) -> requests.Response:
        """POST as a browser posts a form of this site: with the CSRF token and origin."""
        return self.post(
            path,
            data={**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken")},
            headers={"Origin": self.origin, "Referer": self.origin + path},
        )

    def sign_in(self, username: str = STAFF_USERNAME, password: str = STAFF_PASSWORD) -> None:
        page = self.get("/admin/login/")
        assert page.status_code == 200, page.status_code
        response = self.post_form(
            "/admin/login/", {"username": username, "password": password, "next": "/admin/"}
        )
        assert response.status_code == 302, f"sign-in failed: {response.status_code}"

    def form_of(self, path: str) -> dict[str, str | list[str]]:
        """What a browser posts back from the form on this page when nothing is edited."""
        page = self.get(path)
        assert page.status_code == 200, f"{path}: {page.status_code}"
        parser = FormFields()
        parser.feed(page.text)
        return parser.data


class FormFields(HTMLParser):
    """The fields of the page's main form (the last <form> with method post)."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, str | list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None
        self._in_post_form = False

    def _add(self, name: str, value: str, multiple: bool = False) -> None:
        if multiple:
            self.data.setdefault(name, [])
            self.data[name].append(value)
        else:
            self.data[name] = value

    def handle_starttag(self, tag, attrs):
        attr = dict(attrs)
        if tag == "form":
            self._in_post_form = (attr.get("method") or "").lower() == "post"
            if self._in_post_form:
                self.data = {}
        if not self._in_post_form:
            return
        name = attr.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = (attr.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attr:
                return
            self._add(
                name, attr.get("value") or ("on" if kind == "checkbox" else ""), kind == "checkbox"
            )
        elif tag == "select" and name:
            self._select = name
            self._multiple = "multiple" in attr
        elif tag == "option" and self._select and "selected" in attr:
            self._add(self._select, attr.get("value", ""), self._multiple)
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += (
                data.removeprefix("\n") if not self.data[self._textarea] else data
            )


class AppServer:
    """One gunicorn app server of the cluster: talk to it directly, stop it, start it."""

    def __init__(self, name: str, url: str, start_script: str, pid_file: str, cluster: Cluster):
        self.name, self.url, self.start_script, self.pid_file = name, url, start_script, pid_file
        self.cluster = cluster

    def site(self) -> Site:
        return Site(self.url, self.cluster.ca, forwarded_host=urlsplit(self.cluster.url).netloc)

    def kill(self) -> None:
        """A crash: the master and every worker die at once (SIGKILL to its process group)."""
        pid_file = Path(self.pid_file)
        os.killpg(int(pid_file.read_text()), signal.SIGKILL)
        # What a supervisor does after a crash: without this, a restart may take a dead
        # master that no process has reaped yet for a running one.
        pid_file.unlink()

    def start(self) -> None:
        subprocess.run([self.start_script], check=True, timeout=60)

    def answers(self) -> bool:
        try:
            return requests.get(self.url + "/healthz", timeout=5).status_code == 200
        except requests.ConnectionError:
            return False


class Cluster:
    def __init__(self):
        self.url = os.environ["CLUSTER_URL"]
        self.ca = os.environ["CLUSTER_CA"]
        self.apps = {
            name: AppServer(
                name,
                os.environ[f"CLUSTER_APP_{name.upper()}"],
                os.environ[f"CLUSTER_START_{name.upper()}"],
                os.environ[f"CLUSTER_PID_{name.upper()}"],
                self,
            )
            for name in ("a", "b")
        }

    def site(self) -> Site:
        """A browser's session through nginx."""
        return Site(self.url, self.ca)

"""The HTTP bench's driver: the database, the app server, a locust run a row, the table.

`python -m planner.httpbench [--seconds N] [--scales 1,10]` under `.ci/with-services`
(which provides DATABASE_URL and DJANGO_REDIS_URL). Prints figures only; never fails on
time. Budgets (issue 14) are printed beside the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

BASE = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
USERS = 16
FORWARDED = {"X-Forwarded-Proto": "https"}  # what nginx adds: the site is served over TLS


@dataclass
class Row:
    """One page, asked again and again by every connection."""

    name: str
    path: str
    expect: str  # text every good answer contains
    budget: str = "page"  # ceiling, page, roadmap, what-if or comparison
    method: str = "GET"
    headers: dict[str, str] = field(default_factory=dict)
    body: str | None = None
    cookies: dict[str, str] = field(default_factory=dict)


# The budgets of issue 14: (least share of the ceiling, most p99 ms); every page <= 10 queries.
BUDGETS = {
    "ceiling": (None, None),
    "page": (None, None),
    "roadmap": (0.5, 50.0),
    "what-if": (0.5, None),
    "comparison": (0.3, None),
}
MAX_QUERIES = 10


def rows(plan_pk: int, start: str, signed_in: dict[str, str], origin: str) -> list[Row]:
    situation = [("education", "high-school"), ("credentials", "cca"), ("start", start)]
    paths = ["senior-inpatient-coder", "medical-auditor", "outpatient-coder", "cdi-specialist"]
    compare = list(situation)
    for number, role in enumerate(paths, start=1):
        compare += [(f"p{number}-target", f"role:{role}"), (f"p{number}-readiness", "recommended")]
    whatif = urlencode(
        {"start": start, "readiness": "required", "check_credentials": "ccs"}, doseq=True
    )
    return [
        Row("ceiling (constant view)", "/bench/ceiling", "ok", "ceiling"),
        Row("role page", "/roles/senior-inpatient-coder/", "How to get in"),
        Row("career map", "/map/", "The same map as a list"),
        Row(
            "roadmap, signed out",
            "/plan/?" + urlencode([*situation, ("target", "role:senior-inpatient-coder")]),
            "Your way to Senior Inpatient Coder",
            "roadmap",
        ),
        Row("roadmap, signed in", f"/plans/{plan_pk}/", "What if", "roadmap", cookies=signed_in),
        Row(
            "what-if (htmx)",
            f"/plans/{plan_pk}/preview/",
            "Preview, not saved",
            "what-if",
            method="POST",
            headers={
                "HX-Request": "true",
                "X-CSRFToken": signed_in["csrftoken"],
                "Origin": origin,
                "Content-Type": "application/x-www-form-urlencoded",
            },
            body=whatif,
            cookies=signed_in,
        ),
        Row(
            "compare, 4 paths",
            "/compare/?" + urlencode([*compare, ("compare", "1")]),
            "Path 4",
            "comparison",
        ),
    ]


# The app server -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """gunicorn with deploy/gunicorn.conf.py, in its own process group."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = workdir / "app.log"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> AppServer:
        command = [str(BIN / "gunicorn"), "--config", "deploy/gunicorn.conf.py"]
        command += ["--bind", f"127.0.0.1:{self.port}", "careerplanner.wsgi"]
        with open(self.log, "a") as log:
            self.process = subprocess.Popen(
                command, cwd=BASE, stdout=log, stderr=log, start_new_session=True
            )
        for _ in range(300):
            try:
                if ask(self.port, Row("health", "/healthz", "ok")).status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        raise SystemExit(f"the app server did not answer within 30 s: see {self.log}")

    def __exit__(self, *exc) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


@dataclass
class Answer:
    status: int
    text: str
    milliseconds: float
    queries: int
    cookies: dict[str, str]


def ask(port: int, row: Row) -> Answer:
    """One request as the load sends it (used for the first, uncached request)."""
    headers = {**FORWARDED, **row.headers}
    if row.cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in row.cookies.items())
    connection = HTTPConnection("127.0.0.1", port, timeout=60)
    began = time.perf_counter()
    connection.request(row.method, row.path, body=row.body, headers=headers)
    response = connection.getresponse()
    text = response.read().decode()
    ms = (time.perf_counter() - began) * 1000
    connection.close()
    cookies = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or ():
        cookies.load(header)
    queries = int(response.getheader("X-Bench-Queries", "-1"))
    return Answer(response.status, text, ms, queries, {k: v.value for k, v in cookies.items()})


# A row under load -----------------------------------------------------------------------------


@dataclass
class Figures:
    row: Row
    requests: int
    per_second: float
    p50: float
    p99: float
    errors: int
    queries: float
    first_ms: float
    load_cpu: float  # share of one core the load generator took
    error_kinds: dict[str, int]


def measure(server: AppServer, row: Row, seconds: float, warmup: float, workdir: Path) -> Figures:
    first = ask(server.port, row)
    if first.status != 200 or row.expect not in first.text:
        print(f"  {row.name}: the first answer is {first.status} without {row.expect!r}")
    if not row.cookies and first.cookies:
        # A visitor's browser keeps the session the first answer set (the situation it
        # remembers): every connection goes on with it, as the same visitor would.
        row = replace(row, cookies=first.cookies)
    out = workdir / "row.json"
    env = {
        **os.environ,
        "BENCH_ROW": json.dumps(
            {
                "method": row.method,
                "path": row.path,
                "headers": {**FORWARDED, **row.headers},
                "body": row.body,
                "cookies": row.cookies,
                "expect": row.expect,
            }
        ),
        "BENCH_WARMUP": str(warmup),
        "BENCH_OUT": str(out),
    }
    command = [str(BIN / "locust"), "--locustfile", str(Path(__file__).with_name("locustfile.py"))]
    command += ["--headless", "--only-summary", "--host", server.url, "--loglevel", "ERROR"]
    command += ["--users", str(USERS), "--spawn-rate", str(USERS)]
    command += ["--run-time", f"{round(warmup + seconds)}s"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        command, cwd=workdir, env=env, capture_output=True, timeout=warmup + seconds + 60
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = json.loads(out.read_text())
    times = sorted(result["milliseconds"])
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return Figures(
        row=row,
        requests=len(times),
        per_second=len(times) / result["seconds"],
        p50=percentile(times, 0.50),
        p99=percentile(times, 0.99),
        errors=result["errors"],
        queries=statistics.fmean(result["queries"]) if result["queries"] else float("nan"),
        first_ms=first.milliseconds,
        load_cpu=cpu / (warmup + seconds),
        error_kinds=result["error_kinds"],
    )


def percentile(ordered: list[float], fraction: float) -> float:
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


# The table ------------------------------------------------------------------------------------


def verdict(figures: Figures, ceiling: float) -> tuple[str, str]:
    """(the budget in words, what it missed or "met")."""
    share, p99 = BUDGETS[figures.row.budget]
    if figures.row.budget == "ceiling":
        return "-", "-"
    words = [f"<= {MAX_QUERIES} q"]
    missed = []
    if share is not None:
        words.insert(0, f">= {share}x")
        if figures.per_second < share * ceiling:
            missed.append("req/s")
    if p99 is not None:
        words.insert(1, f"p99 <= {p99:.0f}")
        if figures.p99 > p99:
            missed.append("p99")
    if figures.queries > MAX_QUERIES:
        missed.append("queries")
    if figures.errors:
        missed.append("errors")
    return ", ".join(words), ("MISSED " + ", ".join(missed)) if missed else "met"


def table(title: str, results: list[Figures]) -> str:
    ceiling = results[0].per_second
    lines = [
        title,
        f"{'page':<26}{'req/s':>8}{'x ceil':>8}{'p50 ms':>8}{'p99 ms':>8}{'errors':>8}"
        f"{'queries':>9}{'first ms':>10}  {'budget':<28}verdict",
    ]
    for f in results:
        budget, met = verdict(f, ceiling)
        lines.append(
            f"{f.row.name:<26}{f.per_second:>8.0f}{f.per_second / ceiling:>8.2f}{f.p50:>8.1f}"
            f"{f.p99:>8.1f}{f.errors:>8}{f.queries:>9.1f}{f.first_ms:>10.0f}  {budget:<28}{met}"
        )
    load = max(f.load_cpu for f in results)
    lines.append(f"(the load generator took at most {load:.0%} of a core in any row)")
    for f in results:
        for kind, count in f.error_kinds.items():
            lines.append(f"  {f.row.name}: {count} x {kind}")
    return "\n".join(lines)


# Setting up -----------------------------------------------------------------------------------


def environment(workdir: Path) -> dict[str, str]:
    """Production settings as .ci/with-cluster sets them, with the bench's additions."""
    return {
        "DJANGO_SETTINGS_MODULE": "planner.httpbench.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "DJANGO_CONN_MAX_AGE": "60",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "4",
    }


def create_database() -> None:
    import psycopg

    url = urlsplit(os.environ["DATABASE_URL"])
    with psycopg.connect(url._replace(path="/postgres").geturl(), autocommit=True) as db:
        exists = db.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [url.path.lstrip("/")]
        ).fetchone()
        if not exists:
            db.execute(f"CREATE DATABASE {url.path.lstrip('/')}")


def manage(*args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=BASE, check=True)


def signed_in_cookies(email: str) -> dict[str, str]:
    """A session for `email` (as signing in makes one) and a CSRF cookie to post with."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.middleware.csrf import CSRF_ALLOWED_CHARS
    from django.test import Client
    from django.utils.crypto import get_random_string

    client = Client()
    client.force_login(get_user_model().objects.get(email=email))
    return {
        settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
        settings.CSRF_COOKIE_NAME: get_random_string(32, CSRF_ALLOWED_CHARS),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10, help="measured seconds a row")
    parser.add_argument("--warmup", type=float, default=2, help="uncounted seconds a row")
    parser.add_argument("--scales", default="1,10", help="data sizes: 1, 10 or 1,10")
    parser.add_argument("--only", default="", help="rows whose name contains this")
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres") or not os.environ.get(
        "DJANGO_REDIS_URL"
    ):
        print("The HTTP bench needs PostgreSQL and Redis: run it under .ci/with-services")
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="careerplanner-httpbench."))
    os.environ.update(environment(workdir))
    began = time.monotonic()
    create_database()
    manage("migrate", "--verbosity", "0")
    manage("collectstatic", "--noinput", "--verbosity", "0")

    import django

    django.setup()
    from django.core.cache import cache

    from . import data

    print(
        f"HTTP bench: gunicorn 2 workers x 4 threads, production settings, PostgreSQL + Redis; "
        f"locust, {USERS} connections, {args.seconds:.0f} s a row after {args.warmup:.0f} s "
        f"of warm-up; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}"
    )
    for factor in (int(n) for n in args.scales.split(",")):
        scale = data.SCALES[factor]
        made = time.monotonic()
        data.load_catalog(factor)
        plan = data.people(scale)
        cache.clear()
        cookies = signed_in_cookies(data.BENCH_EMAIL)
        made = time.monotonic() - made
        with AppServer(workdir) as server:
            for _ in range(8):  # every worker builds its catalog snapshot before the rows
                ask(server.port, Row("home", "/", ""))
            origin = f"https://127.0.0.1:{server.port}"
            asked = rows(plan.pk, plan.start.isoformat(), cookies, origin)
            asked = [row for row in asked if row.budget == "ceiling" or args.only in row.name]
            results = [measure(server, row, args.seconds, args.warmup, workdir) for row in asked]
        title = (
            f"\n{scale.name} catalog ({factor}x: data made in {made:.0f} s): "
            f"{scale.plans} plans and {scale.marks} marked steps for the person, "
            f"{scale.people} other people with 5 plans each"
        )
        print(table(title, results), flush=True)
    print(f"\nThe HTTP bench took {time.monotonic() - began:.0f} s.")
    return 0

"""A bounded load run through nginx: 32 concurrent users, mixed reads and writes on
PostgreSQL, for LOAD_SECONDS. It fails on any error, not on speed; the figures it prints
go into docs/operations.md."""

import csv
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

USERS = 32
LOAD_SECONDS = min(int(os.getenv("LOAD_SECONDS", "40")), 120)  # bounded: two minutes at most


def figures(rows: dict[str, dict]) -> str:
    """The run as a Markdown table, for docs/operations.md."""
    lines = [
        f"\nLoad: {USERS} users for {LOAD_SECONDS} s through nginx, two app servers",
        "| request | count | failures | req/s | p50 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, row in rows.items():
        lines.append(
            f"| {row['Type']} {name} | {row['Request Count']} | {row['Failure Count']} "
            f"| {float(row['Requests/s']):.1f} | {row['50%']} | {row['99%']} |"
        )
    return "\n".join(lines)


def test_32_users_reading_and_writing_meet_no_error(both_running, staff, tmp_path):
    locust = Path(sys.executable).with_name("locust")
    result = subprocess.run(
        [
            str(locust),
            "--locustfile",
            "tests/scale/locustfile.py",
            "--headless",
            "--only-summary",
            "--host",
            both_running.url,
            "--users",
            str(USERS),
            "--spawn-rate",
            str(USERS),
            "--run-time",
            f"{LOAD_SECONDS}s",
            "--stop-timeout",
            "10",
            "--csv",
            str(tmp_path / "load"),
            "--loglevel",
            "WARNING",
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=LOAD_SECONDS + 60,
    )

    with open(tmp_path / "load_stats.csv") as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    print(figures(rows))
    total = rows.pop("Aggregated")
    assert int(total["Request Count"]) > USERS * 10, "the load never got going"
    assert int(total["Failure Count"]) == 0, (tmp_path / "load_failures.csv").read_text()
    assert result.returncode == 0, result.stderr[-2000:]
    written = sum(int(row["Request Count"]) for name, row in rows.items() if "add source" in name)
    assert written > 0, "the load wrote nothing"

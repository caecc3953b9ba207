"""The HTTP bench: `python -m planner.httpbench` (`make bench`, under .ci/with-services).

The pages as users load them: gunicorn with the production settings (2 workers of 4
threads, PostgreSQL and Redis), locust on loopback with 16 connections, a row a page, each
for a bounded time. Each row gives requests per second, p50 and p99 latency, errors, SQL
queries per request and the throughput as a share of the ceiling measured in the same run
(a constant response through the same middleware), with the budgets of issue 14 beside.
Then the same at 10x the catalog, the plans and the marked steps. docs/performance.md
records a run.

Two things exist only here, so production can never switch them on: the ceiling view and
a middleware that counts each request's SQL queries into a response header (settings.py
in this package adds both to the site's own settings; everything else is production).
"""

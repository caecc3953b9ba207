"""One row of the HTTP bench: 16 users sending one request as fast as the server answers.

Run by planner.httpbench.run, one locust process a row. The row comes in BENCH_ROW (JSON:
method, path, headers, body, cookies); requests that complete in the first BENCH_WARMUP
seconds are not counted. On quitting it writes BENCH_OUT: the latencies counted, the
errors, the measured seconds and each response's SQL query count (the X-Bench-Queries
header of planner.httpbench.server).
"""

import json
import os
import time

from locust import FastHttpUser, constant, events, task
from requests.cookies import create_cookie

ROW = json.loads(os.environ["BENCH_ROW"])
WARMUP = float(os.environ["BENCH_WARMUP"])
result = {"milliseconds": [], "queries": [], "errors": 0, "error_kinds": {}}
clock = {"start": 0.0, "stop": 0.0}


@events.test_start.add_listener
def started(**_):
    clock["start"] = time.monotonic()


@events.test_stop.add_listener
def stopped(**_):
    clock["stop"] = clock["stop"] or time.monotonic()


@events.request.add_listener
def counted(response_time, response, exception, **_):
    if clock["stop"] or time.monotonic() - clock["start"] < WARMUP:
        return
    if exception is not None:
        result["errors"] += 1
        kind = str(exception)[:80]
        result["error_kinds"][kind] = result["error_kinds"].get(kind, 0) + 1
        return
    result["milliseconds"].append(response_time)
    result["queries"].append(int(response.headers.get("X-Bench-Queries", "-1")))


@events.quitting.add_listener
def write(**_):
    result["seconds"] = (clock["stop"] or time.monotonic()) - clock["start"] - WARMUP
    with open(os.environ["BENCH_OUT"], "w") as out:
        json.dump(result, out)


class Visitor(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        host = self.host.split("://", 1)[1].split(":")[0]
        for name, value in ROW["cookies"].items():
            self.client.cookiejar.set_cookie(create_cookie(name, value, domain=host))

    @task
    def ask(self):
        with self.client.request(
            ROW["method"],
            ROW["path"],
            data=ROW.get("body"),
            headers=ROW["headers"],
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif ROW["expect"] not in response.text:
                response.failure(f"the answer lacks {ROW['expect']!r}")

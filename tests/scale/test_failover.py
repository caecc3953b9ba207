"""One app server is killed in the middle of a write load: every write the site answered
with success is in the database, and the other app server goes on serving."""

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest

from .writes import TRANSPORT_ERRORS, WRITE_KINDS

WRITERS = 6
BEFORE_KILL = 30  # acknowledged writes before app server B is killed
AFTER_KILL = 60  # and after it, all served by A


@dataclass(frozen=True)
class Outcome:
    key: str
    acknowledged: bool
    after_kill: bool


class WriteLoad:
    """WRITERS threads, each a signed-in browser writing through nginx until stopped.

    Every browser signs in before the load starts: a sign-in still in flight when B dies
    would fail as a write does, but it is not one of the writes this test counts."""

    def __init__(self, cluster, kind) -> None:
        self.cluster, self.kind = cluster, kind
        self.sites = [cluster.site() for _ in range(WRITERS)]
        for site in self.sites:
            kind.prepare(site)
        self.outcomes: list[Outcome] = []
        self.changed = threading.Condition()
        self.killed = threading.Event()
        self.stop = threading.Event()

    def acknowledged(self, after_kill: bool | None = None) -> int:
        return sum(
            o.acknowledged and (after_kill is None or o.after_kill == after_kill)
            for o in self.outcomes
        )

    def writer(self, number: int) -> None:
        site = self.sites[number]
        for n in range(10_000):
            if self.stop.is_set():
                return
            try:
                acknowledged = self.kind.write(site, f"{number}-{n}")
            except TRANSPORT_ERRORS:
                acknowledged = False
            with self.changed:
                self.outcomes.append(Outcome(f"{number}-{n}", acknowledged, self.killed.is_set()))
                self.changed.notify_all()

    def wait_for(self, predicate, timeout: float = 120) -> None:
        with self.changed:
            assert self.changed.wait_for(predicate, timeout), "the write load stalled"


@pytest.mark.parametrize("kind", WRITE_KINDS, ids=lambda kind: kind.name)
def test_killing_an_app_server_under_write_load_loses_no_acknowledged_write(
    both_running, staff, kind
):
    load = WriteLoad(both_running, kind())
    with ThreadPoolExecutor(WRITERS) as pool:
        writers = [pool.submit(load.writer, number) for number in range(WRITERS)]
        load.wait_for(lambda: load.acknowledged() >= BEFORE_KILL)
        both_running.apps["b"].kill()
        load.killed.set()
        load.wait_for(lambda: load.acknowledged(after_kill=True) >= AFTER_KILL)
        load.stop.set()
        for writer in writers:
            writer.result()

    acknowledged = {o.key for o in load.outcomes if o.acknowledged}
    lost = acknowledged - load.kind.saved()
    assert not lost, f"{len(lost)} writes answered with success are not in the database"
    failed = [o for o in load.outcomes if not o.acknowledged]
    print(
        f"\nFailover ({kind.name}): {len(acknowledged)} writes acknowledged, all saved; "
        f"{len(failed)} failed in flight when B died"
    )
    assert len(failed) <= WRITERS, "only the writes in flight on B when it died may fail"
    assert not both_running.apps["b"].answers()
    reads = [both_running.site().get(path) for path in ("/", "/credentials/", "/healthz") * 3]
    assert [read.status_code for read in reads] == [200] * 9, "A serves on alone"

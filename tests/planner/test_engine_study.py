"""Programs studied beside work, one after another, with experience to build: the bound on
their months (alternatives.stint) against every way of dividing real programs."""

from itertools import product

from hypothesis import given
from hypothesis import strategies as st

from planner.engine.alternatives import stint


def best_division(programs: list[int], gap: int, entry: int) -> int:
    """The earliest finish over every way of putting each program before the first role
    building the kind (getting in waits for them), beside the kind's months there, or
    after them."""
    best = None
    for places in product(("before", "beside", "after"), repeat=len(programs)):
        months = {"before": 0, "beside": 0, "after": 0}
        for place, length in zip(places, programs, strict=True):
            months[place] += length
        finish = max(entry, months["before"]) + max(gap, months["beside"]) + months["after"]
        best = finish if best is None else min(best, finish)
    return best


@given(
    st.lists(st.integers(1, 48), min_size=1, max_size=4),
    st.integers(0, 72),
    st.integers(0, 48),
)
def test_the_study_bound_is_never_past_the_best_division_of_the_programs(programs, gap, entry):
    bound = stint(((0, gap, entry),), sum(programs), min(programs))

    assert bound <= best_division(programs, gap, entry)


def test_a_program_before_the_role_delays_getting_in():
    """A 9-month certificate opens the role; 36 months of its experience and two 24-month
    degrees beside work are asked. Both degrees beside the experience end at 57; one
    before getting in at 60. The bound said 45, as if the other degree fitted into the
    9 months before getting in."""
    assert stint(((0, 36, 9),), 48, 24) == best_division([24, 24], 36, 9) == 57

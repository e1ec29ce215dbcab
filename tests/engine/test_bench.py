"""quality.md P6: >= 2,000 plans a second in-process on one core."""

from planner.engine import parse_intake
from planner.engine.bench import measure, sample_intakes
from planner.engine.build import compute_plan


def test_the_benchmark_intakes_are_valid_and_reach_every_mode_and_stop():
    seen = set()
    for data in sample_intakes():
        plan = compute_plan(parse_intake(data), start_date=None)
        seen.add(plan.hard_stop or plan.mode)
    assert len(seen) == 8, seen  # 4 modes and 4 hard stops


def test_P6_at_least_2000_full_plans_per_cpu_second():
    _, per_cpu_second = measure(1.5)
    assert per_cpu_second >= 2000, f"{per_cpu_second:.0f} plans per CPU second"

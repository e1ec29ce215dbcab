"""Engine tests: pure Python, no database. Helpers live in tests/engine/support.py."""


def pytest_configure(config):
    # A test may name the rules.md section-3 rule IDs it exercises beyond those in its name;
    # test_rule_coverage.py reads both.
    config.addinivalue_line(
        "markers", "rule(*ids): rules.md section-3 rule IDs the test exercises")

"""
Settings for the benchmark server: the production settings, driven by the same environment
variables, plus a URLconf with baseline views (bench/urls.py). Production never loads this
module, so the baseline views exist only on a benchmark server.
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# The client's log page (issue 23): links print this address; the rate limits are raised so
# that the load is measured, not refused (the counters are still written on every request).
PLANNER_PUBLIC_URL = "http://127.0.0.1:8000"
PLANNER_CLIENT_LOG_IP_LIMIT = (10_000_000, 600)
PLANNER_CLIENT_LOG_WRITE_LIMIT = (10_000_000, 3600)

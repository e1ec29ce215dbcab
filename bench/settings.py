"""
Settings for the benchmark server: the production settings, driven by the same environment
variables, plus a URLconf with baseline views (bench/urls.py). Production never loads this
module, so the baseline views exist only on a benchmark server.
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

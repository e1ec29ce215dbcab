"""The benchmark's report (bench/report.py); the benchmark itself is `make bench`."""

"""`make bench`: the performance benchmark of issue 11 (docs/benchmarks.md). Never imported by
the app; bench.settings adds bench-only baseline views on top of the production settings."""

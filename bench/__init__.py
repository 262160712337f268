"""The benchmarks of `make bench` (see README, "Benchmarks"): a UN-scale dataset, measured through gunicorn."""

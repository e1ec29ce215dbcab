"""Writers racing each other for real, each in its own thread with its own database connection."""

import threading

from django.db import connections


def run_concurrently(functions, *, rendezvous=None):
    """Start every function at the same moment in its own thread (own DB connection); return
    [(result, exception)] in order."""
    start = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def runner(index, function):
        try:
            start.wait(timeout=10)
            results[index] = (function(), None)
        except Exception as error:  # noqa: BLE001 - reported to the test
            results[index] = (None, error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=runner, args=(i, f)) for i, f in enumerate(functions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a writer hung"
    return results

"""One torch thread for the LaST tests.

The tiny models take milliseconds per step on one thread, but seconds on
two threads of a machine whose cores are busy with other jobs.
"""
import pytest


@pytest.fixture(autouse=True)
def _single_thread(one_thread):
    """Every LaST test runs on one torch thread (``one_thread``)."""

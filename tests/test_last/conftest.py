"""One torch thread for the LaST tests.

The tiny models take milliseconds per step on one thread, but seconds on
two threads of a machine whose cores are busy with other jobs.
"""
import pytest
import torch


@pytest.fixture(autouse=True)
def one_torch_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)

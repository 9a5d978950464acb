"""The worker every robustness test sends its commands to, and the realistic seed files (with the ledger the mapping
files are tried on)."""

from __future__ import annotations

import pytest

from tests.robustness.corpus import seeds
from tests.robustness.supervisor import Supervisor

HANG = 120.0  # a hang detector for a loaded CI machine, not a speed target (benchmarks/bench_fuzz.py has those)


@pytest.fixture(scope="module")
def supervisor():
    with Supervisor(time_limit=HANG) as sup:
        yield sup


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """(folder to write cases into, the seed cases); the seeds are written into folder/seeds."""
    folder = tmp_path_factory.mktemp("robustness")
    return folder, seeds(folder / "seeds")

"""A property-based fuzz test over the loader and every importer, bounded in time: hypothesis picks a realistic
seed file and a mutation of it (tests/robustness/corpus.py), and the command that reads it must end with an exit
code docs/cli.md gives that command — never a traceback, never a hang (the worker is killed when it hangs: conftest.py).
The long run with its figures is `python -m benchmarks fuzz`."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.robustness.corpus import ALLOWED, commands, mutate

EXAMPLES = 120


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_a_damaged_file_gets_a_documented_exit_and_never_a_traceback(supervisor, corpus, data):
    folder, seed_cases = corpus
    case = data.draw(st.sampled_from(seed_cases), label="seed")
    mutation = data.draw(st.integers(0, 2**32 - 1), label="mutation")
    mutant = mutate(case, random.Random(mutation), 0)
    path = mutant.write(folder)
    args = data.draw(st.sampled_from(commands(mutant, path, folder / "seeds")), label="command")
    outcome = supervisor.run(args)
    where = f"{case.name} mutation {mutation}: zwgk {' '.join(args[:1])}"
    assert not outcome.timed_out and not outcome.died, where
    assert not outcome.traceback, f"{where}\n{outcome.crash or outcome.message}"
    assert outcome.code in ALLOWED[args[0]], f"{where}: exit {outcome.code}\n{outcome.message}"

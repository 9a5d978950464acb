"""Every small file of issue 15 that crashed, hung or took gigabytes, through the command that reads it: a documented
exit code and a Chinese message saying what is wrong, never a traceback. Each runs in a worker process that is
killed if it hangs (tests/robustness/supervisor.py); the speed and memory figures are the fuzz benchmark's."""

from __future__ import annotations

import re

import pytest

from tests.robustness.corpus import ALLOWED, commands
from tests.robustness.hostile import HOSTILE, hostile_case

CHINESE = re.compile(r"[\u4e00-\u9fff]")
EXPECTED = {  # what the message must say, where one reason is the right one
    "huge-exponent": "数值过大", "huge-negative-exponent": "数值过大", "thousands-of-digits": "过长",
    "deep-nesting": "嵌套过深", "previous-huge-exponent": "数值过大", "previous-4000-digits": "过长",
    "values-huge-exponent": "过大", "values-deep": "嵌套过深", "sheet-bomb": "单元格",
    "ledger-cells-far-right": "过大", "ledger-many-strings": "文字条目过多",
    "million-digit-cell": "不是数字", "ledger-strong-encryption": "已加密",
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_file_gets_a_documented_exit_and_a_chinese_reason(name, supervisor, corpus):
    folder, _ = corpus
    case = hostile_case(name)
    path = case.write(folder)
    for args in commands(case, path, folder / "seeds"):
        outcome = supervisor.run(args)
        assert not outcome.timed_out and not outcome.died, (case.name, args[0])
        assert not outcome.traceback, outcome.crash or outcome.message
        assert outcome.code in ALLOWED[args[0]], (args[0], outcome.code, outcome.message)
        if outcome.code != 0:
            assert CHINESE.search(outcome.message) and "内存不足" not in outcome.message, outcome.message
            if case.name in EXPECTED:
                assert EXPECTED[case.name] in outcome.message, outcome.message

"""`python -m bot bench --discord`'s load mode, briefly: counts only, never timing."""

from __future__ import annotations

import pytest

from bot.answer import Answerer
from bot.cli import main
from bot.config import Settings
from bot.quality.bench_discord import run_load

pytestmark = pytest.mark.timeout(120)


async def test_every_question_of_a_short_load_is_answered(answerer: Answerer) -> None:
    questions = [e.question for e in answerer.kb.entries[:40]] + ["what about the weather?"]
    result = await run_load(
        Settings(_env_file=None), answerer, questions, rate=50, seconds=2, users=30, warmup=5
    )
    assert result.sent == 100
    assert result.answered == 100  # cooldowns raised: nobody is told to slow down
    assert result.embeds == 100
    assert len(result.latencies) == 100 and result.bot_cpu_seconds > 0


def test_the_load_is_bounded(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "--discord", "--rate", "100000"]) == 2
    assert main(["bench", "--discord", "--seconds", "3600"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all(line.startswith("bench --discord:") for line in err)

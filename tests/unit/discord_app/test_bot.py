"""Reload: a broken knowledge base never replaces a working one; a good change does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.answer.engine import build_answerer
from bot.config import Settings
from bot.discord_app.bot import FaqBot
from tests.paths import ROOT


@pytest.fixture
def bot(tmp_path: Path) -> FaqBot:
    shutil.copytree(ROOT / "knowledge", tmp_path / "knowledge")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    settings = Settings(
        _env_file=None,
        knowledge_dir=tmp_path / "knowledge",
        seeds_dir=tmp_path / "seeds",
        db_path=tmp_path / "db.sqlite3",
    )
    return FaqBot(settings, build_answerer(settings.knowledge_dir, settings.seeds_dir))


def edit(bot: FaqBot, name: str, old: str, new: str) -> None:
    path = bot.settings.knowledge_dir / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    "name,old,new,expected",
    [
        (
            "glossary.yaml",
            "- id: glossary-uxo\n",
            "- id: glossary-uxo\n  topic: [broken\n",
            "YAML syntax error",
        ),
        ("glossary.yaml", "- id: glossary-uxo\n", "- id: glossary-erw\n", "duplicate id"),
        (
            "people.yaml",
            "  sources:\n  - seed: phnom-penh-post-2023-07-cambodia-cluster-munitions"
            "-appeal\n    paragraph: 5\n  - title",
            "  sources:\n  - title",
            None,
        ),
    ],
)
async def test_broken_change_keeps_the_old_knowledge_base(
    bot: FaqBot, name: str, old: str, new: str, expected: str | None
) -> None:
    before = bot.answerer
    edit(bot, name, old, new)
    if expected is None:  # remove every source of an entry instead
        path = bot.settings.knowledge_dir / "glossary.yaml"
        text = path.read_text(encoding="utf-8")
        start = text.index("- id: glossary-dpicm")
        block_start = text.index("  sources:", start)
        block_end = text.index("  related:", block_start)
        path.write_text(text[:block_start] + text[block_end:], encoding="utf-8")
        expected = "at least one source"
    ok, message = await bot.reload_knowledge()
    assert not ok and expected in message
    assert bot.answerer is before
    assert bot.answerer.ask("what is the ccm?").answered


async def test_good_change_takes_effect_for_the_next_question(bot: FaqBot) -> None:
    edit(
        bot,
        "glossary.yaml",
        "    **UXO (unexploded ordnance)** is explosive",
        "    **UXO (unexploded ordnance), freshly reloaded,** is explosive",
    )
    ok, message = await bot.reload_knowledge()
    count = len(bot.answerer.kb.entries)
    assert ok and f"{count} -> {count} entries" in message
    reply = bot.answerer.ask("what does uxo mean")
    assert reply.entry is not None and "freshly reloaded" in reply.entry.answer

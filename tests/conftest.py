"""Shared fixtures: the bundled knowledge base is loaded once per test session, and so is
the same knowledge base with the Khmer test fixture added (`km_kb`, `km_answerer`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.answerer import Answerer
from bot.kb.loader import load_knowledge_base
from bot.kb.models import KnowledgeBase
from tests.khmer_fixture import write_khmer_knowledge
from tests.paths import ROOT


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base(ROOT / "knowledge", ROOT / "seeds")


@pytest.fixture(scope="session")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)


@pytest.fixture(scope="session")
def km_knowledge_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of knowledge/ with the Khmer test fixture's blocks (tests/khmer_fixture.py)."""
    return write_khmer_knowledge(tmp_path_factory.mktemp("khmer"))


@pytest.fixture(scope="session")
def km_kb(km_knowledge_dir: Path) -> KnowledgeBase:
    return load_knowledge_base(km_knowledge_dir, ROOT / "seeds")


@pytest.fixture(scope="session")
def km_answerer(km_kb: KnowledgeBase) -> Answerer:
    return Answerer(km_kb)

"""Shared fixtures: the bundled knowledge base is loaded once per test session."""

from __future__ import annotations

import pytest

from bot.answer.answerer import Answerer
from bot.kb.loader import load_knowledge_base
from bot.kb.models import KnowledgeBase
from tests.paths import ROOT


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base(ROOT / "knowledge", ROOT / "seeds")


@pytest.fixture(scope="session")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)

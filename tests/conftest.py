"""Shared fixtures: the bundled knowledge base is loaded once per test session, and so is
the same knowledge base with the Khmer test fixture added (`km_kb`, `km_answerer`); a real
PostgreSQL server (tests/postgres.py) is started once, on first use, and each test that asks
for `postgres_url` gets a new empty database on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.answer.answerer import Answerer
from bot.kb.loader import load_knowledge_base
from bot.kb.models import KnowledgeBase
from tests.khmer_fixture import write_khmer_knowledge
from tests.paths import ROOT
from tests.postgres import PostgresServer, require_bindir


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base(ROOT / "knowledge", ROOT / "seeds")


@pytest.fixture(scope="session")
def answerer(kb: KnowledgeBase) -> Answerer:
    return Answerer(kb)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    server = PostgresServer(require_bindir()).start()
    yield server
    server.remove()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    return postgres_server.create_database()


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

"""Shared fixtures: the bundled knowledge base is loaded once per test session; a real
PostgreSQL server (tests/postgres.py) is started once, on first use, and each test that asks
for `postgres_url` gets a new empty database on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.answer.answerer import Answerer
from bot.kb.loader import load_knowledge_base
from bot.kb.models import KnowledgeBase
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

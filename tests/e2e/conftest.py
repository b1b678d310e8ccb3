"""Fixtures for the end-to-end tests: the fake Discord on 127.0.0.1 and the real client."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import discord
import pytest

from bot.answer import Answerer
from bot.config import Settings
from bot.curator.store import Store
from bot.discord_app.bot import FaqBot
from bot.testing.fake_discord import FakeDiscord


@pytest.fixture
async def fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()
    await server.start()
    # point the client at the fake, in test setup only
    monkeypatch.setattr(discord.http.Route, "BASE", server.api_base)
    yield server
    await server.stop()


@pytest.fixture
async def bot(fake: FakeDiscord, answerer: Answerer, tmp_path: Path) -> AsyncIterator[FaqBot]:
    settings = Settings(
        _env_file=None,
        discord_token="fake-token",
        cooldown_rate=3,
        cooldown_seconds=60,
        db_path=tmp_path / "bot.sqlite3",
    )
    client = FaqBot(settings, answerer, Store(settings.db_path))
    task = asyncio.create_task(client.start("fake-token"))
    await asyncio.wait_for(fake.identified.wait(), 15)
    await asyncio.wait_for(client.wait_until_ready(), 15)
    yield client
    await client.close()
    await asyncio.wait_for(task, 10)

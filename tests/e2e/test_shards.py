"""Beyond one machine: two bot processes (shards 0 and 1 of 2) against the fake Discord and
one real PostgreSQL; one report holds both shards' questions. Then SIGTERM: each process
closes its gateway, flushes the store and exits 0 within 10 seconds."""

from __future__ import annotations

import asyncio
import io
import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.testing.fake_discord import GUILD_ID, SECOND_GUILD_ID, FakeDiscord, shard_of
from tests.e2e.helpers import callback_of
from tests.e2e.processes import bot_env, start_bot, stop_bot, wait_healthy
from tests.postgres import free_port

pytestmark = pytest.mark.timeout(120)

QUESTIONS = {
    GUILD_ID: "how do I volunteer as a deminer in Cambodia",
    SECOND_GUILD_ID: "what is the capital of laos",
}


async def ask_in(fake: FakeDiscord, guild: str, question: str) -> dict[str, object]:
    payload = fake.slash("ask", [{"name": "question", "type": 3, "value": question}], guild=guild)
    await fake.dispatch("INTERACTION_CREATE", payload)
    call = await fake.wait_for_request(callback_of(payload), timeout=20)
    data = call.body["data"]
    assert isinstance(data, dict)
    return data


async def test_two_shard_processes_one_postgres_one_report(
    fake: FakeDiscord, postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake.guild_ids = (GUILD_ID, SECOND_GUILD_ID)
    assert shard_of(GUILD_ID, 2) == 0 and shard_of(SECOND_GUILD_ID, 2) == 1
    ports = [free_port(), free_port()]
    procs = []
    for shard, port in enumerate(ports):
        folder = tmp_path / f"machine-{shard}"
        folder.mkdir()
        env = bot_env(
            fake,
            folder,
            BOT_DB_URL=postgres_url,
            BOT_SHARD_COUNT="2",
            BOT_SHARD_IDS=str(shard),
            BOT_METRICS_PORT=str(port),
        )
        procs.append(await start_bot(env, folder))
    try:
        for proc, port in zip(procs, ports, strict=True):
            await wait_healthy(port, proc)
        assert fake.identified_shards == {0: 2, 1: 2}

        for guild, question in QUESTIONS.items():
            data = await ask_in(fake, guild, question)
            assert data["embeds"][0]["title"] in ("I don't know that one", "Did you mean…?")  # type: ignore[index]
            data = await ask_in(fake, guild, "what is the ccm?")
            assert data["embeds"][0]["title"].startswith("What is the Convention")  # type: ignore[index]
    finally:
        results = [await stop_bot(proc) for proc in procs]
    for code, err in results:
        assert code == 0, err
        assert "Traceback" not in err, err

    monkeypatch.setenv("BOT_DB_URL", postgres_url)
    monkeypatch.setenv("BOT_DB_PATH", str(tmp_path / "unused.sqlite3"))
    out = io.StringIO()
    assert main(["report", "--json"], stdout=out) == 0
    report = json.loads(out.getvalue())
    shown = {c["representative"] for c in report["clusters"]}
    assert set(QUESTIONS.values()) <= shown  # both shards' questions, one report
    assert report["most_asked"] == [["ccm-what", 2]]

    out = io.StringIO()
    assert main(["report", "--json", "--guild", SECOND_GUILD_ID], stdout=out) == 0
    second = json.loads(out.getvalue())
    assert [c["representative"] for c in second["clusters"]] == [QUESTIONS[SECOND_GUILD_ID]]
    assert second["most_asked"] == [["ccm-what", 1]]
    await asyncio.sleep(0)

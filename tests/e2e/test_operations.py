"""Operations, on a real bot process against the fake Discord: the Prometheus endpoint and
/healthz on BOT_METRICS_PORT, a SIGHUP reload counted, and SIGTERM closing the gateway,
flushing the store and exiting 0 within 10 seconds."""

from __future__ import annotations

import asyncio
import re
import signal
import sqlite3
from pathlib import Path

import aiohttp
import pytest

from bot.testing.fake_discord import FakeDiscord
from tests.e2e.helpers import ask
from tests.e2e.processes import bot_env, start_bot, stop_bot, wait_healthy
from tests.postgres import free_port

pytestmark = pytest.mark.timeout(120)


def _value(text: str, sample: str) -> float:
    """The value of one sample line (`name{labels} value`) in Prometheus' text format."""
    match = re.search(rf"^{re.escape(sample)} (\S+)$", text, re.MULTILINE)
    assert match, f"{sample} not in the metrics"
    return float(match.group(1))


async def _get(port: int, path: str) -> tuple[int, str]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{port}{path}") as response,
    ):
        return response.status, await response.text()


async def test_metrics_endpoint_while_the_bot_runs(fake: FakeDiscord, tmp_path: Path) -> None:
    fake.heartbeat_interval = 300  # so that a gateway latency is measured quickly
    port = free_port()
    proc = await start_bot(bot_env(fake, tmp_path, BOT_METRICS_PORT=str(port)), tmp_path)
    try:
        await wait_healthy(port, proc)
        status, health = await _get(port, "/healthz")
        assert status == 200 and '"shards": {"0": "up"}' in health
        await ask(fake, "what is the ccm?")
        await ask(fake, "what is the capital of laos")
        proc.send_signal(signal.SIGHUP)  # the same reload as /kb reload
        text = ""
        for _ in range(100):
            _, text = await _get(port, "/metrics")
            if 'ccm_kb_reloads_total{result="ok"} 1.0' in text and re.search(
                r'^ccm_gateway_latency_seconds\{shard="0"\}', text, re.MULTILINE
            ):
                break
            await asyncio.sleep(0.1)
    finally:
        code, err = await stop_bot(proc)
    assert code == 0 and "Traceback" not in err, err
    assert _value(text, 'ccm_questions_total{status="answered"}') == 1
    assert (
        _value(text, 'ccm_questions_total{status="declined"}')
        + _value(text, 'ccm_questions_total{status="clarify"}')
        == 1
    )
    assert _value(text, "ccm_match_seconds_count") == 2
    assert _value(text, 'ccm_interaction_seconds_count{kind="slash"}') == 2
    assert _value(text, 'ccm_gateway_latency_seconds{shard="0"}') >= 0
    assert _value(text, 'ccm_shard_up{shard="0"}') == 1
    assert _value(text, "ccm_store_queue_depth") >= 0
    assert _value(text, "ccm_store_write_errors_total") == 0
    assert _value(text, "ccm_store_up") == 1
    assert _value(text, 'ccm_kb_reloads_total{result="ok"}') == 1
    assert _value(text, "ccm_reply_retries_total") == 0


async def test_sigterm_flushes_the_store_and_exits_0(fake: FakeDiscord, tmp_path: Path) -> None:
    port = free_port()
    proc = await start_bot(bot_env(fake, tmp_path, BOT_METRICS_PORT=str(port)), tmp_path)
    try:
        await wait_healthy(port, proc)
        for i in range(3):
            await ask(fake, f"what is the capital of laos number {i}")
    finally:
        code, err = await stop_bot(proc, timeout=10)  # fails if not gone within 10 s
    assert code == 0, err
    assert "stopping: closing the gateway and flushing the curator store" in err
    with sqlite3.connect(tmp_path / "bot.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM unanswered").fetchone()[0] == 3

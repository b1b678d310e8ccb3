"""`run` and `sync` when Discord cannot be reached or refuses the token: one line saying so
(besides the routine log lines of a bot starting), exit 1, no traceback."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.testing.fake_discord import FakeDiscord
from tests.e2e.processes import bot_env, start_bot
from tests.postgres import free_port

pytestmark = pytest.mark.timeout(120)


async def _finish(proc: asyncio.subprocess.Process) -> tuple[int, str]:
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode is not None
    return proc.returncode, (out + err).decode(errors="replace")


def _the_line(output: str) -> str:
    assert "Traceback" not in output, output
    lines = [
        line
        for line in output.splitlines()
        if line.strip() and " INFO " not in line and " DEBUG " not in line
    ]
    assert len(lines) == 1, output
    return lines[0]


@pytest.mark.parametrize("command", ["run", "sync"])
async def test_discord_out_of_reach(fake: FakeDiscord, tmp_path: Path, command: str) -> None:
    env = bot_env(fake, tmp_path)
    env["CCM_FAKE_DISCORD_API"] = f"http://127.0.0.1:{free_port()}/api/v10"  # nothing there
    code, output = await _finish(await start_bot(env, tmp_path, command))
    line = _the_line(output)
    assert code == 1 and line.startswith(f"{command}: cannot reach Discord"), output


@pytest.mark.parametrize("command", ["run", "sync"])
async def test_token_refused(fake: FakeDiscord, tmp_path: Path, command: str) -> None:
    fake.refused_tokens.add("fake-token")
    code, output = await _finish(await start_bot(bot_env(fake, tmp_path), tmp_path, command))
    line = _the_line(output)
    assert code == 1 and "Discord refused the token in DISCORD_TOKEN" in line, output
    assert "fake-token" not in output  # the token is never echoed

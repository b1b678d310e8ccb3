"""Bot processes for the end-to-end tests: `python -m bot run` in a child process, pointed
at the fake Discord by tests/e2e/launch_bot.py, with its own environment."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import aiohttp

from bot.testing.fake_discord import FakeDiscord
from tests.paths import ROOT


def bot_env(fake: FakeDiscord, tmp: Path, **settings: str) -> dict[str, str]:
    """The environment of a bot process: no inherited BOT_* settings or token, a folder of
    its own (no .env), the fake's addresses, then `settings`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("BOT_") and k not in ("DISCORD_TOKEN", "CCM_FAKE_DISCORD_API")
    }
    env.update(
        PYTHONPATH=str(ROOT),
        PYTHONUNBUFFERED="1",
        DISCORD_TOKEN="fake-token",
        BOT_KNOWLEDGE_DIR=str(ROOT / "knowledge"),
        BOT_SEEDS_DIR=str(ROOT / "seeds"),
        BOT_DB_PATH=str(tmp / "bot.sqlite3"),
        CCM_FAKE_DISCORD_API=fake.api_base,
        CCM_FAKE_DISCORD_GATEWAY=fake.gateway_url,
    )
    env.update(settings)
    return env


async def start_bot(env: dict[str, str], cwd: Path, *args: str) -> asyncio.subprocess.Process:
    """`python -m bot run` (or `args`) against the fake Discord."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.e2e.launch_bot",
        *(args or ("run",)),
        cwd=cwd,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def wait_healthy(port: int, proc: asyncio.subprocess.Process, timeout: float = 60) -> None:
    """Poll /healthz on 127.0.0.1 until it answers 200 (the bot is ready on every shard)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    async with aiohttp.ClientSession() as session:
        while loop.time() < deadline:
            if proc.returncode is not None:
                err = await proc.stderr.read() if proc.stderr else b""
                raise AssertionError(f"the bot exited {proc.returncode}: {err.decode()}")
            try:
                async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.2)
    raise AssertionError("the bot never became healthy")


async def stop_bot(proc: asyncio.subprocess.Process, timeout: float = 10) -> tuple[int, str]:
    """SIGTERM, then the exit code and stderr; the process must be gone within `timeout`."""
    if proc.returncode is None:
        proc.send_signal(signal.SIGTERM)
    try:
        _, err = await asyncio.wait_for(proc.communicate(), timeout)
    except TimeoutError:
        proc.kill()
        await proc.wait()
        raise AssertionError(f"the bot did not exit within {timeout} s of SIGTERM") from None
    assert proc.returncode is not None
    return proc.returncode, err.decode(errors="replace")

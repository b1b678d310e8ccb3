"""Test-only launcher: `python -m tests.e2e.launch_bot run` is `python -m bot run` with
discord.py pointed at the fake Discord: REST at CCM_FAKE_DISCORD_API, and the gateway the
library dials when a shard count is set (it skips asking for one then) at
CCM_FAKE_DISCORD_GATEWAY.

It lives under tests/ so that the product has no setting that sends traffic elsewhere, and it
refuses any address but 127.0.0.1.
"""

from __future__ import annotations

import os
import sys

import discord
import yarl

from bot.cli import main

if __name__ == "__main__":
    api = os.environ["CCM_FAKE_DISCORD_API"]
    gateway = os.environ.get("CCM_FAKE_DISCORD_GATEWAY", "ws://127.0.0.1:9/gateway")
    for url in (api, gateway):
        if yarl.URL(url).host != "127.0.0.1":
            sys.exit(f"launch_bot: refusing {url!r}: the fake Discord is on 127.0.0.1 only")
    discord.http.Route.BASE = api
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
    sys.exit(main(sys.argv[1:]))

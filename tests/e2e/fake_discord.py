"""A fake Discord on 127.0.0.1: the REST routes and gateway the bot uses, nothing more.

It lets the real discord.py client run end to end in tests: log in, identify, receive
GUILD_CREATE, INTERACTION_CREATE and MESSAGE_CREATE, answer through interaction callbacks,
follow-ups and channel messages, and resume after a resumable gateway close. Everything the
bot sends is recorded for the tests to inspect. Loopback only; every wait is bounded.

Shards: each gateway connection identifies with `[shard_id, shard_count]`, gets READY and
GUILD_CREATE for the guilds Discord would put on that shard (`(guild_id >> 22) % count`), and
events about a guild go to the connection of its shard, so several bot processes can share
one fake. Faults: `refused_tokens` get 401 on every route (a reset token); `fail_next` makes
the next matching requests fail with a status (a 503 on a reply, say).
"""

from __future__ import annotations

import asyncio
import itertools
import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

BOT_ID = "1000"
GUILD_ID = "2000"  # on shard 0 of 1, and of 2
SECOND_GUILD_ID = str((1 << 22) | 2000)  # on shard 1 of 2
CHANNEL_ID = "3000"
ADMIN_ID = "4000"
USER_ID = "4001"
MANAGE_GUILD = 1 << 5
SEND_MESSAGES = (1 << 11) | (1 << 10) | (1 << 14) | (1 << 16) | (1 << 18)  # send, view, embed..
TIMESTAMP = "2026-11-28T10:00:00.000000+00:00"


def _json(data: Any, status: int = 200) -> web.Response:
    """discord.py parses a body only when the content-type is exactly application/json."""
    return web.Response(
        body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"}
    )


def user(user_id: str, name: str, bot: bool = False) -> dict[str, Any]:
    return {
        "id": user_id,
        "username": name,
        "discriminator": "0",
        "global_name": name,
        "avatar": None,
        "bot": bot,
        "flags": 0,
        "public_flags": 0,
    }


def member(user_id: str, name: str, permissions: int) -> dict[str, Any]:
    return {
        "user": user(user_id, name),
        "roles": [],
        "joined_at": TIMESTAMP,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "permissions": str(permissions),
        "nick": None,
        "avatar": None,
        "pending": False,
    }


@dataclass
class Recorded:
    method: str
    path: str
    body: Any


def shard_of(guild_id: str | int, shard_count: int) -> int:
    """The shard Discord puts a guild on."""
    return (int(guild_id) >> 22) % shard_count


def channel_of(guild_id: str) -> str:
    """Each fake guild has one text channel; the first guild's is CHANNEL_ID."""
    return CHANNEL_ID if guild_id == GUILD_ID else str(int(guild_id) + 1000)


@dataclass
class _Failure:
    predicate: Any
    status: int
    times: int


@dataclass
class FakeDiscord:
    """Start with `await fake.start()`, stop with `await fake.stop()`."""

    requests: list[Recorded] = field(default_factory=list)
    gateway_ops: list[int] = field(default_factory=list)
    port: int = 0
    sequence: int = 0
    identified: asyncio.Event = field(default_factory=asyncio.Event)
    resumed: asyncio.Event = field(default_factory=asyncio.Event)
    #: the guilds the bot is in (each on the shard its id says)
    guild_ids: tuple[str, ...] = (GUILD_ID,)
    #: tokens answered with 401 Unauthorized on every route
    refused_tokens: set[str] = field(default_factory=set)
    #: how often the bot is asked to heartbeat (milliseconds)
    heartbeat_interval: int = 45_000
    #: shard id -> shard count, for every IDENTIFY received
    identified_shards: dict[int, int] = field(default_factory=dict)
    _ws: web.WebSocketResponse | None = None
    _shard_ws: dict[int, web.WebSocketResponse] = field(default_factory=dict)
    _shard_count: int = 1
    _failures: list[_Failure] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(900_000))
    _runner: web.AppRunner | None = None
    _new_request: asyncio.Condition = field(default_factory=asyncio.Condition)

    # -- lifecycle ----------------------------------------------------------------------
    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        for ws in {id(w): w for w in [self._ws, *self._shard_ws.values()] if w}.values():
            if not ws.closed:
                await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    def fail_next(self, predicate: Any, status: int = 503, times: int = 1) -> None:
        """The next `times` requests matching `predicate` get `status` (a server hiccup)."""
        self._failures.append(_Failure(predicate, status, times))

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    def next_id(self) -> str:
        return str(next(self._ids))

    # -- REST -----------------------------------------------------------------------------
    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body: Any = None
        if request.can_read_body:
            raw = await request.read()
            if request.content_type == "application/json":
                body = json.loads(raw or b"null")
            elif raw:
                body = {"multipart": True}
        recorded = Recorded(request.method, path, body)
        async with self._new_request:
            self.requests.append(recorded)
            self._new_request.notify_all()
        token = request.headers.get("Authorization", "").removeprefix("Bot ")
        if token in self.refused_tokens:
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        for failure in self._failures:
            if failure.times > 0 and failure.predicate(recorded):
                failure.times -= 1
                return web.Response(status=failure.status, text="upstream unavailable")
        bot = user(BOT_ID, "FAQ Bot", bot=True)
        if path == "/users/@me":
            return _json(bot)
        if path == "/oauth2/applications/@me":
            return _json(
                {
                    "id": BOT_ID,
                    "name": "FAQ Bot",
                    "icon": None,
                    "description": "",
                    "rpc_origins": [],
                    "bot_public": True,
                    "bot_require_code_grant": False,
                    "owner": user(ADMIN_ID, "owner"),
                    "summary": "",
                    "verify_key": "0" * 64,
                    "flags": 0,
                    "team": None,
                    "bot": bot,
                }
            )
        if path == "/gateway/bot":
            return _json(
                {
                    "url": self.gateway_url,
                    "shards": 1,
                    "session_start_limit": {
                        "total": 1000,
                        "remaining": 999,
                        "reset_after": 0,
                        "max_concurrency": 1,
                    },
                }
            )
        if path.endswith("/commands") and request.method == "PUT":
            return _json(
                [dict(c, id=self.next_id(), application_id=BOT_ID, version="1") for c in body or []]
            )
        if path.endswith("/callback"):
            return _json(self._callback(path, body or {}))
        if "/reactions/" in path and path.startswith("/channels/"):
            # PUT/DELETE /channels/{c}/messages/{m}/reactions/{emoji}/@me: 204, no body
            return web.Response(status=204)
        if path.startswith("/webhooks/") or path.startswith("/channels/"):
            if request.method == "DELETE":
                return web.Response(status=204)
            if path.startswith("/channels/"):
                channel = path.split("/")[2]
                guild = next((g for g in self.guild_ids if channel_of(g) == channel), GUILD_ID)
                return _json(self.message(body or {}, channel, guild))
            return _json(self.message(body or {}))
        return _json({"message": "not faked", "code": 0}, status=404)

    def message(
        self, body: dict[str, Any], channel: str = CHANNEL_ID, guild: str = GUILD_ID
    ) -> dict[str, Any]:
        return {
            "id": self.next_id(),
            "channel_id": channel,
            "guild_id": guild,
            "author": user(BOT_ID, "FAQ Bot", bot=True),
            "content": body.get("content") or "",
            "timestamp": TIMESTAMP,
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": body.get("embeds") or [],
            "pinned": False,
            "type": 0,
            "flags": body.get("flags", 0),
            "components": body.get("components") or [],
        }

    def _callback(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        interaction_id = path.split("/")[2]
        data = body.get("data") or {}
        out: dict[str, Any] = {
            "interaction": {
                "id": interaction_id,
                "type": 2,
                "response_message_loading": False,
                "response_message_ephemeral": bool(data.get("flags", 0) & 64),
            }
        }
        if body.get("type") in (4, 7):
            msg = self.message(data)
            out["interaction"]["response_message_id"] = msg["id"]
            out["resource"] = {"type": body["type"], "message": msg}
        return out

    async def wait_for_request(self, predicate: Any, timeout: float = 10.0) -> Recorded:
        """The first recorded request (past or future) that satisfies `predicate`."""

        async def find() -> Recorded:
            async with self._new_request:
                while True:
                    for req in self.requests:
                        if predicate(req):
                            return req
                    await self._new_request.wait()

        return await asyncio.wait_for(find(), timeout)

    # -- gateway --------------------------------------------------------------------------
    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ws = ws
        await ws.send_json(
            {"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval}, "s": None, "t": None}
        )
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                continue
            payload = json.loads(msg.data)
            op = payload.get("op")
            self.gateway_ops.append(op)
            if op == 1:
                await ws.send_json({"op": 11, "d": None, "s": None, "t": None})
            elif op == 2:
                shard_id, count = (payload.get("d") or {}).get("shard") or [0, 1]
                self._shard_count = count
                self._shard_ws[shard_id] = ws
                self.identified_shards[shard_id] = count
                guilds = [g for g in self.guild_ids if shard_of(g, count) == shard_id]
                await self._send(
                    ws,
                    "READY",
                    {
                        "v": 10,
                        "user": user(BOT_ID, "FAQ Bot", bot=True),
                        "guilds": [{"id": g, "unavailable": True} for g in guilds],
                        "session_id": f"session-{shard_id}",
                        "resume_gateway_url": self.gateway_url,
                        "shard": [shard_id, count],
                        "application": {"id": BOT_ID, "flags": 0},
                        "private_channels": [],
                        "relationships": [],
                    },
                )
                for guild_id in guilds:
                    await self._send(ws, "GUILD_CREATE", self.guild(guild_id))
                self.identified.set()
            elif op == 6:
                session = str((payload.get("d") or {}).get("session_id", "session-0"))
                self._shard_ws[int(session.rsplit("-", 1)[-1])] = ws
                await self._send(ws, "RESUMED", {})
                self.resumed.set()
        return ws

    def guild(self, guild_id: str = GUILD_ID) -> dict[str, Any]:
        channel_id = channel_of(guild_id)
        everyone = {
            "id": guild_id,
            "name": "@everyone",
            "permissions": str(SEND_MESSAGES),
            "position": 0,
            "color": 0,
            "hoist": False,
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }
        return {
            "id": guild_id,
            "name": "Test server",
            "owner_id": ADMIN_ID,
            "icon": None,
            "roles": [everyone],
            "emojis": [],
            "stickers": [],
            "features": [],
            "channels": [
                {
                    "id": channel_id,
                    "type": 0,
                    "name": "general",
                    "position": 0,
                    "permission_overwrites": [],
                    "guild_id": guild_id,
                    "nsfw": False,
                    "parent_id": None,
                    "topic": None,
                    "rate_limit_per_user": 0,
                }
            ],
            "members": [member(BOT_ID, "FAQ Bot", 0)],
            "member_count": 3,
            "threads": [],
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "unavailable": False,
            "large": False,
            "joined_at": TIMESTAMP,
            "premium_tier": 0,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "afk_timeout": 300,
            "system_channel_flags": 0,
            "preferred_locale": "en-US",
            "afk_channel_id": None,
            "system_channel_id": None,
        }

    async def dispatch(
        self, event: str, data: dict[str, Any], *, shard: int | None = None
    ) -> None:
        """Send an event on the connection of `shard`, by default the shard of the event's
        guild (the last connection for events without one)."""
        if shard is None and data.get("guild_id") is not None and self._shard_ws:
            shard = shard_of(data["guild_id"], self._shard_count)
        ws = self._shard_ws.get(shard) if shard is not None else self._ws
        assert ws is not None, "the bot has not connected"
        await self._send(ws, event, data)

    async def _send(self, ws: web.WebSocketResponse, event: str, data: dict[str, Any]) -> None:
        self.sequence += 1
        await ws.send_json({"op": 0, "t": event, "s": self.sequence, "d": data})

    async def close_gateway(self, code: int) -> None:
        """Drop the connection as Discord does, e.g. 4000 (unknown error: resume allowed)."""
        assert self._ws is not None
        self.resumed.clear()
        await self._ws.close(code=code)

    # -- events the tests send --------------------------------------------------------------
    def interaction(
        self,
        kind: int,
        data: dict[str, Any],
        *,
        admin: bool = False,
        message: dict[str, Any] | None = None,
        guild: str = GUILD_ID,
    ) -> dict[str, Any]:
        channel = channel_of(guild)
        who = (
            member(ADMIN_ID, "admin", MANAGE_GUILD | SEND_MESSAGES)
            if admin
            else member(USER_ID, "someone", SEND_MESSAGES)
        )
        payload = {
            "id": self.next_id(),
            "application_id": BOT_ID,
            "type": kind,
            "data": data,
            "guild_id": guild,
            "channel_id": channel,
            "channel": {
                "id": channel,
                "type": 0,
                "name": "general",
                "guild_id": guild,
                "permissions": str(SEND_MESSAGES),
            },
            "member": who,
            "token": f"token-{self.next_id()}",
            "version": 1,
            "app_permissions": str(SEND_MESSAGES),
            "locale": "en-US",
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": guild},
            "context": 0,
            "attachment_size_limit": 10_485_760,
        }
        if message is not None:
            payload["message"] = message
        return payload

    def slash(
        self, name: str, options: list[dict[str, Any]], guild: str = GUILD_ID, **kw: Any
    ) -> dict[str, Any]:
        return self.interaction(
            2,
            {
                "id": self.next_id(),
                "name": name,
                "type": 1,
                "options": options,
                "guild_id": guild,
            },
            guild=guild,
            **kw,
        )

    def user_message(
        self, content: str, *, mention_bot: bool, guild: str = GUILD_ID
    ) -> dict[str, Any]:
        return {
            "id": self.next_id(),
            "channel_id": channel_of(guild),
            "guild_id": guild,
            "author": user(USER_ID, "someone"),
            "member": {k: v for k, v in member(USER_ID, "someone", 0).items() if k != "user"},
            "content": content,
            "timestamp": TIMESTAMP,
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [user(BOT_ID, "FAQ Bot", bot=True)] if mention_bot else [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": 0,
            "flags": 0,
            "components": [],
        }

"""A fake Discord on 127.0.0.1: the REST routes and gateway the bot uses, nothing more.

It lets the real discord.py client run end to end in tests: log in, identify, receive
GUILD_CREATE, INTERACTION_CREATE and MESSAGE_CREATE, answer through interaction callbacks,
follow-ups and channel messages, and resume after a resumable gateway close. Everything the
bot sends is recorded for the tests to inspect. Loopback only; every wait is bounded.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

BOT_ID = "1000"
GUILD_ID = "2000"
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


@dataclass
class FakeDiscord:
    """Start with `await fake.start()`, stop with `await fake.stop()`."""

    requests: list[Recorded] = field(default_factory=list)
    gateway_ops: list[int] = field(default_factory=list)
    port: int = 0
    sequence: int = 0
    identified: asyncio.Event = field(default_factory=asyncio.Event)
    resumed: asyncio.Event = field(default_factory=asyncio.Event)
    _ws: web.WebSocketResponse | None = None
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
        if self._ws is not None and not self._ws.closed:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

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
        async with self._new_request:
            self.requests.append(Recorded(request.method, path, body))
            self._new_request.notify_all()
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
            return _json(self.message(body or {}))
        return _json({"message": "not faked", "code": 0}, status=404)

    def message(self, body: dict[str, Any], channel: str = CHANNEL_ID) -> dict[str, Any]:
        return {
            "id": self.next_id(),
            "channel_id": channel,
            "guild_id": GUILD_ID,
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
        await ws.send_json({"op": 10, "d": {"heartbeat_interval": 45_000}, "s": None, "t": None})
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                continue
            payload = json.loads(msg.data)
            op = payload.get("op")
            self.gateway_ops.append(op)
            if op == 1:
                await ws.send_json({"op": 11, "d": None, "s": None, "t": None})
            elif op == 2:
                await self.dispatch(
                    "READY",
                    {
                        "v": 10,
                        "user": user(BOT_ID, "FAQ Bot", bot=True),
                        "guilds": [{"id": GUILD_ID, "unavailable": True}],
                        "session_id": "session-1",
                        "resume_gateway_url": self.gateway_url,
                        "shard": [0, 1],
                        "application": {"id": BOT_ID, "flags": 0},
                        "private_channels": [],
                        "relationships": [],
                    },
                )
                await self.dispatch("GUILD_CREATE", self.guild())
                self.identified.set()
            elif op == 6:
                await self.dispatch("RESUMED", {})
                self.resumed.set()
        return ws

    def guild(self) -> dict[str, Any]:
        everyone = {
            "id": GUILD_ID,
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
            "id": GUILD_ID,
            "name": "Test server",
            "owner_id": ADMIN_ID,
            "icon": None,
            "roles": [everyone],
            "emojis": [],
            "stickers": [],
            "features": [],
            "channels": [
                {
                    "id": CHANNEL_ID,
                    "type": 0,
                    "name": "general",
                    "position": 0,
                    "permission_overwrites": [],
                    "guild_id": GUILD_ID,
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

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        assert self._ws is not None, "the bot has not connected"
        self.sequence += 1
        await self._ws.send_json({"op": 0, "t": event, "s": self.sequence, "d": data})

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
    ) -> dict[str, Any]:
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
            "guild_id": GUILD_ID,
            "channel_id": CHANNEL_ID,
            "channel": {
                "id": CHANNEL_ID,
                "type": 0,
                "name": "general",
                "guild_id": GUILD_ID,
                "permissions": str(SEND_MESSAGES),
            },
            "member": who,
            "token": f"token-{self.next_id()}",
            "version": 1,
            "app_permissions": str(SEND_MESSAGES),
            "locale": "en-US",
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": GUILD_ID},
            "context": 0,
            "attachment_size_limit": 10_485_760,
        }
        if message is not None:
            payload["message"] = message
        return payload

    def slash(self, name: str, options: list[dict[str, Any]], **kw: Any) -> dict[str, Any]:
        return self.interaction(
            2,
            {
                "id": self.next_id(),
                "name": name,
                "type": 1,
                "options": options,
                "guild_id": GUILD_ID,
            },
            **kw,
        )

    def user_message(self, content: str, *, mention_bot: bool) -> dict[str, Any]:
        return {
            "id": self.next_id(),
            "channel_id": CHANNEL_ID,
            "guild_id": GUILD_ID,
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

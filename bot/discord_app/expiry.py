"""Greying out old buttons: one queue and one task for the whole bot.

Buttons and menus under a message are greyed out VIEW_TIMEOUT after it was sent, so people
see it is old (its buttons still work: their custom_ids say what they do). discord.py's own
view timeout keeps the live View, its items, the Interaction (with every dict of its payload)
and a sleeping task for each message, for 15 minutes: about 45 objects the garbage collector
walks per answer, 8 million at 200 answers a second, and full collections of 55-120 ms
after only 6,000 answers (`python -m bot bench --discord`, 2026-12-02).

Here each message leaves one small record: where it is, and its components as a JSON string
(a tuple of strings and numbers: the collector stops walking it). When it is due, those
components are sent back disabled, the request discord.py made (the original response
through the interaction's token, or the channel message by id), EDITS_AT_ONCE at a time.
Every message waits the same time, so the queue is in due order; it holds at most `memory`
records, the oldest dropped past that (an old button still works).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import deque
from collections.abc import Callable
from typing import Any

import discord
from discord.http import MultipartParameters
from discord.webhook.async_ import async_context

log = logging.getLogger(__name__)

#: interaction tokens live 15 minutes: an expired view can be edited until then
VIEW_TIMEOUT = 15 * 60.0
#: messages remembered for greying out (200 a second for 15 minutes: 180,000)
EXPIRY_MEMORY = 200_000
#: edits in flight at once: at Discord's latency (about 0.1 s) some 160 messages a second,
#: each through its own interaction token (its own rate limit bucket)
EDITS_AT_ONCE = 16


#: (due at, components JSON, message id or 0 for an interaction's original response, channel
#: id, application id, interaction token): a plain tuple of strings and numbers, which the
#: garbage collector stops tracking after one pass (a NamedTuple it would walk forever)
_Due = tuple[float, str, int, int | None, int | None, str | None]


def disabled(components: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same action rows with every button and menu in them disabled.

    >>> disabled([{"type": 1, "components": [{"type": 2, "custom_id": "x", "style": 2}]}])
    [{'type': 1, 'components': [{'type': 2, 'custom_id': 'x', 'style': 2, 'disabled': True}]}]
    """
    return [
        {**row, "components": [{**c, "disabled": True} for c in row.get("components", [])]}
        for row in components
    ]


class Expiry:
    """Remembers messages with buttons and greys them out when they are due (`run`)."""

    def __init__(
        self,
        client: discord.Client,
        *,
        after: float = VIEW_TIMEOUT,
        memory: int = EXPIRY_MEMORY,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self.after = after
        self._clock = clock
        self._due: deque[_Due] = deque(maxlen=memory)
        self._wake = asyncio.Event()

    def __len__(self) -> int:
        return len(self._due)

    def interaction(self, interaction: discord.Interaction[Any], view: discord.ui.View) -> None:
        """The original response to `interaction` (or, for a button that edited its message,
        that message) holds `view`."""
        if view.children:
            self._add(view, 0, None, interaction.application_id, interaction.token)

    def message(self, message: discord.Message | None, view: discord.ui.View) -> None:
        """`message` (sent by the bot in a channel) holds `view`."""
        if message is not None and view.children:
            self._add(view, message.id, message.channel.id, None, None)

    def _add(
        self,
        view: discord.ui.View,
        message_id: int,
        channel_id: int | None,
        application_id: int | None,
        token: str | None,
    ) -> None:
        if not self._due:
            self._wake.set()
        components = json.dumps(view.to_components(), separators=(",", ":"))
        at = self._clock() + self.after
        self._due.append((at, components, message_id, channel_id, application_id, token))

    async def run(self) -> None:
        """Grey out messages when due, up to EDITS_AT_ONCE at a time, until cancelled."""
        while True:
            if not self._due:
                self._wake.clear()
                await self._wake.wait()
                continue
            now = self._clock()
            wait = self._due[0][0] - now
            if wait > 0:
                await asyncio.sleep(wait)
                continue
            batch: list[_Due] = []
            while self._due and self._due[0][0] <= now and len(batch) < EDITS_AT_ONCE:
                batch.append(self._due.popleft())
            await asyncio.gather(*(self._quietly(due) for due in batch))

    async def _quietly(self, due: _Due) -> None:
        try:
            await self._grey_out(due)
        except (discord.HTTPException, ValueError) as exc:  # deleted, token expired...
            log.debug("could not disable an expired view: %s", exc)

    async def _grey_out(self, due: _Due) -> None:
        """Edit the message's components only, as discord.py's own view timeout would: the
        original response through the interaction's token, a channel message by its id."""
        _, components, message_id, channel_id, application_id, token = due
        payload = {"components": disabled(json.loads(components))}
        if token is not None and application_id is not None:
            webhook = discord.Webhook.partial(application_id, token, client=self.client)
            await async_context.get().edit_original_interaction_response(
                application_id,
                token,
                session=webhook.session,
                proxy=webhook.proxy,
                proxy_auth=webhook.proxy_auth,
                payload=payload,
            )
        elif channel_id is not None:
            params = MultipartParameters(payload=payload, multipart=None, files=None)
            await self.client.http.edit_message(channel_id, message_id, params=params)

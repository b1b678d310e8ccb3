"""What adapters tell the curator store about each reply, the same for Discord and the chat.

One `Recorder` per process: it turns replies, picks and votes into store rows, and remembers
which question a "did you mean" message offered suggestions for, so that a suggestion picked
later is paired with the question people actually asked (the curators' best alternates).
"""

from __future__ import annotations

from collections.abc import Hashable

from bot.answer import Reply
from bot.bounded import BoundedDict
from bot.curator.store import Store

#: replies that say nothing about the knowledge base's coverage
_NOT_QUESTIONS = {"empty", "instructions"}
#: how many offers (message ids, the terminal) are remembered for pairing picks
REMEMBER_OFFERS = 5000


class Recorder:
    """Records replies, picks and votes; pairs a picked suggestion with the question offered."""

    def __init__(self, store: Store, *, remember: int = REMEMBER_OFFERS) -> None:
        self.store = store
        self._offered: BoundedDict[Hashable, str] = BoundedDict(size=remember)

    def reply(
        self,
        reply: Reply,
        *,
        guild_id: int | None,
        channel_kind: str,
        offer_key: Hashable | None = None,
    ) -> None:
        """Answered: a hit for the entry. Declined or asked back: the question, with the
        nearest entry, so curators see what people wanted. `offer_key` names where the
        suggestions were shown (a message id, "terminal") for `pick` to find them."""
        if reply.answered and reply.entry is not None:
            self.store.record_hit(reply.entry.id)
            return
        if reply.reason in _NOT_QUESTIONS or not reply.normalized:
            return
        top = reply.suggestions[0].id if reply.suggestions else None
        self.store.record_unanswered(
            reply.normalized, reply.status, top, reply.score, guild_id, channel_kind
        )
        if reply.suggestions and offer_key is not None:
            self._offered[offer_key] = reply.normalized

    def pick(self, entry_id: str, *, offer_key: Hashable | None, guild_id: int | None) -> None:
        """Someone picked `entry_id` from the suggestions shown at `offer_key`."""
        question = self._offered.get(offer_key) if offer_key is not None else None
        if question:
            self.store.record_pick(question, entry_id, guild_id)

    def forget(self, offer_key: Hashable) -> None:
        """The place moved on (a new question in the chat): an old offer no longer pairs."""
        self._offered.pop(offer_key, None)

    def vote(self, entry_id: str, *, up: bool) -> None:
        """A 👍 or 👎 on an answer."""
        self.store.record_vote(entry_id, up=up)

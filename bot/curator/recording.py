"""What adapters tell the curator store about each reply, the same for Discord and the chat.

One `Recorder` per process: it turns replies, picks and votes into store rows, and remembers
which question a "did you mean" message offered suggestions for, so that a suggestion picked
later is paired with the question people actually asked (the curators' best alternates), and
the report counts that question as answered rather than missed.

What people typed is redacted (`bot.curator.redact`) before anything is stored, and the
normalized text kept for clustering is computed from the redacted text, so neither holds an
email address or a phone number. That work is done on the store's writer thread
(`Store.later`), not on the caller's event loop: a reply costs the loop a queue put.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from bot.answer import Reply
from bot.answer.normalize import Normalizer
from bot.bounded import BoundedDict
from bot.curator.redact import redact
from bot.curator.store import Store

#: replies that say nothing about the knowledge base's coverage
_NOT_QUESTIONS = {"empty", "instructions"}
#: how many offers (message ids, the terminal) are remembered for pairing picks
REMEMBER_OFFERS = 5000


@dataclass(frozen=True)
class _Offer:
    typed: str  # as typed: redacted on the writer's thread when a pick is recorded
    ask_id: str


class Recorder:
    """Records replies, picks and votes; pairs a picked suggestion with the question offered.

    `normalize` turns the redacted text into the form questions are clustered on (the
    engine's normalizer; by default Unicode folding and casefolding only).
    """

    def __init__(
        self,
        store: Store,
        *,
        remember: int = REMEMBER_OFFERS,
        normalize: Callable[[str], str] | None = None,
    ) -> None:
        self.store = store
        self.normalize = normalize or Normalizer.basic
        self._offered: BoundedDict[Hashable, _Offer] = BoundedDict(size=remember)

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
            self.store.record_hit(reply.entry.id, guild_id)
            return
        if reply.reason in _NOT_QUESTIONS or not reply.normalized:
            return
        top = reply.suggestions[0].id if reply.suggestions else None
        ask_id = secrets.token_hex(8)
        typed, status, score = reply.question, reply.status, reply.score

        def record() -> None:
            asked, question = self._redacted(typed)
            if question:
                self.store.record_unanswered(
                    question,
                    status,
                    top,
                    score,
                    guild_id,
                    channel_kind,
                    asked=asked,
                    ask_id=ask_id,
                )

        self.store.later(record)
        if reply.suggestions and offer_key is not None:
            self._offered[offer_key] = _Offer(typed, ask_id)

    def _redacted(self, typed: str) -> tuple[str, str]:
        """What people typed, redacted, and its normalized form (empty: nothing to keep)."""
        asked = redact(typed)
        return asked, self.normalize(asked).strip()

    def pick(self, entry_id: str, *, offer_key: Hashable | None, guild_id: int | None) -> None:
        """Someone picked `entry_id` from the suggestions shown at `offer_key`."""
        offer = self._offered.get(offer_key) if offer_key is not None else None
        if offer is None:
            return

        def record() -> None:
            asked, question = self._redacted(offer.typed)
            if question:
                self.store.record_pick(
                    question, entry_id, guild_id, asked=asked, ask_id=offer.ask_id
                )

        self.store.later(record)

    def forget(self, offer_key: Hashable) -> None:
        """The place moved on (a new question in the chat): an old offer no longer pairs."""
        self._offered.pop(offer_key, None)

    def vote(self, entry_id: str, *, up: bool, guild_id: int | None = None) -> None:
        """A 👍 or 👎 on an answer."""
        self.store.record_vote(entry_id, up=up, guild_id=guild_id)

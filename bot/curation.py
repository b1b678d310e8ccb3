"""What adapters tell the curator store about each reply (the same for Discord and chat)."""

from __future__ import annotations

from bot.answer.answerer import Reply
from bot.store import Store

#: replies that say nothing about the knowledge base's coverage
_NOT_QUESTIONS = {"empty", "too-long"}


def record_reply(store: Store, reply: Reply, *, guild_id: int | None, channel_kind: str) -> None:
    """Answered: a hit for the entry. Declined or asked back: the (normalized) question, so
    curators see what people wanted, with the nearest entry the bot found."""
    if reply.answered and reply.entry is not None:
        store.record_hit(reply.entry.id)  # typed, picked from a list or a follow-up alike
        return
    if reply.reason in _NOT_QUESTIONS or not reply.normalized:
        return
    top = reply.suggestions[0].id if reply.suggestions else None
    store.record_unanswered(
        reply.normalized, reply.status, top, reply.score, guild_id, channel_kind
    )

"""Plain-text and JSON renderings of a Reply, for the terminal chat and `ask`.

The JSON shape is a contract (README, "Command line", `ask --json`): scripts depend on it.
"""

from __future__ import annotations

from typing import Any

from bot.answer.answerer import Reply
from bot.kb.models import Entry, KnowledgeBase

DECLINE_TEXT = "I don't have an answer for that in my knowledge base."
EMPTY_TEXT = "I didn't catch a question there. Try asking in a few words."


def sources_of(entry: Entry, kb: KnowledgeBase) -> list[dict[str, str | None]]:
    """An entry's sources as title, link and as-of, seed citations resolved."""
    out: list[dict[str, str | None]] = []
    for source in entry.sources:
        title, url = kb.source_label(source)
        out.append({"title": title, "url": url, "as_of": source.as_of})
    return out


def reply_to_json(reply: Reply, kb: KnowledgeBase) -> dict[str, Any]:
    """The `ask --json` object for a reply (the contract in the README).

    A message that asked several things keeps the contract: `answer` is every part's answer
    in order, `id` the first answered part's entry, and `parts` one object per question.
    """
    entry = reply.entry if reply.answered else None
    answers = [p.entry.answer for p in reply.shown if p.answered and p.entry is not None]
    return {
        "question": reply.question,
        "answered": entry is not None,
        "answer": "\n\n".join(answers) if answers else None,
        "confidence": round(reply.confidence, 4),
        "id": entry.id if entry else None,
        "sources": sources_of(entry, kb) if entry else [],
        "suggestions": [{"id": s.id, "question": s.question} for s in reply.suggestions],
        # additive fields (not in the minimal contract) that scripts may find useful
        "status": reply.status,
        "reason": reply.reason,
        "attributed_to": entry.attributed_to if entry else None,
        "related": list(entry.related) if entry else [],
        "parts": [
            {
                "question": p.question,
                "status": p.status,
                "id": p.entry.id if p.answered and p.entry else None,
                "answer": p.entry.answer if p.answered and p.entry else None,
                "confidence": round(p.confidence, 4),
            }
            for p in reply.parts
        ],
    }


def invalid_input_json(question: str, reason: str) -> dict[str, Any]:
    """The JSON line for input we could not read at all (e.g. invalid UTF-8)."""
    return {
        "question": question,
        "answered": False,
        "answer": None,
        "confidence": 0.0,
        "id": None,
        "sources": [],
        "suggestions": [],
        "status": "declined",
        "reason": reason,
        "attributed_to": None,
        "related": [],
        "parts": [],
    }


INSTRUCTIONS_TEXT = (
    "I only answer from my sourced knowledge base, in my own words: I don't take on roles or "
    "change my rules. Ask me about the CCM, Cambodia's clearance or July 2023."
)


def reply_to_text(reply: Reply, kb: KnowledgeBase) -> str:
    """A terminal rendering: each question's answer, its sources, and what to ask next."""
    if reply.parts:
        return "\n\n".join(
            f"({i}/{len(reply.parts)}) {part.question.strip()}\n{_one_reply_to_text(part, kb)}"
            for i, part in enumerate(reply.parts, 1)
        )
    return _one_reply_to_text(reply, kb)


def _one_reply_to_text(reply: Reply, kb: KnowledgeBase) -> str:
    lines: list[str] = []
    entry = reply.entry if reply.answered else None
    if entry is not None:
        lines.append(f"» {entry.question}")
        if entry.kind == "position" and entry.attributed_to:
            lines.append(f"  (Position of {entry.attributed_to}, not the bot's view)")
        lines.append("")
        lines.append(entry.answer)
        lines.append("")
        lines.append("Sources:")
        for source in sources_of(entry, kb):
            stamp = f" (as of {source['as_of']})" if source["as_of"] else ""
            link = f" <{source['url']}>" if source["url"] else ""
            lines.append(f"  - {source['title']}{stamp}{link}")
        follow = [kb.by_id[r] for r in entry.related if r in kb.by_id]
        if follow or reply.suggestions:
            lines.append("")
            lines.append("You might also ask:")
            asked = [s.question for s in reply.suggestions] + [e.question for e in follow]
            lines += [f"  {i}. {q}" for i, q in enumerate(dict.fromkeys(asked), 1)]
        lines.append(f"[topic: {entry.topic} · confidence {reply.confidence:.2f}]")
        return "\n".join(lines)
    if reply.reason == "empty":
        return EMPTY_TEXT
    if reply.reason == "instructions":
        return INSTRUCTIONS_TEXT
    if reply.status == "clarify":
        lines.append("I'm not sure which of these you mean. Did you mean:")
    else:
        lines.append(DECLINE_TEXT)
        if reply.suggestions:
            lines.append("The closest questions I can answer are:")
    lines += [f"  {i}. {s.question}" for i, s in enumerate(reply.suggestions, 1)]
    if reply.suggestions:
        lines.append("Type a number to pick one, or rephrase your question.")
    lines.append("Type 'topics' to browse everything I know.")
    return "\n".join(lines)

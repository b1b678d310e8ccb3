"""Plain-text and JSON renderings of a Reply, for the terminal chat and `ask`.

The JSON shape is a contract (README, "Command line", `ask --json`): scripts depend on it.
"""

from __future__ import annotations

from typing import Any

from bot.answer import messages as km
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
    answers = [p.answer_text for p in reply.shown if p.answer_text is not None]
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
                "answer": p.answer_text,
                "confidence": round(p.confidence, 4),
            }
            for p in reply.parts
        ],
        # the language the message was read in ("en", "km"; "other": the languages notice),
        # the language of the answer shown, and whether that Khmer text was reviewed
        "lang": reply.lang,
        "answer_lang": reply.answer_lang,
        "km_reviewed": entry.km.reviewed if reply.in_khmer and entry and entry.km else None,
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
        "lang": "en",
        "answer_lang": None,
        "km_reviewed": None,
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
    khmer = reply.in_khmer
    if entry is not None:
        lines.append(f"» {reply.title}")
        if entry.kind == "position" and entry.attributed_to:
            if khmer:
                who = km.POSITION_KM.format(who=entry.attributed_to)
                lines.append(f"  ({who}: {km.POSITION_NOTE_KM})")
            lines.append(f"  (Position of {entry.attributed_to}, not the bot's view)")
        if reply.lang == "km" and not khmer:
            lines.append(f"  ({km.ENGLISH_ONLY_KM})")
        lines.append("")
        lines.append(reply.answer_text or entry.answer)
        lines.append("")
        lines.append(f"{km.SOURCES_KM} / Sources:" if khmer else "Sources:")
        for source in sources_of(entry, kb):
            stamp = f" (as of {source['as_of']})" if source["as_of"] else ""
            link = f" <{source['url']}>" if source["url"] else ""
            lines.append(f"  - {source['title']}{stamp}{link}")
        follow = [kb.by_id[r] for r in entry.related if r in kb.by_id]
        if follow or reply.suggestions:
            lines.append("")
            lines.append("You might also ask:")
            asked = [s.question for s in reply.suggestions] + [
                e.km.question if khmer and e.km else e.question for e in follow
            ]
            lines += [f"  {i}. {q}" for i, q in enumerate(dict.fromkeys(asked), 1)]
        lines.append(f"[topic: {entry.topic} · confidence {reply.confidence:.2f}]")
        if khmer and entry.km and not entry.km.reviewed:
            lines.append(f"[{km.unreviewed_footer()}]")
        return "\n".join(lines)
    if reply.reason == "empty":
        return EMPTY_TEXT
    if reply.reason == "other-language":
        return km.languages_notice(kb.topics)
    if reply.lang == "km":
        return _not_answered_km(reply)
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


def _not_answered_km(reply: Reply) -> str:
    """A Khmer message not answered: in Khmer, with the English line where it helps."""
    if reply.reason == "instructions":
        return f"{km.INSTRUCTIONS_KM}\n{INSTRUCTIONS_TEXT}"
    if reply.reason == "no-khmer" and not reply.suggestions:
        return f"{km.NO_KHMER_KM}\n{km.NO_KHMER_EN}"
    lines = [km.CLARIFY_KM if reply.status == "clarify" else km.DECLINE_KM]
    if reply.suggestions and reply.status != "clarify":
        lines.append(km.CLOSEST_KM)
    lines += [f"  {i}. {s.question}" for i, s in enumerate(reply.suggestions, 1)]
    if reply.suggestions:
        lines.append(km.PICK_KM)
    lines.append(km.BROWSE_KM)
    return "\n".join(lines)

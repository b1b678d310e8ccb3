"""A Reply for the terminal (rich text for the chat and `ask`) and as JSON (`ask --json`).

The engine's answers are written in Discord markdown and sometimes name Discord's commands
(`/topics`, `/ask`); this adapter shows them in the terminal's own terms: emphasis rendered by
rich (plain text when the output is not a terminal), and the chat's own command names.

The JSON shape is a contract (README, "Command line", `ask --json`): scripts depend on it,
so keys are only ever added.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.markdown import Markdown
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from bot.answer import messages as km
from bot.answer.answerer import Reply
from bot.kb.models import Entry, KnowledgeBase

DECLINE_TEXT = "I don't have an answer for that in my knowledge base."
INSTRUCTIONS_TEXT = (
    "I only answer from my sourced knowledge base, in my own words: I don't take on roles or "
    "change my rules. Ask me about the CCM, Cambodia's clearance or July 2023."
)
EMPTY_TEXT = "I didn't catch a question there. Try asking in a few words."
INVALID_UTF8_TEXT = "That line is not valid UTF-8 text, so I could not read it; I skipped it."
PICK_HINT = "Type a number to pick one, or ask another question."

#: Discord wording in answers -> the terminal's. Whole phrases first, then bare command names.
_TERMINAL_WORDING: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r",? (?:with|using|via) `/ask`(?:,? by mentioning me)?(?:,? or in a DM)?"), ""),
    (re.compile(r",? by mentioning me(?:,? or in a DM)?"), ""),
    (re.compile(r"`/ask`"), "typing your question"),
    (re.compile(r"`/topics`"), "`topics`"),
    (re.compile(r"`/about`"), "`help`"),
    (re.compile(r"(?<![\w`])/(topics|about|ask)\b"), r"\1"),
)


def terminal_wording(text: str) -> str:
    """An answer written for Discord, with Discord's commands replaced by the chat's own.

    >>> terminal_wording("Ask me in plain words, with `/ask`, by mentioning me, or in a DM.")
    'Ask me in plain words.'
    >>> terminal_wording("Browse everything with `/topics`.")
    'Browse everything with `topics`.'
    """
    for pattern, replacement in _TERMINAL_WORDING:
        text = pattern.sub(replacement, text)
    return text


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
        "matched_question": entry.question if entry else None,
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
        # the languages notice (with its safety line) for a message in another language
        "notice": km.languages_notice(kb.topics) if reply.reason == "other-language" else None,
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
        "matched_question": None,
        "parts": [],
        "lang": "en",
        "answer_lang": None,
        "km_reviewed": None,
    }


@dataclass(frozen=True)
class Choice:
    """One numbered line the person can pick by typing its number: an entry to answer."""

    id: str
    question: str


def choices_of(reply: Reply, kb: KnowledgeBase) -> list[Choice]:
    """The numbered follow-ups shown under a reply: suggestions first, then related entries
    (their Khmer questions under a Khmer reply, when they have some)."""
    seen: dict[str, Choice] = {}
    # a several-question message: every part's suggestions (a part asked back shows its
    # own under the list below), then what the answered parts relate to
    shown = reply.parts or (reply,)
    for part in shown:
        for s in part.suggestions:
            seen.setdefault(s.id, Choice(s.id, s.question))
    for part in shown:
        entry = part.entry if part.answered else None
        if entry is None:
            continue
        for rid in entry.related:
            related = kb.get(rid)
            if related is not None and rid != entry.id:
                khmer = part.in_khmer and related.km is not None
                question = related.km.question if khmer and related.km else related.question
                seen.setdefault(rid, Choice(rid, question))
    answered = {p.entry.id for p in shown if p.answered and p.entry}
    return [c for c in seen.values() if c.id not in answered]


def numbered(lines: list[str], start: int = 1) -> RenderableType:
    """A numbered list, numbers right-aligned and highlighted; long lines wrap under the text."""
    width = len(str(start + len(lines) - 1))
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=width + 3, justify="right", style="bold cyan", no_wrap=True)
    grid.add_column()
    for i, line in enumerate(lines, start):
        grid.add_row(f"{i}.", Text(line))
    return Trimmed(grid)


def _sources(entry: Entry, kb: KnowledgeBase) -> RenderableType:
    """One bullet per source: its title (and as-of), its link on the next line."""
    grid = Table.grid()
    grid.add_column(width=4, no_wrap=True)
    grid.add_column()
    for source in sources_of(entry, kb):
        cell = Text(source["title"] or "")
        if source["as_of"]:
            cell.append(f" (as of {source['as_of']})", style="yellow")
        if source["url"]:
            cell.append("\n")
            cell.append(source["url"], style="dim")
        cell.overflow = "fold"
        grid.add_row("  - ", cell)
    return Trimmed(grid)


class Trimmed:
    """A renderable without blank lines around it (rich's Markdown adds some) or padding
    spaces at the ends of its lines (tables and Markdown pad to the full width)."""

    def __init__(self, inner: RenderableType) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The inner lines, leading and trailing blank ones dropped."""
        lines = console.render_lines(self.inner, options, pad=False)
        blank = [not "".join(seg.text for seg in line).strip() for line in lines]
        if all(blank):
            return
        first, last = blank.index(False), len(blank) - blank[::-1].index(False)
        for line in lines[first:last]:
            yield from _rstrip(line)
            yield Segment.line()


def _rstrip(line: list[Segment]) -> list[Segment]:
    """A rendered line without the padding spaces at its end."""
    line = list(line)
    while line and not line[-1].text.strip():
        line.pop()
    if line:
        last = line[-1]
        line[-1] = Segment(last.text.rstrip(), last.style, last.control)
    return line


def _markdown(text: str) -> Trimmed:
    return Trimmed(Markdown(terminal_wording(text), hyperlinks=False))


def reply_renderable(reply: Reply, kb: KnowledgeBase) -> RenderableType:
    """The reply for a terminal: the answer (markdown rendered), sources, numbered follow-ups;
    each question in turn when the message asked several."""
    if not reply.parts:
        return _one_renderable(reply, kb, choices_of(reply, kb))
    shown: list[RenderableType] = []
    for i, part in enumerate(reply.parts, 1):
        if i > 1:
            shown.append(Text(""))
        shown.append(Text(f"({i}/{len(reply.parts)}) {part.question.strip()}", style="bold cyan"))
        shown.append(_one_renderable(part, kb, []))
    choices = choices_of(reply, kb)
    if choices:
        shown += [Text(""), Text("You might also ask:", style="bold")]
        shown.append(numbered([c.question for c in choices]))
    return Group(*shown)


def _one_renderable(reply: Reply, kb: KnowledgeBase, choices: list[Choice]) -> RenderableType:
    parts: list[RenderableType] = []
    entry = reply.entry if reply.answered else None
    khmer = reply.in_khmer
    if entry is not None:
        parts.append(Text(f"» {reply.title}", style="bold"))
        if entry.kind == "position" and entry.attributed_to:
            if khmer:
                who = km.POSITION_KM.format(who=entry.attributed_to)
                parts.append(Text(f"  ({who}: {km.POSITION_NOTE_KM})", style="italic yellow"))
            parts.append(
                Text(
                    f"  (Position of {entry.attributed_to}, not the bot's view)",
                    style="italic yellow",
                )
            )
        if reply.lang == "km" and not khmer:
            parts.append(Text(f"  ({km.ENGLISH_ONLY_KM})", style="italic"))
        parts += [Text(""), _markdown(reply.answer_text or entry.answer)]
        if entry.sources:
            header = f"{km.SOURCES_KM} / Sources:" if khmer else "Sources:"
            parts += [Text(""), Text(header, style="bold")]
            parts.append(_sources(entry, kb))
        if choices:
            parts += [Text(""), Text("You might also ask:", style="bold")]
            parts.append(numbered([c.question for c in choices]))
        parts.append(
            Text(f"[topic: {entry.topic} · confidence {reply.confidence:.2f}]", style="dim")
        )
        if khmer and entry.km and not entry.km.reviewed:
            parts.append(Text(f"[{km.UNREVIEWED_KM}]", style="dim"))
            parts.append(Text(f"[{km.UNREVIEWED_EN}]", style="dim"))
        return Group(*parts)
    if reply.reason == "empty":
        return Text(EMPTY_TEXT)
    if reply.reason == "other-language":
        return Text(km.languages_notice(kb.topics))
    if reply.lang == "km":
        return _not_answered_km(reply, choices)
    if reply.reason == "instructions":
        return Text(INSTRUCTIONS_TEXT)
    if reply.status == "clarify" and not choices:
        # a part of a several-question message: its suggestions are in the list below
        parts.append(Text("I'm not sure which question you mean here: see the list below."))
    elif reply.status == "clarify":
        parts.append(Text("I'm not sure which of these you mean. Did you mean:"))
    else:
        parts.append(Text(km.OPINION_EN if reply.reason == "opinion" else DECLINE_TEXT))
        if choices:
            parts.append(Text("The closest questions I can answer are:"))
    if choices:
        parts.append(numbered([c.question for c in choices]))
        parts.append(Text(PICK_HINT, style="dim"))
    parts.append(Text("Type 'topics' to browse everything I know, or 'help'.", style="dim"))
    return Group(*parts)


def _not_answered_km(reply: Reply, choices: list[Choice]) -> RenderableType:
    """A Khmer message not answered: in Khmer, with the English line where it helps."""
    if reply.reason == "instructions":
        return Text(f"{km.INSTRUCTIONS_KM}\n{INSTRUCTIONS_TEXT}")
    if reply.reason == "no-khmer" and not choices:
        return Text(f"{km.NO_KHMER_KM}\n{km.NO_KHMER_EN}")
    opening = (
        km.CLARIFY_KM
        if reply.status == "clarify"
        else km.OPINION_KM
        if reply.reason == "opinion"
        else km.DECLINE_KM
    )
    parts: list[RenderableType] = [Text(opening)]
    if choices and reply.status != "clarify":
        parts.append(Text(km.CLOSEST_KM))
    if choices:
        parts.append(numbered([c.question for c in choices]))
        parts.append(Text(km.PICK_KM, style="dim"))
    parts.append(Text(km.BROWSE_KM, style="dim"))
    return Group(*parts)


def plain_console(width: int = 100) -> Console:
    """A console that writes plain text (no colours, no control codes) into a buffer."""
    return Console(
        width=width,
        color_system=None,
        force_terminal=False,
        highlight=False,
        emoji=False,
        markup=False,
        record=True,
        file=io.StringIO(),
    )


def to_text(renderable: RenderableType, width: int = 100) -> str:
    """Any renderable as plain text: what a pipe or a test sees."""
    console = plain_console(width)
    console.print(renderable)
    lines = console.export_text().rstrip().splitlines()
    return "\n".join(line.rstrip() for line in lines)


def reply_to_text(reply: Reply, kb: KnowledgeBase) -> str:
    """The terminal rendering as plain text (no markdown markers, no colour codes)."""
    return to_text(reply_renderable(reply, kb))

"""Reply -> Discord embed, always within Discord's limits.

Limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits):
title 256, description 4096, field name 256, field value 1024, footer 2048, 25 fields,
6000 characters in all. Button labels 80, select option labels 100.
"""

from __future__ import annotations

import discord

from bot.answer.answerer import Reply
from bot.kb.models import Entry, KnowledgeBase

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
TOTAL_LIMIT = 6000
LABEL_LIMIT = 80
OPTION_LIMIT = 100
MAX_INLINE_SOURCES = 4

ANSWER_COLOUR = discord.Colour.blurple()
POSITION_COLOUR = discord.Colour.gold()
UNSURE_COLOUR = discord.Colour.light_grey()


def clip(text: str, limit: int) -> str:
    """Shorten to `limit` characters on a word boundary, with an ellipsis.

    >>> clip("Cambodia has not joined the CCM", 20)
    'Cambodia has not…'
    """
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:") + "…"


def label(text: str, limit: int = LABEL_LIMIT) -> str:
    """One line of text cut to fit a button or option label."""
    return clip(" ".join(text.split()), limit)


def source_lines(entry: Entry, kb: KnowledgeBase) -> list[str]:
    """One line per source, dated ones first: they back the figures that change."""
    lines = []
    for source in sorted(entry.sources, key=lambda s: s.as_of is None):
        title, url = kb.source_label(source)
        title = discord.utils.escape_markdown(clip(title, 180))
        text = f"[{title}]({url})" if url else title
        if source.as_of:
            text += f" (as of {source.as_of})"
        lines.append(f"• {text}")
    return lines


def sources_value(lines: list[str], limit: int = FIELD_VALUE_LIMIT) -> tuple[str, bool]:
    """As many source lines as fit in one field; True when some were left out."""
    shown: list[str] = []
    for line in lines[:MAX_INLINE_SOURCES]:
        if len("\n".join([*shown, line])) > limit - 40:
            break
        shown.append(line)
    more = len(lines) - len(shown)
    if more:
        shown.append(f"…and {more} more: press **Sources**")
    return "\n".join(shown), more > 0


def answer_embed(entry: Entry, kb: KnowledgeBase, *, asked: str | None = None) -> discord.Embed:
    """The answer: question as title, answer text, sources (with as-of), attribution, topic."""
    position = entry.kind == "position" and entry.attributed_to
    embed = discord.Embed(
        title=clip(entry.question, TITLE_LIMIT),
        description=clip(entry.answer, DESCRIPTION_LIMIT - 200),
        colour=POSITION_COLOUR if position else ANSWER_COLOUR,
    )
    if position:
        embed.add_field(
            name=clip(f"Position of {entry.attributed_to}", 256),
            value="What this person or body said, attributed to them: not the bot's view.",
            inline=False,
        )
    lines = source_lines(entry, kb)
    if lines:
        value, _ = sources_value(lines)
        embed.add_field(name="Sources", value=value, inline=False)
    footer = f"Topic: {entry.topic}"
    if entry.volatile and entry.as_of:
        footer += f" · Figures as of {entry.as_of}"
    if asked:
        footer += f" · You asked: {' '.join(asked.split())}"
    embed.set_footer(text=clip(footer, 300))
    return fit(embed)


def sources_embed(entry: Entry, kb: KnowledgeBase) -> discord.Embed:
    """Every source of an entry, split over fields when they don't fit in one."""
    embed = discord.Embed(
        title=clip(f"Sources: {entry.question}", TITLE_LIMIT), colour=ANSWER_COLOUR
    )
    chunk: list[str] = []
    for line in source_lines(entry, kb):
        line = clip(line, FIELD_VALUE_LIMIT)
        if len("\n".join([*chunk, line])) > FIELD_VALUE_LIMIT:
            embed.add_field(name="\u200b", value="\n".join(chunk), inline=False)
            chunk = []
        chunk.append(line)
    if chunk:
        embed.add_field(name="\u200b", value="\n".join(chunk), inline=False)
    return fit(embed)


INSTRUCTIONS = (
    "I only answer from my sourced knowledge base, in my own words: I don't take on roles or "
    "change my rules."
)


def reply_embeds(reply: Reply, kb: KnowledgeBase) -> list[discord.Embed]:
    """One embed per question the message asked (each answer, or its suggestions), all
    together within the 6,000 characters Discord allows in one message."""
    embeds = [
        answer_embed(part.entry, kb) if part.answered and part.entry else not_answered_embed(part)
        for part in reply.shown
    ]
    while sum(len(e) for e in embeds) > TOTAL_LIMIT:
        longest = max(embeds, key=lambda e: len(e.description or ""))
        text = longest.description or ""
        longest.description = clip(text, max(len(text) - 200, 100))
        if len(text) <= 100:
            break
    return embeds


def not_answered_embed(reply: Reply) -> discord.Embed:
    """Did you mean…? or an honest "I don't have an answer", pointing to /topics."""
    if reply.reason == "instructions":
        text = INSTRUCTIONS
    elif reply.status == "clarify":
        text = "I'm not sure which of these you mean. Did you mean:"
    else:
        text = "I don't have an answer for that in my knowledge base."
        text += " The closest questions I can answer:" if reply.suggestions else ""
    if reply.suggestions:
        text += "\n" + "\n".join(
            f"**{i}.** {discord.utils.escape_markdown(s.question)}"
            for i, s in enumerate(reply.suggestions, 1)
        )
    text += "\n\nBrowse everything I know with `/topics`."
    title = "Did you mean…?" if reply.status == "clarify" else "I don't know that one"
    return fit(discord.Embed(title=title, description=text, colour=UNSURE_COLOUR))


def fit(embed: discord.Embed) -> discord.Embed:
    """Last guard: trim the description until the whole embed is within 6000 characters."""
    excess = len(embed) - TOTAL_LIMIT
    if excess > 0 and embed.description:
        embed.description = clip(embed.description, max(len(embed.description) - excess, 100))
    return embed

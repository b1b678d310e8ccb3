"""Reply -> Discord embed, always within Discord's limits.

Limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits):
title 256, description 4096, field name 256, field value 1024, footer 2048, 25 fields,
6000 characters in all. Button labels 80, select option labels 100. They count characters,
and Khmer spends more of them than English on the same words (a vowel sign or a subscript
is a character of its own): `clip` never cuts a Khmer syllable in half.
"""

from __future__ import annotations

import unicodedata

import discord

from bot.answer import messages as km
from bot.answer.answerer import Reply
from bot.kb.models import Entry, KnowledgeBase

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
#: what an answer's footer is clipped to (topic, as-of, "you asked", the unreviewed note)
ANSWER_FOOTER_LIMIT = 500
TOTAL_LIMIT = 6000
LABEL_LIMIT = 80
OPTION_LIMIT = 100
MAX_INLINE_SOURCES = 4

ANSWER_COLOUR = discord.Colour.blurple()
POSITION_COLOUR = discord.Colour.gold()
UNSURE_COLOUR = discord.Colour.light_grey()


_COENG = "\u17d2"


def _cluster_end(text: str, end: int) -> int:
    """The largest cut at or before `end` that leaves no mark without its letter: a vowel
    sign, or a consonant after a subscript sign (COENG), belongs with what comes before it."""
    while 0 < end < len(text) and (
        unicodedata.category(text[end]) in ("Mn", "Mc", "Me")
        or text[end - 1] == _COENG
        or text[end] in "\u200c\u200d"
    ):
        end -= 1
    return end


def clip(text: str, limit: int) -> str:
    """Shorten to `limit` characters on a word boundary, with an ellipsis. Khmer, which has
    few spaces, is cut at its last space, zero-width space or sentence sign (។), and when it
    has none, never inside a syllable.

    >>> clip("Cambodia has not joined the CCM", 20)
    'Cambodia has not…'
    >>> clip("កម្ពុជាមិនទាន់ចូល", 6)
    'កម្ពុ…'
    """
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    at = max(head.rfind(" "), head.rfind("\u200b"), head.rfind("។"))
    if at >= 0:
        cut = head[: at + 1] if head[at] == "។" else head[:at]
    else:
        cut = head[: _cluster_end(text, limit - 1)]
    return cut.rstrip(" ,;:\u200b") + "…"


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


def answer_embed(
    entry: Entry,
    kb: KnowledgeBase,
    *,
    asked: str | None = None,
    lang: str = "en",
    text: str | None = None,
) -> discord.Embed:
    """The answer: question as title, answer text, sources (with as-of), attribution, topic.

    `lang="km"` shows the entry's Khmer question and answer (its sources stay the English
    ones they are), and says in the footer when no native speaker has reviewed that text;
    an entry with no Khmer text answers in English under a one-line Khmer note. `text`: the
    answer as the reply shows it (`Reply.answer_text`), when there is a reply.
    """
    position = entry.kind == "position" and entry.attributed_to
    khmer = entry.km if lang == "km" else None
    answer = text or (khmer.answer if khmer else entry.answer)
    if lang == "km" and khmer is None:
        answer = f"*{km.ENGLISH_ONLY_KM}*\n\n{answer}"
    embed = discord.Embed(
        title=clip(khmer.question if khmer else entry.question, TITLE_LIMIT),
        description=clip(answer, DESCRIPTION_LIMIT - 200),
        colour=POSITION_COLOUR if position else ANSWER_COLOUR,
    )
    if position:
        name = f"Position of {entry.attributed_to}"
        value = "What this person or body said, attributed to them: not the bot's view."
        if khmer:
            name = f"{km.POSITION_KM.format(who=entry.attributed_to)} · {name}"
            value = f"{km.POSITION_NOTE_KM}\n{value}"
        embed.add_field(name=clip(name, 256), value=clip(value, FIELD_VALUE_LIMIT), inline=False)
    lines = source_lines(entry, kb)
    if lines:
        value, _ = sources_value(lines)
        name = f"{km.SOURCES_KM} · Sources" if khmer else "Sources"
        embed.add_field(name=name, value=value, inline=False)
    footer = f"Topic: {entry.topic}"
    if entry.volatile and entry.as_of:
        footer += f" · Figures as of {entry.as_of}"
    if asked:
        footer += f" · You asked: {clip(' '.join(asked.split()), 200)}"
    if khmer and not khmer.reviewed:
        footer = f"{km.unreviewed_footer()}\n{footer}"
    embed.set_footer(text=clip(footer, ANSWER_FOOTER_LIMIT))
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
        answer_embed(part.entry, kb, lang=part.lang, text=part.answer_text)
        if part.answered and part.entry
        else not_answered_embed(part, kb)
        for part in reply.shown
    ]
    while sum(len(e) for e in embeds) > TOTAL_LIMIT:
        longest = max(embeds, key=lambda e: len(e.description or ""))
        text = longest.description or ""
        longest.description = clip(text, max(len(text) - 200, 100))
        if len(text) <= 100:
            break
    return embeds


def not_answered_embed(reply: Reply, kb: KnowledgeBase | None = None) -> discord.Embed:
    """Did you mean…? or an honest "I don't have an answer", pointing to /topics; in Khmer
    for a Khmer message; the languages notice for a message in another language."""
    if reply.reason == "other-language":
        topics = km.languages_notice(kb.topics if kb else ())
        return fit(
            discord.Embed(
                title="English · ខ្មែរ",
                description=clip(f"{topics}\n\n`/topics`", DESCRIPTION_LIMIT),
                colour=UNSURE_COLOUR,
            )
        )
    if reply.lang == "km":
        return _not_answered_km(reply)
    if reply.reason == "instructions":
        text = INSTRUCTIONS
    elif reply.status == "clarify":
        text = "I'm not sure which of these you mean. Did you mean:"
    else:
        text = (
            km.OPINION_EN
            if reply.reason == "opinion"
            else "I don't have an answer for that in my knowledge base."
        )
        text += " The closest questions I can answer:" if reply.suggestions else ""
    if reply.suggestions:
        text += "\n" + "\n".join(
            f"**{i}.** {discord.utils.escape_markdown(s.question)}"
            for i, s in enumerate(reply.suggestions, 1)
        )
    text += "\n\nBrowse everything I know with `/topics`."
    title = "Did you mean…?" if reply.status == "clarify" else "I don't know that one"
    return fit(discord.Embed(title=title, description=text, colour=UNSURE_COLOUR))


def _not_answered_km(reply: Reply) -> discord.Embed:
    """The Khmer "did you mean" or "I don't have an answer"."""
    if reply.reason == "instructions":
        text = f"{km.INSTRUCTIONS_KM}\n{INSTRUCTIONS}"
    elif reply.reason == "no-khmer" and not reply.suggestions:
        text = f"{km.NO_KHMER_KM}\n{km.NO_KHMER_EN}"
    elif reply.status == "clarify":
        text = km.CLARIFY_KM
    elif reply.reason == "opinion":
        text = km.OPINION_KM
    else:
        text = km.DECLINE_KM + (f" {km.CLOSEST_KM}" if reply.suggestions else "")
    if reply.suggestions:
        text += "\n" + "\n".join(
            f"**{i}.** {discord.utils.escape_markdown(s.question)}"
            for i, s in enumerate(reply.suggestions, 1)
        )
    text += "\n\n`/topics`"
    title = "តើអ្នកចង់សួរ…?" if reply.status == "clarify" else "ខ្ញុំមិនមានចម្លើយ"
    embed = discord.Embed(
        title=title, description=clip(text, DESCRIPTION_LIMIT), colour=UNSURE_COLOUR
    )
    return fit(embed)


def fit(embed: discord.Embed) -> discord.Embed:
    """Last guard: trim the description until the whole embed is within 6000 characters."""
    excess = len(embed) - TOTAL_LIMIT
    if excess > 0 and embed.description:
        embed.description = clip(embed.description, max(len(embed.description) - excess, 100))
    return embed

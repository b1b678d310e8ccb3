"""Khmer replies on Discord: the Khmer answer with its English sources, the unreviewed
footer, every limit respected (limits count characters, and Khmer spends many), buttons that
answer in Khmer, and the notice for other languages."""

from __future__ import annotations

import unicodedata

import discord
import pytest

from bot.answer.answerer import Answerer, Reply
from bot.answer.messages import ENGLISH_ONLY_KM, LANGUAGES_EN, LANGUAGES_KM, UNREVIEWED_KM
from bot.discord_app import render
from bot.discord_app.ui.answer import AnswerButton, AnswerView, SuggestionView
from bot.kb.models import KM_ANSWER_HARD_LIMIT, Entry, KhmerText, KnowledgeBase, Source
from tests.unit.discord_app.test_render import within_component_limits, within_limits


def _whole_syllables(text: str) -> bool:
    """No mark without its letter and no dangling subscript before the ellipsis."""
    body = text.removesuffix("…")
    return bool(body) and body[-1] != "\u17d2" and (
        len(text) == len(body) or unicodedata.category(text[len(body)]) not in ("Mn", "Mc")
    )


async def test_every_khmer_entry_renders_in_khmer_within_limits(km_answerer: Answerer) -> None:
    kb = km_answerer.kb
    for entry in kb.entries:
        if entry.km is None:
            continue
        reply = km_answerer.answer_entry(entry.id, lang="km")
        assert reply is not None
        embed = render.answer_embed(entry, kb, asked="x" * 500, lang="km")
        within_limits(embed)
        assert embed.title == entry.km.question and embed.description == entry.km.answer
        if entry.sources:
            sources = next(f for f in embed.fields if f.name.endswith("Sources"))
            assert sources.name.startswith("ប្រភព") and "https://" in (sources.value or "")
        footer = embed.footer.text or ""
        assert (UNREVIEWED_KM in footer) == (not entry.km.reviewed)
        if entry.kind == "position":
            assert any("ជំហររបស់" in f.name and "Position of" in f.name for f in embed.fields)
        view = AnswerView(kb, reply)
        within_component_limits(view)
        answers = [i for i in view.children if isinstance(i, discord.ui.Button)]
        assert all(
            (b.custom_id or "").endswith(":km")
            for b in answers
            if (b.custom_id or "").startswith("faq:answer:")
        )


async def test_the_longest_khmer_answer_allowed_still_fits() -> None:
    longest = "ក្រសួង" * (KM_ANSWER_HARD_LIMIT // 6)  # no spaces at all, the worst case
    entry = Entry(
        id="long-km",
        topic="Testing",
        question="A question?",
        answer="An answer long enough.",
        sources=(Source(title="A source", url="https://example.org/a"),),
        km=KhmerText(
            question="សំណួរ?" * 40,
            alternates=("ក", "ខ", "គ", "ឃ"),
            answer=longest,
        ),
    )
    kb = KnowledgeBase(entries=(entry,))
    embed = render.answer_embed(entry, kb, asked="ខ" * 2000, lang="km")
    within_limits(embed)
    assert embed.description == longest  # KM_ANSWER_HARD_LIMIT fits whole
    assert UNREVIEWED_KM in (embed.footer.text or "")
    reply = Answerer(kb).answer_entry("long-km", lang="km")
    assert reply is not None
    embeds = render.reply_embeds(reply.model_copy(update={"parts": (reply, reply, reply)}), kb)
    assert sum(len(e) for e in embeds) <= render.TOTAL_LIMIT
    assert all(_whole_syllables(e.description or "") for e in embeds)


@pytest.mark.parametrize("limit", range(2, 40))
def test_clipping_khmer_never_cuts_a_syllable(limit: int) -> None:
    text = "កម្ពុជាមិនទាន់ចូលជាភាគីនៃអនុសញ្ញាស្តីពីអាវុធចង្កោម"
    clipped = render.clip(text, limit)
    assert len(clipped) <= limit and _whole_syllables(clipped)
    assert text.startswith(clipped.removesuffix("…"))


async def test_an_entry_without_khmer_answers_in_english_with_a_khmer_note(
    km_answerer: Answerer,
) -> None:
    reply = km_answerer.ask("ERW ជាអ្វី")
    assert reply.entry is not None
    [embed] = render.reply_embeds(reply, km_answerer.kb)
    within_limits(embed)
    assert embed.title == reply.entry.question
    assert (embed.description or "").startswith(f"*{ENGLISH_ONLY_KM}*")


async def test_khmer_clarify_and_decline_embeds(km_answerer: Answerer) -> None:
    reply = km_answerer.ask("តើប្រទេសឡាវជាភាគីនៃអនុសញ្ញាស្ដីពីអាវុធចង្កោមទេ")
    assert not reply.answered and reply.suggestions
    [embed] = render.reply_embeds(reply, km_answerer.kb)
    within_limits(embed)
    assert "/topics" in (embed.description or "")
    assert all(s.question in (embed.description or "") for s in reply.suggestions)
    view = SuggestionView(reply)
    within_component_limits(view)
    assert all(
        (getattr(i, "custom_id", "") or "").endswith(":km") for i in view.children
    )


async def test_other_languages_get_the_notice_with_the_topics(answerer: Answerer) -> None:
    reply = answerer.ask("Что такое CCM?")
    [embed] = render.reply_embeds(reply, answerer.kb)
    within_limits(embed)
    text = embed.description or ""
    assert LANGUAGES_EN in text and LANGUAGES_KM in text
    assert all(topic in text for topic in answerer.kb.topics)


async def test_a_khmer_button_survives_a_restart() -> None:
    """The button is rebuilt from its custom_id alone: the language is in it."""
    item = discord.ui.Button[discord.ui.View](custom_id="faq:answer:k5-belt:km", label="x")
    match = AnswerButton.__discord_ui_compiled_template__.fullmatch("faq:answer:k5-belt:km")
    assert match is not None
    button = await AnswerButton.from_custom_id(None, item, match)  # type: ignore[arg-type]
    assert button.entry_id == "k5-belt" and button.lang == "km"
    english = AnswerButton.__discord_ui_compiled_template__.fullmatch("faq:answer:k5-belt")
    assert english is not None and english["lang"] is None


def test_a_reply_keeps_its_language(km_answerer: Answerer) -> None:
    reply = km_answerer.ask("ហ៊ុន សែន ជានរណា?")
    again = Reply.model_validate(reply.model_dump())
    assert again.lang == "km" and again.in_khmer

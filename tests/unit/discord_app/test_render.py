"""Every entry renders within Discord's limits; views stay within component limits."""

from __future__ import annotations

import discord
import pytest

from bot.answer.answerer import Answerer, Reply, Suggestion
from bot.discord_app import render
from bot.discord_app.ui.answer import AnswerView, SuggestionView
from bot.discord_app.ui.browse import topic_page, topics_message
from bot.kb.models import Entry, KnowledgeBase, Source


def within_limits(embed: discord.Embed) -> None:
    assert len(embed) <= render.TOTAL_LIMIT
    assert len(embed.title or "") <= render.TITLE_LIMIT
    assert len(embed.description or "") <= render.DESCRIPTION_LIMIT
    assert len(embed.fields) <= 25
    for field in embed.fields:
        assert 0 < len(field.name or "") <= 256 and 0 < len(field.value or "") <= 1024
    assert len(embed.footer.text or "") <= render.FOOTER_LIMIT


def within_component_limits(view: discord.ui.View) -> None:
    assert len(view.children) <= 25
    for item in view.children:
        if isinstance(item, discord.ui.Button):
            assert len(item.label or "") <= render.LABEL_LIMIT
            assert len(item.custom_id or "") <= 100


async def test_every_entry_renders_within_limits(answerer: Answerer) -> None:
    for entry in answerer.kb.entries:
        reply = answerer.answer_entry(entry.id)
        assert reply is not None
        embed = render.answer_embed(entry, answerer.kb, asked="x" * 500)
        within_limits(embed)
        assert embed.title == entry.question[:256]
        within_limits(render.sources_embed(entry, answerer.kb))
        view = AnswerView(answerer.kb, reply)
        within_component_limits(view)
        if entry.kind == "position":
            assert any(f.name.startswith("Position of") for f in embed.fields)
        if entry.volatile:
            assert "(as of" in embed.fields[-1].value and "as of" in (embed.footer.text or "")


async def test_huge_entry_is_truncated_and_gets_a_sources_button(answerer: Answerer) -> None:
    sources = tuple(
        Source(
            title=f"A very long source title number {i} " + "x" * 150,
            url=f"https://example.org/{i}",
            as_of="2025-09",
        )
        for i in range(30)
    )
    entry = Entry(
        id="huge",
        topic="Testing",
        question="Q? " + "long " * 50,
        answer="word " * 290,
        sources=sources,
        volatile=True,
    )
    kb = KnowledgeBase(entries=(entry,))
    embed = render.answer_embed(entry, kb)
    within_limits(embed)
    within_limits(render.sources_embed(entry, kb))
    tiny = Answerer(kb)
    reply = tiny.answer_entry("huge")
    assert reply is not None
    view = AnswerView(kb, reply)
    assert any(getattr(i, "custom_id", "") == "faq:sources:huge" for i in view.children)


async def test_clarify_and_decline_embeds(answerer: Answerer) -> None:
    suggestions = tuple(
        Suggestion(id=e.id, question=e.question, score=0.5) for e in answerer.kb.entries[:3]
    )
    for status in ("clarify", "declined"):
        reply = Reply(
            question="?",
            status=status,
            confidence=0.1,
            reason="unsure",  # type: ignore[arg-type]
            suggestions=suggestions,
        )
        embed = render.not_answered_embed(reply)
        within_limits(embed)
        assert "/topics" in (embed.description or "")
        view = SuggestionView(reply)
        assert len(view.children) == 3
        within_component_limits(view)


async def test_topic_pages_cover_every_entry(answerer: Answerer) -> None:
    embed, view = topics_message(answerer.kb)
    within_limits(embed)
    seen = set()
    for t, topic in enumerate(answerer.kb.topics):
        page = 0
        while True:
            embed, view = topic_page(answerer.kb, t, page)
            within_limits(embed)
            within_component_limits(view)
            ids = [getattr(i, "custom_id", "") for i in view.children]
            seen.update(i.removeprefix("faq:answer:") for i in ids if i.startswith("faq:answer:"))
            nxt = [
                i
                for i in view.children
                if getattr(i, "custom_id", "").endswith(f":{page + 1}")
                and not getattr(getattr(i, "item", i), "disabled", True)
            ]
            if not nxt:
                break
            page += 1
        assert topic
    assert seen == {e.id for e in answerer.kb.entries}


@pytest.mark.parametrize("text,limit", [("a " * 100, 80), ("word", 80), ("x" * 300, 100)])
def test_clip_and_label(text: str, limit: int) -> None:
    assert len(render.label(text, limit)) <= limit


def test_an_opinion_request_is_told_why_not(answerer: Answerer, kb: KnowledgeBase) -> None:
    reply = answerer.ask("was biden right to send them? what do u think")
    embed = render.not_answered_embed(reply, kb)
    assert embed.description is not None and "don't give opinions" in embed.description

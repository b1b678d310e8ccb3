"""The terminal's rendering: no raw markdown, no Discord-only commands, JSON additions."""

from __future__ import annotations

import re

from bot.answer import Answerer
from bot.kb.models import KnowledgeBase
from bot.terminal.render import reply_to_json, reply_to_text, terminal_wording

DISCORD_ONLY = re.compile(r"(?<![\w/.-])/(?:ask|topics|about)(?![\w-])|mentioning me|in a DM")


def test_every_answer_renders_without_markdown_markers_or_discord_commands(
    answerer: Answerer, kb: KnowledgeBase
) -> None:
    for entry in kb.entries:
        reply = answerer.answer_entry(entry.id)
        assert reply is not None
        text = reply_to_text(reply, kb)
        assert "**" not in text, entry.id
        assert "`" not in text, entry.id
        assert not DISCORD_ONLY.search(text), (entry.id, DISCORD_ONLY.search(text))
        assert all(line == line.rstrip() for line in text.splitlines()), entry.id


def test_bold_is_rendered_as_emphasis_on_a_terminal(answerer: Answerer, kb: KnowledgeBase) -> None:
    from rich.console import Console

    from bot.terminal.render import reply_renderable

    reply = answerer.ask("is cambodia in the ccm")
    console = Console(force_terminal=True, color_system="standard", width=100, record=True)
    with console.capture() as capture:
        console.print(reply_renderable(reply, kb))
    ansi = capture.get()
    assert "\x1b[1m" in ansi and "**" not in ansi


def test_discord_commands_become_the_chats_own() -> None:
    assert terminal_wording("Browse with `/topics`.") == "Browse with `topics`."
    assert terminal_wording("Ask with `/ask`.") == "Ask."
    assert "DM" not in terminal_wording("Ask with `/ask`, by mentioning me, or in a DM, now.")


def test_json_names_the_matched_question(answerer: Answerer, kb: KnowledgeBase) -> None:
    reply = answerer.ask("wat did hun sen ask nato")
    data = reply_to_json(reply, kb)
    assert data["answered"] and reply.entry is not None
    assert data["matched_question"] == reply.entry.question
    declined = reply_to_json(answerer.ask("what is the weather in paris"), kb)
    assert declined["matched_question"] is None


def test_a_part_asked_back_points_to_its_suggestions_in_the_list(
    answerer: Answerer, kb: KnowledgeBase
) -> None:
    """A several-question message whose second part is asked back: that part says where its
    suggestions are, and the numbered list under the reply holds them."""
    reply = answerer.ask("what is the k5 belt and how big is cmac?")
    assert len(reply.parts) == 2 and reply.parts[0].answered
    unsure = reply.parts[1]
    assert unsure.status == "clarify" and unsure.suggestions
    text = reply_to_text(reply, kb)
    assert "Did you mean:" not in text
    assert "see the list below" in text
    assert unsure.suggestions[0].question in text.split("You might also ask:")[1]

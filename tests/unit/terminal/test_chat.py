"""The terminal chat: numbered lists, picks, hints, help and leaving, line by line."""

from __future__ import annotations

import io
from collections.abc import Hashable

import pytest

from bot.answer import Answerer
from bot.curator.recording import Recorder
from bot.curator.store import Store
from bot.terminal.chat import ChatSession, chat
from bot.terminal.lines import decode
from bot.terminal.render import INVALID_UTF8_TEXT, to_text


class PickLog(Recorder):
    """A real Recorder (disabled store) that also keeps the picks it was told about."""

    def __init__(self) -> None:
        super().__init__(Store.disabled())
        self.picks: list[str] = []

    def pick(self, entry_id: str, *, offer_key: Hashable | None, guild_id: int | None) -> None:
        self.picks.append(entry_id)
        super().pick(entry_id, offer_key=offer_key, guild_id=guild_id)


def say(session: ChatSession, line: str | bytes) -> str:
    shown = session.handle(decode(line))
    assert shown is not None, f"{line!r} left the chat"
    return to_text(shown)


@pytest.fixture
def session(answerer: Answerer) -> ChatSession:
    return ChatSession(answerer, PickLog())


def test_topics_are_numbered_with_their_sizes(session: ChatSession) -> None:
    out = say(session, "topics")
    topics = session.answerer.kb.topics
    assert f"{len(topics)} topics" in out
    for i, topic in enumerate(topics, 1):
        assert f"{i}. {topic} (" in out
    assert len(out.splitlines()) < 30  # topics only, not every question


def test_a_topic_number_lists_its_questions_and_a_number_then_answers(
    session: ChatSession,
) -> None:
    say(session, "topics")
    n = session.answerer.kb.topics.index("Cambodia") + 1
    listed = say(session, str(n))
    cambodia = [e for e in session.answerer.kb.entries if e.topic == "Cambodia"]
    assert listed.startswith(f"Cambodia: {len(cambodia)} questions")
    assert f"1. {cambodia[0].question}" in listed
    answer = say(session, "2")
    assert answer.startswith(f"» {cambodia[1].question}")
    assert "Sources:" in answer


@pytest.mark.parametrize("name", ["cambodia", "CAMBODIA", "cambodai"])
def test_topics_by_name(session: ChatSession, name: str) -> None:
    assert say(session, f"topics {name}").startswith("Cambodia: ")


def test_topics_by_number_and_part_of_a_name(session: ChatSession) -> None:
    first = session.answerer.kb.topics[0]
    assert say(session, "topics 1").startswith(f"{first}: ")
    assert say(session, "topics hun sen").startswith("Hun Sen's appeal: ")


def test_an_unknown_topic_lists_the_topics(session: ChatSession) -> None:
    out = say(session, "topics basketball")
    assert "There is no topic 'basketball'" in out and "1. " in out
    assert session.listing.kind == "topics"


def test_an_out_of_range_number_gets_a_hint_and_is_not_a_question(
    session: ChatSession,
) -> None:
    say(session, "what is the ccm?")
    before = session.listing
    for number in ("9", "0", "42"):
        out = say(session, number)
        assert f"There is no number {number} in the list above" in out
        assert f"from 1 to {len(before.items)}" in out
        assert "»" not in out and "Did you mean" not in out
    assert session.listing is before  # the list stays pickable
    assert say(session, "1").startswith(f"» {before.items[0].question}")


def test_a_number_with_no_list_yet(session: ChatSession) -> None:
    assert "no numbered list to pick 3 from yet" in say(session, "3")


def test_picks_pair_with_the_question_only_after_suggestions(session: ChatSession) -> None:
    recorder = session.recorder
    assert isinstance(recorder, PickLog)
    out = say(session, "how do I volunteer as a deminer in Cambodia")
    assert not out.startswith("»") and "1. " in out
    offered = session.listing.items[0].id
    say(session, "1")
    assert recorder.picks == [offered]
    say(session, "topics cambodia")
    say(session, "1")
    assert len(recorder.picks) == 1  # browsing is not a suggestion pick


@pytest.mark.parametrize("word", ["bye", "exit", "quit", "Bye", "QUIT"])
def test_leave_words(session: ChatSession, word: str) -> None:
    assert session.handle(decode(word)) is None


def test_help_lists_what_the_chat_understands(session: ChatSession) -> None:
    out = say(session, "help")
    for command in ("topics", "topics NAME", "a number", "bye", "exit", "quit", "Ctrl-D"):
        assert command in out


def test_invalid_utf8_is_said_so(session: ChatSession) -> None:
    assert say(session, b"\xff\xfe what\n") == INVALID_UTF8_TEXT


def test_piped_chat_leaves_on_bye_and_on_end_of_input(answerer: Answerer) -> None:
    out = io.StringIO()
    stdin = io.TextIOWrapper(io.BytesIO(b"hi\n\xff bad\nbye\nwhat is the ccm?\n"), "utf-8")
    assert chat(answerer, stdin, out) == 0
    text = out.getvalue()
    assert INVALID_UTF8_TEXT in text and text.rstrip().endswith("Bye!")
    assert "you> what is the ccm?" not in text  # nothing after bye is read
    out = io.StringIO()
    assert chat(answerer, io.StringIO("hi\n"), out) == 0  # end of input (Ctrl-D)
    assert out.getvalue().rstrip().endswith("Bye!")

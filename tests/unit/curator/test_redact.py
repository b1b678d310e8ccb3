"""What people typed, kept without anything that could identify someone."""

from __future__ import annotations

import pytest

from bot.curator.redact import MAX_CHARS, redact


@pytest.mark.parametrize(
    "typed,kept",
    [
        ("<@1000> hwo many states partys r there", "hwo many states partys r there"),
        ("<@!1000> <@1000>  is the US in?", "is the US in?"),
        ("ask <@4001> or <@&555> in <#3000>", "ask [mention] or [mention] in [channel]"),
        ("@everyone @here what is the ccm", "what is the ccm"),
        ("mail me at jo.doe+ccm@example.co.uk", "mail me at [email]"),
        ("my number is +855 12 345 678", "my number is [number]"),
        ("call (012) 345-6789 tonight", "call [number] tonight"),
        ("id 123456789012345678 broke", "id [number] broke"),
        ("see https://example.org/a?b=1 and www.x.io", "see [link] and [link]"),
        ("join discord.gg/abcd now", "join [link] now"),
        ("@sokha_k and jdoe#1234 asked", "[user] and [user] asked"),
        ("<:ccm:123456789012> <t:1700000000:R>", ":ccm: [time]"),
    ],
)
def test_identifying_parts_are_removed(typed: str, kept: str) -> None:
    assert redact(typed) == kept


@pytest.mark.parametrize(
    "text",
    [
        "how many states joined in 2008",
        "26 million bomblets, 120 states, 1,000 km2",
        "what happened on 2023-07-09",
        "is the k5 belt 1,000 km long",
        "did cambodia vote for resolution 77/97",
    ],
)
def test_facts_people_ask_about_stay(text: str) -> None:
    assert redact(text) == text


def test_long_and_multiline_text_is_one_bounded_line() -> None:
    assert redact("a\n\n b \r\n c") == "a b c"
    assert len(redact("word " * 1000)) == MAX_CHARS

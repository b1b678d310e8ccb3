"""The light stemmer: forms of one word meet, and short words keep their meaning."""

from __future__ import annotations

import pytest

from bot.answer.lexicon import stem


@pytest.mark.parametrize(
    "a,b",
    [("oppose", "opposed"), ("create", "created"), ("source", "sources"), ("ban", "banned")],
)
def test_forms_of_one_word_meet(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_short_words_keep_their_e() -> None:
    # "use" must not become "us", the country
    assert stem("use") != stem("us")

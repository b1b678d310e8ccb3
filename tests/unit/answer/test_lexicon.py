"""The light stemmer: forms of one word meet, and short words keep their meaning."""

from __future__ import annotations

import pytest

from bot.answer.lexicon import STOPWORDS, stem


@pytest.mark.parametrize(
    "a,b",
    [("oppose", "opposed"), ("create", "created"), ("source", "sources"), ("ban", "banned")],
)
def test_forms_of_one_word_meet(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_short_words_keep_their_e() -> None:
    # "use" must not become "us", the country
    assert stem("use") != stem("us")


@pytest.mark.parametrize(
    "word",
    ["reckons", "supposed", "heard", "genuinely", "kindly", "madam", "roommate", "dey", "po"],
)
def test_chat_hedges_politeness_story_people_and_particles_are_function_words(
    word: str,
) -> None:
    assert word in STOPWORDS or stem(word) in STOPWORDS


@pytest.mark.parametrize("word", ["cap", "ban", "bomb", "game", "wife", "school", "museum"])
def test_words_that_can_be_the_subject_are_not_function_words(word: str) -> None:
    assert word not in STOPWORDS and stem(word) not in STOPWORDS

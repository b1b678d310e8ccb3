"""Families: entries generated from one table (the countries) weigh words as one entry, and
answer only questions asked in their own terms (bot/answer/matcher.py, `families`)."""

from __future__ import annotations

import pytest

from bot.answer import matcher as matcher_module
from bot.answer.matcher import OFF_FAMILY_FACTOR, Matcher
from bot.answer.normalize import Normalizer

CURATED = [
    ("membership", "how many countries have joined the convention"),
    ("members-list", "which countries are members of the convention"),
    ("ban", "what does the convention ban"),
    ("use", "which countries have used cluster bombs"),
    ("withdrawal", "can a country leave the convention"),
]
NAMES = [f"country{chr(97 + i)}{chr(97 + j)}" for i in range(6) for j in range(10)]  # 60
TEMPLATES = (
    "has {n} joined the convention",
    "is {n} a member of the convention",
    "when did {n} join the convention",
)


def family_phrasings() -> list[tuple[str, str]]:
    return [(f"country-{n}", t.format(n=n)) for n in NAMES for t in TEMPLATES]


def build(*, with_table: bool = True, as_family: bool = True) -> Matcher:
    phrasings = CURATED + (family_phrasings() if with_table else [])
    families = {f"country-{n}": "countries" for n in NAMES} if as_family else None
    return Matcher(phrasings, Normalizer({}), is_word=lambda w: True, families=families)


def score(m: Matcher, question: str, entry_id: str) -> float:
    _, candidates = m.search(m.normalizer(question), limit=100)
    return next(c.score for c in candidates if c.entry_id == entry_id)


def lead(m: Matcher, question: str) -> tuple[str, float]:
    """The top entry and its lead over the runner-up."""
    _, candidates = m.search(m.normalizer(question), limit=2)
    return candidates[0].entry_id, candidates[0].score - candidates[1].score


def test_a_family_weighs_words_like_one_entry() -> None:
    """Sixty near-identical entries would make "member" look common, so "which countries are
    members" would lean on "which countries" and the entry about use would close in; counted
    as one family, the table leaves the lead about what it was before the table."""
    question = "which countries are members"
    top, before = lead(build(with_table=False), question)
    assert top == "members-list"
    top, family = lead(build(), question)
    assert top == "members-list" and family > before - 0.1
    top, flat = lead(build(as_family=False), question)
    assert flat < before - 0.2


def test_a_family_entry_answers_questions_in_its_own_terms() -> None:
    m = build()
    _, candidates = m.search(m.normalizer("has countryab joined the convention"))
    assert candidates[0].entry_id == "country-countryab" and candidates[0].score == 1.0
    _, candidates = m.search(m.normalizer("is countryab a member"))
    assert candidates[0].entry_id == "country-countryab"


def test_a_name_alone_does_not_make_a_family_question(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "has countryab used cluster bombs" shares no word the family has in common: the
    family entry is scaled by OFF_FAMILY_FACTOR."""
    question = "has countryab used cluster bombs"
    scaled = score(build(), question, "country-countryab")
    monkeypatch.setattr(matcher_module, "OFF_FAMILY_FACTOR", 1.0)
    assert scaled == pytest.approx(
        score(build(), question, "country-countryab") * OFF_FAMILY_FACTOR
    )


def test_a_question_word_the_family_never_uses_is_not_its_question(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    why, when = "why has countryab joined the convention", "when has countryab joined"
    scaled = score(build(), why, "country-countryab")
    kept = score(build(), when, "country-countryab")  # "when" is one of the family's words
    monkeypatch.setattr(matcher_module, "OFF_FAMILY_FACTOR", 1.0)
    assert scaled == pytest.approx(score(build(), why, "country-countryab") * OFF_FAMILY_FACTOR)
    assert kept == pytest.approx(score(build(), when, "country-countryab"))

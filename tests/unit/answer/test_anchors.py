"""`Anchors`: a pattern's scan is skipped only when no match of it can be in the text.

Texts are generated from each gated pattern itself (a random walk through its parsed
alternatives, so every phrase of it is met), set among other words, read by
`Normalizer.basic`; wherever the pattern matches, the words must say it may."""

from __future__ import annotations

import random
import re
from re import _constants as sre
from re import _parser as sre_parse

import pytest

from bot.answer import injection, opinion, safety
from bot.answer.anchors import Anchors, words_of
from bot.answer.normalize import Normalizer

GATED = {
    "lying": safety._SITUATION_WORDS[0],
    "found": safety._SITUATION_WORDS[1],
    "handling": safety._SITUATION_WORDS[2],
    "contact": safety._CONTACT,
    "travel": safety._TRAVEL,
    "looking for": safety._LOOKING_FOR,
    "media": safety._MEDIA_WORDS,
    "in the media": safety._IN_THE_MEDIA,
    "instructions": injection._INSTRUCTION_WORDS,
    "game": safety._GAME,
    "past story": safety._PAST_STORY,
    "relayed question": safety._RELAY,
    "opinion": opinion._OPINION_WORDS,
    "verdict": opinion._VERDICT_WORDS,
}
FILLER = "the a my in on is it what do you we found field house thing metal old to".split()
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _walk(items: list[tuple[object, object]], rng: random.Random) -> str:
    out = []
    for op, av in items:
        out.append(_node(op, av, rng))
    return "".join(out)


def _node(op: object, av: object, rng: random.Random) -> str:
    if op is sre.LITERAL:
        assert isinstance(av, int)
        return chr(av)
    if op is sre.NOT_LITERAL or op is sre.ANY:
        return rng.choice(LETTERS)
    if op is sre.IN:
        assert isinstance(av, list)
        member_op, member = rng.choice(av)
        if member_op is sre.LITERAL:
            return chr(member)
        if member_op is sre.RANGE:
            return chr(rng.randint(*member))
        if member_op is sre.CATEGORY:
            if member == sre.CATEGORY_SPACE:
                return " "
            if member == sre.CATEGORY_DIGIT:
                return rng.choice("0123456789")
        return rng.choice(LETTERS)
    if op is sre.SUBPATTERN:
        assert isinstance(av, tuple)
        return _walk(list(av[3]), rng)
    if op is sre.BRANCH:
        assert isinstance(av, tuple)
        return _walk(list(rng.choice(av[1])), rng)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        assert isinstance(av, tuple)
        low, high, item = av
        count = rng.randint(low, min(high, low + 3))
        return "".join(_walk(list(item), rng) for _ in range(count))
    return ""  # edges and lookarounds take no characters


@pytest.mark.parametrize("name", sorted(GATED))
def test_a_text_the_pattern_matches_is_never_skipped(name: str) -> None:
    anchors = GATED[name]
    assert anchors.readable  # (else the test proves nothing: the pattern is always scanned)
    parsed = list(sre_parse.parse(anchors.pattern.pattern, anchors.pattern.flags))
    rng = random.Random(name)
    matched = skipped = 0
    for _ in range(3000):
        before = " ".join(rng.choice(FILLER) for _ in range(rng.randint(0, 4)))
        after = " ".join(rng.choice(FILLER) for _ in range(rng.randint(0, 4)))
        basic = Normalizer.basic(f"{before} {_walk(parsed, rng)} {after}")
        words = words_of(basic)
        if anchors.pattern.search(basic):
            matched += 1
            assert anchors.may_match(words), basic
        skipped += not anchors.may_match(words)
    assert matched > 1000  # the walk reaches matches
    # and on other text, the test skips: the filler words alone match none of them
    assert not anchors.may_match(words_of("what is the ccm and how many states joined it"))


def test_words_decide_as_the_patterns_on_the_message_corpus() -> None:
    """Every pattern on text built from the situation test's words (finds and not)."""
    from tests.unit.answer.test_safety_shortcut import WORDS

    rng = random.Random(3)
    for _ in range(3000):
        basic = Normalizer.basic(" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 20))))
        words = words_of(basic)
        for anchors in GATED.values():
            assert bool(anchors.search(basic, words)) == bool(anchors.pattern.search(basic))


def test_what_cannot_be_read_is_always_scanned() -> None:
    # a pattern whose alternative has no whole word (any text may match)
    loose = Anchors(re.compile(r"\b(?:mines?|\w+ed)\b"))
    assert not loose.readable and loose.may_match(frozenset({"x"}))
    assert Anchors(re.compile(r"\bmines?\b", re.IGNORECASE)).may_match(frozenset({"x"}))
    # text that is not ASCII has no words: its patterns decide alone
    assert words_of("ការ mine") is None
    assert Anchors(re.compile(r"\bmines?\b")).may_match(None)
    # words that are whole only where the pattern says so: "find" in "\bfind\w*" is not
    prefix = Anchors(re.compile(r"\b(?:find\w*|mines?)\b"))
    assert not prefix.readable
    # a word set on both sides: "came across", "in our garden"
    phrase = Anchors(re.compile(r"\b(?:came across|in (?:my|our) garden)\b"))
    assert phrase.may_match(frozenset("we came across it".split()))
    assert phrase.may_match(frozenset("in our garden".split()))
    assert not phrase.may_match(frozenset("in our field".split()))
    assert not phrase.may_match(frozenset("we came home".split()))

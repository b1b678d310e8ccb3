"""`_reports_a_find_en` skips its patterns when the message names no situation (found, lying,
what to do with it): on any text it must decide as running every pattern does."""

from __future__ import annotations

import random

from bot.answer import safety
from bot.answer.normalize import Normalizer

WORDS = """i we my kids found saw there is lying in the field near our house a rusty metal ball
mine bomb shell uxo open touch keep sell is it safe what should i do how many mines since 1992
per year cluster munitions dug up picked up stepped on he she they under my house still live
explode report it who do i call an article about not find where can i find""".split()


def _every_pattern(basic: str) -> bool:
    personal = bool(safety._PERSONAL_RE.search(basic))
    if safety._STATISTICS.search(basic) and not personal:
        return False
    if safety._object_of(safety._LYING_THING, basic) or safety._object_of(
        safety._THING_LYING, basic
    ):
        return True
    if safety._object_of(safety._FOUND_THING, basic, verb=True) or safety._object_of(
        safety._THING_FOUND, basic
    ):
        return personal or bool(safety._THIRD_PERSON_RE.search(basic))
    if safety._object_of(safety._HANDLING_THING, basic) or safety._object_of(
        safety._THING_HANDLING, basic
    ):
        return personal or bool(safety._ASKING_FOR_ONESELF_RE.search(basic))
    return False


def test_the_situation_shortcut_decides_as_every_pattern() -> None:
    rng = random.Random(2)
    texts = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 14))) for _ in range(5000)]
    finds = 0
    for text in texts:
        expected = _every_pattern(Normalizer.basic(text))
        assert safety._reports_a_find_en(text) == expected, text
        finds += expected
    assert 500 < finds < 4500  # both answers are exercised

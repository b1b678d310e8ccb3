"""`_situation_patterns` skips its patterns when the message names no situation (found, lying,
what to do with it): on any text it must decide as running every pattern does."""

from __future__ import annotations

import random

from bot.answer import safety
from bot.answer.normalize import Normalizer

WORDS = """i we my kids found saw there is lying in the field near our house a rusty metal ball
mine bomb shell uxo open touch keep sell is it safe what should i do how many mines since 1992
per year cluster munitions dug up picked up stepped on he she they under my house still live
explode report it who do i call an article about not find where can i find we're i'm they've
on tiktok online in the news half buried sticking out near the school by the door temple
something metal keeps an old grandpa cluster round spotted noticed seen bring it home road
just in 1991 years ago everywhere in cambodia a video is it safe to travel""".split()


def _every_pattern(text: str) -> bool:
    """The English detector as it reads without the situation shortcut (main's sequence)."""
    basic = Normalizer.basic(text)
    personal = bool(
        safety._PERSONAL_RE.search(basic)
        or safety._CONTRACTED_PERSON.search(text.lower())
        or safety._OPENS_WITH_FIND.match(basic)
    )
    statistics = safety._STATISTICS.search(basic)
    if statistics and not (personal and safety._here_now_or_about_it(basic)):
        return False
    if safety._PAST_STORY_RE.search(basic) and not (
        safety._ACTS_ON_IT.search(basic) or (not statistics and safety._ABOUT_IT_RE.search(basic))
    ):
        return False
    if safety._STATISTICS.search(basic) and safety._IN_THE_MEDIA_RE.search(basic):
        return False
    if safety._TRAVEL_RE.search(basic):
        rest = safety._TRAVEL_RE.sub(" ", basic)
        if not (safety._CONTACT_RE.search(rest) or safety._ACTS_ON_IT.search(rest)):
            return False
    someone = personal or bool(safety._THIRD_PERSON_RE.search(basic))
    near = safety._NEAR_PEOPLE_RE.search(basic)
    if (
        (
            safety._object_of(safety._LYING_THING, basic)
            or safety._object_of(safety._THING_LYING, basic)
        )
        and (someone or near or safety._HALF_BURIED_RE.search(basic))
        and not (safety._GENERAL_PLACE_RE.search(basic) and not near)
        and not (statistics and safety._COUNT_LYING_RE.search(basic))
    ):
        return True
    found = safety._FOUND_FIRMLY if safety._MEDIA.search(basic) else safety._FOUND_THING
    if safety._object_of(found, basic, verb=True) or safety._object_of(safety._THING_FOUND, basic):
        return someone
    if statistics and not safety._FIRST_PERSON_RE.search(basic):
        return False
    if safety._object_of(safety._HANDLING_THING, basic) or safety._object_of(
        safety._THING_HANDLING, basic
    ):
        acts = safety._ACTS_ON_IT.search(basic)
        if not acts and not (
            safety._HERE_NOW_RE.search(basic) or safety._ABOUT_IT_RE.search(basic)
        ):
            return False
        if statistics and not acts:
            return False
        return personal or bool(safety._ASKING_FOR_ONESELF_RE.search(basic))
    return False


def test_the_situation_shortcut_decides_as_every_pattern() -> None:
    rng = random.Random(2)
    texts = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 14))) for _ in range(5000)]
    finds = skipped = 0
    for text in texts:
        expected = _every_pattern(text)
        basic = Normalizer.basic(text)
        assert safety._situation_patterns(text, basic) == expected, text
        finds += expected
        skipped += not any(word.search(basic) for word in safety._SITUATIONS)
    assert 300 < finds < 4500  # both answers are exercised
    assert skipped > 100  # and the shortcut itself

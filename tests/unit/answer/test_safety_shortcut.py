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
    if statistics and not safety.tells_of_oneself(basic):
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
        if safety._told_of_in_media(basic) and not safety._WRITER_ACTS_RE.search(basic):
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


def _reports_a_find_before(text: str, basic: str, lang: str) -> bool:
    """`safety.reports_a_find` as it read before the figures of speech were looked for with
    the message's words (the reference: that scan always made)."""
    from bot.answer import safety_model
    from bot.answer.anchors import words_of

    if safety.has_khmer(text):
        return safety._reports_a_find_en(text, basic) or safety.reports_a_find_km(text)
    basic = safety._literally(safety.read_for_finds(text, basic))
    words = words_of(basic)
    if safety._reports_a_find_en(text, basic, words):
        return not safety._long_and_surely_not(basic)
    return (
        safety.learned_may_read(basic, words)
        and lang == "en"
        and safety_model.shipped().flags(basic)
    )


def test_figures_of_speech_found_by_their_words_decide_as_before() -> None:
    """`reports_a_find` looks for figures of speech ("keep it short", "i carry this in my
    heart") with the message's words, so that most messages are not scanned for them: the
    same answer as the scan on every labelled message and on generated text with and
    without figures of speech."""
    from bot.answer.language import detect_language
    from tests.snapshots.replies import questions

    rng = random.Random(4)
    figures = (
        "keep it short",
        "i carry this in my heart",
        "they call him little bomb",
        "it landed like a cluster bomb",
        "we had a fire drill",
        "bomb threat at the school",
    )
    texts = [q for _, q in questions()]
    for _ in range(3000):
        words = [rng.choice(WORDS) for _ in range(rng.randint(2, 14))]
        if rng.random() < 0.4:
            words.insert(rng.randrange(len(words) + 1), rng.choice(figures))
        texts.append(" ".join(words))
    figured = finds = 0
    for text in texts:
        basic = Normalizer.basic(text)
        lang = detect_language(text)
        expected = _reports_a_find_before(text, basic, lang)
        assert safety.reports_a_find(text, basic=basic, lang=lang) == expected, _key(text)
        figured += safety._literally(basic) != basic
        finds += expected
    assert figured > 500 and finds > 300  # both branches, both answers


def _key(text: str) -> str:
    """A failing message named by a hash (blind questions are not for reading)."""
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]

"""The learned second opinion on finds: shipped as data, read only where it may read, and
fitted so that it finds what the patterns were not written for."""

from __future__ import annotations

import pytest

from bot.answer import safety
from bot.answer.normalize import Normalizer
from bot.answer.safety_model import SafetyModel, features, shipped
from bot.quality.fit_safety import Example, fit


def test_the_shipped_model_is_whole_and_says_how_it_was_measured() -> None:
    model = shipped()
    assert 0 < model.threshold < 1 and len(model.weights) > 1000
    assert "left_out_in_turn" in model.provenance  # each batch scored by a model without it


@pytest.mark.parametrize(
    "text",
    [
        # in our own words: no pattern was written for these shapes
        "the dog brought home something metal with a pin in it",
        "i think the thing my kid keeps in his toy box is a bomblet",
        "someone left an old grenade by the front desk",
    ],
)
def test_it_reads_finds_the_patterns_miss(text: str) -> None:
    basic = Normalizer.basic(text)
    assert not safety._reports_a_find_en(text, basic)
    assert safety.reports_a_find(text)


@pytest.mark.parametrize(
    "text",
    [
        "if you find information about mines what do you do with it",  # looking for information
        "saw a video about landmines in laos, is it real?",  # a video
        "is it safe to travel to battambang with all the mines",  # a traveller's question
        "do i need a visa for cambodia",  # no object at all
    ],
)
def test_it_does_not_read_what_the_patterns_rule_out(text: str) -> None:
    assert not safety.learned_may_read(Normalizer.basic(text)) or not safety.reports_a_find(text)
    assert not safety.reports_a_find(text)


def test_fitting_learns_which_words_tell_a_find() -> None:
    finds = [f"found a rusty {w} in my garden" for w in ("can", "tube", "ball", "pipe")]
    others = [f"how many {w} were dropped on laos" for w in ("cans", "tubes", "balls", "pipes")]
    rows = [Example("t", f, True) for f in finds] + [Example("t", o, False) for o in others]
    weights, bias = fit(rows * 5)
    model = SafetyModel.from_weights(weights.tolist(), bias, 0.5, keep_above=0.001)
    assert model.flags("found a rusty bottle in my garden")
    assert not model.flags("how many bottles were dropped on laos")
    # the same words hash to the same weights on every machine (CRC-32, not Python's hash)
    assert features("found a mine") == features("found a mine")
    assert features("found a mine")[0] < 2**18

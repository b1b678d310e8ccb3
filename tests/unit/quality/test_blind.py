"""How a blind batch's replies are judged: by what the person is shown."""

from __future__ import annotations

from bot.answer import Answerer
from bot.quality.blind import BlindItem, judge


def test_no_sourced_status_for_a_country_is_a_decline_not_an_answer(answerer: Answerer) -> None:
    # a country the table does not hold: the reply says so and states nothing about it
    reply = answerer.ask("has tuvalu ratified the convention on cluster munitions")
    assert reply.answered and reply.reason == "no-status"
    near_miss = BlindItem(q=reply.question, kind="near-miss", expect="decline")
    assert judge(near_miss, reply) == "declined"
    answerable = BlindItem(q=reply.question, kind="direct", expect="answer", facts=("20\\d\\d",))
    assert judge(answerable, reply) == "held"


def test_an_answer_is_right_only_when_every_fact_is_shown(answerer: Answerer) -> None:
    reply = answerer.ask("when did the ccm enter into force")
    item = BlindItem(q=reply.question, kind="direct", expect="answer", facts=("2010",))
    assert judge(item, reply) == "right"
    wrong = BlindItem(q=reply.question, kind="direct", expect="answer", facts=("2010", "1997"))
    assert judge(wrong, reply) == "wrong"

"""The gate's threshold: the most right answers within the issue's wrong and false targets."""

from __future__ import annotations

from pathlib import Path

from bot.answer import Answerer
from bot.answer.entry_words import shipped as shipped_entry_words
from bot.answer.gate import Gate
from bot.quality.blind import BlindItem
from bot.quality.fit_gate import Row, answers_given, choose_threshold, recalibrate


def _row(right: bool, answerable: bool = True) -> Row:
    return Row("b", (), right, answerable)


def test_the_threshold_keeps_false_answers_within_the_target() -> None:
    # 100 answerable, 100 to decline; below 0.7 the declines start being answered
    scored = [(0.95, _row(True)) for _ in range(60)]
    scored += [(0.65, _row(True)) for _ in range(30)]
    scored += [(0.65, _row(False, answerable=False)) for _ in range(20)]
    scored += [(0.30, _row(False, answerable=False)) for _ in range(80)]
    assert choose_threshold(scored, answerable=100, declines=100) == 0.66


def test_with_no_threshold_within_targets_the_best_balance_wins() -> None:
    scored = [(0.9, _row(False, answerable=False)) for _ in range(10)]
    scored += [(0.9, _row(True)) for _ in range(5)]
    t = choose_threshold(scored, answerable=5, declines=10)
    assert t > 0.9  # answering would cost more than it gains


def test_recalibrating_measures_the_mapping_on_batches_the_gate_was_not_fitted_on(
    answerer: Answerer, tmp_path: Path
) -> None:
    blind = tmp_path / "blind"
    blind.mkdir()
    # one batch the shipped gate was fitted on, one it was not (written for this test)
    (blind / "b1-student-journalist.yaml").write_text(
        "- q: when did the ccm enter into force\n  kind: direct\n  expect: answer\n"
        "  facts: ['2010']\n  gist: 1 Aug 2010\n",
        encoding="utf-8",
    )
    questions = [
        ("when did the ccm enter into force", "2010"),
        ("is cambodia a party to the ccm", "not"),
        ("what does the ccm ban", "stockpile"),
        ("who is hun manet", "prime minister"),
        ("what is the k5 belt", "198"),
        ("how many states parties does the ccm have", "112"),
        ("what is a dud rate", "explode"),
        ("where is the best pizza in phnom penh", None),
    ]
    lines = []
    for q, fact in questions:
        expect = "answer" if fact else "decline"
        facts = f"['{fact}']" if fact else "[]"
        lines.append(f"- q: {q}\n  kind: direct\n  expect: {expect}\n  facts: {facts}\n  gist: x\n")
    (blind / "later-batch.yaml").write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "gate.json"
    shipped = Gate.load()
    shipped.dump(out)
    assert recalibrate(answerer, blind, out) == 0
    again = Gate.load(out)
    assert again.weights == shipped.weights and again.answer_at == shipped.answer_at
    assert again.provenance["calibrated_on"] == ["later-batch"]  # not b1: it was fitted on
    assert again.calibration != shipped.calibration
    xs = [x for x, _ in again.calibration]
    ys = [y for _, y in again.calibration]
    assert xs == sorted(xs) and ys == sorted(ys)  # a mapping that never goes down


def test_answers_are_judged_whole_as_the_bot_gives_them(answerer: Answerer) -> None:
    items = [
        BlindItem(
            q="when did the ccm enter into force",
            kind="direct",
            expect="answer",
            facts=["2010"],
            gist="1 Aug 2010",
        ),
        # two parts: right only if both facts are in what is shown
        BlindItem(
            q="when did the ccm enter into force? and who is hun manet?",
            kind="multi",
            expect="answer",
            facts=["2010", "zzz-not-there"],
            gist="2010 zzz-not-there",
        ),
        # the safety advice is not the gate's answer: left out of the mapping
        BlindItem(
            q="i found a bomblet in my garden",
            kind="safety",
            expect="safety",
            facts=[],
            gist="official advice",
        ),
        BlindItem(
            q="where is the best pizza in phnom penh",
            kind="off-topic",
            expect="decline",
            facts=[],
            gist="off topic",
        ),
    ]
    gate = Gate.load()
    given = answers_given(answerer, gate, shipped_entry_words(), "t", items)
    assert [row.right for _, row in given] == [True, False]
    # before any mapping, the confidence is the gate's probability itself (to 4 places)
    match = answerer.match("when did the ccm enter into force")
    assert match is not None and given[0][0] == round(match.probability, 4)

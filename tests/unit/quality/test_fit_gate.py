"""The gate's threshold: the most right answers within the issue's wrong and false targets."""

from __future__ import annotations

from bot.quality.fit_gate import Row, choose_threshold


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

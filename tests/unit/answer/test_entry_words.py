"""Per-entry word weights: shipped as data that matches the knowledge base, read as bounded
log-odds, and fitted so that each row's value comes from weights that never read its batch."""

from __future__ import annotations

from pathlib import Path

from bot.answer import Answerer
from bot.answer.entry_words import LIMIT, EntryWords, shipped
from bot.quality.fit_entry_words import Labelled, fit, left_out
from bot.quality.fit_gate import Row


def test_the_shipped_weights_name_only_entries_of_the_bundled_knowledge_base(
    answerer: Answerer,
) -> None:
    # a renamed or removed entry leaves its weights behind: refit (python -m
    # bot.quality.fit_gate) so that the entry is judged on its own words again
    words = shipped()
    ids = {e.id for e in answerer.kb.entries}
    assert len(words.weights) > 100
    assert set(words.weights) <= ids, sorted(set(words.weights) - ids)
    assert "fitted_on" in words.provenance


def test_the_log_odds_are_the_bias_plus_each_word_once_and_bounded() -> None:
    model = EntryWords(bias=0.5, weights={"e": {"total": -2.0, "when": 1.0, "big": 30.0}})
    assert model.logit("e", "when when did it arrive") == 1.5
    assert model.logit("e", "how many in total") == -1.5
    assert model.logit("other", "how many in total") == 0.5  # no table: the bias alone
    assert model.logit("e", "big") == LIMIT


def test_dumped_weights_load_back_unchanged(tmp_path: Path) -> None:
    model = EntryWords(bias=-0.25, weights={"b": {"x": 1.0}, "a": {"y": -0.5, "x": 0.125}})
    path = tmp_path / "entry_words.json"
    model.dump(path)
    assert EntryWords.load(path) == model
    text = path.read_text(encoding="utf-8")
    assert text.index('"a"') < text.index('"b"')  # one entry a line, sorted: diffs read well


def _rows(batch: str) -> list[Labelled]:
    # for entry "rounds", "arrive" comes with right answers and "total" with wrong ones
    rows = [Labelled(batch, "when did the shells arrive", "rounds", True) for _ in range(5)]
    rows += [Labelled(batch, "how many shells in total", "rounds", False) for _ in range(5)]
    return rows


def test_fitting_learns_which_words_mean_the_entry_is_right() -> None:
    model = fit(_rows("a") + _rows("b"))
    table = model.weights["rounds"]
    assert table["arrive"] > 0 > table["total"]
    assert (
        model.logit("rounds", "when will they arrive")
        > 0
        > model.logit("rounds", "the total please")
    )


def test_each_row_is_scored_by_weights_that_never_read_its_batch() -> None:
    # batch "c" says the opposite of "a" and "b": left out, its rows are scored by a and b
    flipped = [Labelled("c", r.text, r.entry_id, not r.right) for r in _rows("c")]
    rows = _rows("a") + _rows("b") + flipped
    values = left_out(rows)
    c_values = [v for r, v in zip(rows, values, strict=True) if r.batch == "c"]
    # c's "arrive" rows are wrong, yet weights from a and b rate them above c's "total" rows
    assert c_values[0] > 0 > c_values[-1]
    # alone in its batch, a row's words were never seen: only the bias speaks
    lone = left_out([Labelled("x", "unseen words", "e", True), *rows])
    assert lone[0] == fit(rows).bias


def test_a_gate_row_takes_its_out_of_sample_value() -> None:
    row = Row("b", (0.0,) * 20, True, True, "when did they arrive", "rounds")
    assert row.with_entry_words(2.5).features[-1] == 2.5
    assert row.labelled() == Labelled("b", "when did they arrive", "rounds", True)

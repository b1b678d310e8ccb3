"""`python -m bot.quality.fit_km_gate --cross-check BATCH`: the Khmer index's thresholds on the
whole engine, the fixture against a blind batch, each set's best counted on the other."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.quality import fit_km_gate

BATCH = """\
- q: "អនុសញ្ញាស្តីពីគ្រាប់បែកចង្កោមចូលជាធរមាននៅពេលណា?"
  kind: direct
  expect: answer
  facts: ["2010"]
- q: "អាកាសធាតុនៅភ្នំពេញថ្ងៃនេះយ៉ាងម៉េច"
  kind: off-topic
  expect: decline
"""


def test_the_cross_check_counts_each_sets_best_on_the_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    batch = tmp_path / "km-test.yaml"
    batch.write_text(BATCH, encoding="utf-8")
    monkeypatch.setattr(fit_km_gate, "SWEEP", ((0.42, 0.06), (0.6, 0.0)))
    out = io.StringIO()
    assert fit_km_gate.cross_check(fit_km_gate.FIXTURE, batch, out) == 0
    text = out.getvalue()
    assert "(shipped)" in text and "best on fixture" in text and "best on km-test" in text

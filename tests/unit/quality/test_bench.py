"""`bench`: progress on the long steps, and each figure against its target (never timed here)."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from bot.config import Settings
from bot.quality.bench import Target, format_targets, run_benchmarks


def test_quick_bench_shows_progress_and_ends_with_targets(tmp_path: Path) -> None:
    out = io.StringIO()
    drawn = io.StringIO()
    progress = Console(file=drawn, force_terminal=True, width=120)
    settings = Settings(_env_file=None)
    # no gold set: the entries' own questions, so the test stays short
    code = run_benchmarks(
        settings, tmp_path / "no-gold", 100_000, 400, out, quick=True, progress=progress
    )
    assert code == 0
    text = out.getvalue()
    assert "bundled knowledge base:" in text and "synthetic" not in text
    targets = text.split("targets:", 1)[1]
    assert "bundled: median per question" in targets and "bundled: index build" in targets
    assert all(line.rstrip().endswith(("met", "NOT MET")) for line in targets.splitlines()[1:3])
    shown = drawn.getvalue()
    for step in ("bundled: building the index", "bundled: our engine", "bundled: naive baseline"):
        assert step in shown
    assert "━" in shown  # a bar was drawn


def test_targets_say_met_or_not_met() -> None:
    text = format_targets(
        [
            Target("fast enough", 0.5, 1.0, "ms"),
            Target("too slow", 25.0, 20.0, "ms"),
            Target("exactly at the limit", 1.0, 1.0, "ms"),
        ]
    )
    lines = text.splitlines()
    assert lines[1].endswith(" met") and lines[2].endswith("NOT MET")
    assert lines[3].endswith(" met")


def test_figures_are_shown_beside_the_engine_before_issue_14() -> None:
    from bot.quality.bench import format_comparison

    text = format_comparison(
        [
            Target("bundled: median per question", 0.23, 0.3, "ms", before=0.46),
            Target("no earlier figure", 1.0, 2.0, "ms"),
        ]
    )
    lines = text.splitlines()
    assert len(lines) == 2 and "before" in lines[1] and lines[1].endswith("ratio  0.50")


def test_a_watched_figure_has_no_target() -> None:
    import math

    text = format_targets([Target("index memory", 300.0, math.inf, "MB")])
    assert text.splitlines()[1].endswith("(no target)")

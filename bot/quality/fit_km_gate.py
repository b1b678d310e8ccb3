"""Measure Khmer matching and fit its thresholds: `python -m bot.quality.fit_km_gate`.

The English gate (bot/answer/gate.json) is fitted on English questions; Khmer questions get
their own thresholds, measured on labelled Khmer questions (by default the test fixture in
tests/fixtures/khmer/: Khmer blocks for 22 entries and questions written apart from their
alternates, some of which the fixture cannot answer). It compares the ways of turning Khmer
into features on the same scorer (character n-grams of several sizes, and word segmentation
with khmer-nltk when that package is installed: it is not a dependency), prints top-1
accuracy, what answering would cost at the best thresholds, and speed, then writes the
thresholds of the scheme the engine uses to bot/answer/gate_km.json (`--write`).

Thresholds are chosen to maximise right answers minus two per wrong one (a wrong answer or
an answer to a question the knowledge base cannot answer), as for the English gate.

`--cross-check BATCH` measures the thresholds on the whole engine (safety, English terms, the
Khmer index, the Khmer glossary) on the fixture and on a Khmer blind batch labelled by facts
(eval/blind/km-blind.yaml), and counts each set's best thresholds on the other set: a refit
is worth shipping only when it wins out of sample.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import yaml

from bot.answer.answerer import Answerer
from bot.answer.gate import KHMER_GATE_FILE, KhmerGate
from bot.answer.khmer import KhmerCandidate, KhmerIndex, char_ngrams, runs
from bot.config import PROJECT_ROOT
from bot.kb.loader import load_knowledge_base
from bot.kb.models import KnowledgeBase

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "khmer"
WRONG_COST = 2.0
#: the scheme the engine uses (bot/answer/khmer.py): keep in step with its NGRAM_SIZES
ENGINE_SCHEME = "char 2-grams"

Features = Callable[[str], list[str]]


def with_khmer(kb: KnowledgeBase, blocks: dict[str, dict[str, Any]]) -> KnowledgeBase:
    """The knowledge base with Khmer blocks added to the entries they name."""
    entries = tuple(
        type(e).model_validate({**e.model_dump(), "km": blocks[e.id]}) if e.id in blocks else e
        for e in kb.entries
    )
    copy = kb.model_copy(update={"entries": entries})
    for cached in ("by_id", "sources_by_url", "topics"):  # model_copy keeps cached properties
        copy.__dict__.pop(cached, None)
    return copy


def segmented(folded: str) -> list[str]:
    """Word features from khmer-nltk's segmentation (for the measurement only)."""
    from khmernltk import word_tokenize  # type: ignore[import-untyped,import-not-found,unused-ignore]

    out: list[str] = []
    for khmer, piece in runs(folded):
        if khmer:
            out.extend(w for w in word_tokenize(piece) if w.strip())
        else:
            out.append(f"w:{piece}")
    return out


def segmented_with_bigrams(folded: str) -> list[str]:
    """Segmented words and their bigrams."""
    words = segmented(folded)
    return words + [f"{a}|{b}" for a, b in itertools.pairwise(words)]


def schemes() -> dict[str, Features]:
    """Every way of making features that is measured, the engine's first."""
    out: dict[str, Features] = {
        ENGINE_SCHEME: char_ngrams,
        "char 3-grams": lambda t: char_ngrams(t, (3,)),
        "char 2+3-grams": lambda t: char_ngrams(t, (2, 3)),
        "char 2+3+4-grams": lambda t: char_ngrams(t, (2, 3, 4)),
    }
    try:
        import khmernltk  # noqa: F401
    except ImportError:
        print("khmer-nltk is not installed: word segmentation not measured", file=sys.stderr)
    else:
        out["khmer-nltk words"] = segmented
        out["khmer-nltk words + bigrams"] = segmented_with_bigrams
    return out


@dataclass
class Outcome:
    """What one question got: the expected entry and the ranked candidates."""

    expected: str | None
    candidates: list[KhmerCandidate]


@dataclass
class Costs:
    """Counts at one set of thresholds."""

    right: int
    wrong: int
    false_answers: int
    asked_back: int

    def value(self) -> float:
        """Right answers minus WRONG_COST per wrong or false answer."""
        return self.right - WRONG_COST * (self.wrong + self.false_answers)


def _top(outcome: Outcome) -> str | None:
    return outcome.candidates[0].entry_id if outcome.candidates else None


def tally(outcomes: Sequence[Outcome], gate: KhmerGate) -> Costs:
    """Right, wrong and false answers, and questions asked back, at a gate's thresholds."""
    right = wrong = false = asked = 0
    for o in outcomes:
        status, _ = gate.decide(o.candidates)
        if status == "answered":
            top = o.candidates[0].entry_id
            if o.expected is None:
                false += 1
            elif top == o.expected:
                right += 1
            else:
                wrong += 1
        elif status == "clarify":
            asked += 1
    return Costs(right, wrong, false, asked)


def fit(outcomes: Sequence[Outcome]) -> KhmerGate:
    """The thresholds that maximise right minus two per wrong answer (ties: the stricter)."""
    grid = [round(0.30 + 0.01 * i, 2) for i in range(66)]
    best: tuple[float, float, float, KhmerGate] | None = None
    for answer_at in grid:
        for margin in (0.0, 0.02, 0.04, 0.06, 0.08, 0.10):
            gate = KhmerGate.neutral().model_copy(
                update={"answer_at": answer_at, "min_margin": margin}
            )
            value = tally(outcomes, gate).value()
            key = (value, answer_at, margin)
            if best is None or key > best[:3]:
                best = (*key, gate)
    assert best is not None
    return ask_back_from(outcomes, best[3])


def ask_back_from(outcomes: Sequence[Outcome], gate: KhmerGate) -> KhmerGate:
    """Lower `clarify_at` below `answer_at` while at least half of the questions scoring
    between the two still have the right entry on top: suggestions worth showing."""
    clarify_at = gate.answer_at
    for step in range(1, 30):
        low = round(gate.answer_at - 0.01 * step, 2)
        band = [
            o for o in outcomes if o.candidates and low <= o.candidates[0].score < gate.answer_at
        ]
        right = sum(1 for o in band if o.candidates[0].entry_id == o.expected)
        if band and right < len(band) / 2:
            break
        clarify_at = low
    return gate.model_copy(update={"clarify_at": clarify_at})


def calibration(outcomes: Sequence[Outcome], gate: KhmerGate) -> list[tuple[float, float]]:
    """(score, share right) points: of the answers given with at least that score, the share
    that were right, smoothed ((right + 1) / (n + 2)) because the samples are small."""
    answered = [
        (o.candidates[0].score, o.candidates[0].entry_id == o.expected)
        for o in outcomes
        if gate.decide(o.candidates)[0] == "answered"
    ]
    points: list[tuple[float, float]] = [(0.0, 0.0)]
    for at in (gate.answer_at, 0.5, 0.6, 0.7, 0.8, 0.9):
        given = [ok for score, ok in answered if score >= at]
        if given and at >= gate.answer_at and at > points[-1][0]:
            points.append((at, round((sum(given) + 1) / (len(given) + 2), 4)))
    points.append((1.0, points[-1][1]))
    return points


def measure(
    kb: KnowledgeBase,
    questions: list[tuple[str, str | None]],
    features: Features,
    is_name: Callable[[str], bool] = lambda word: False,
) -> tuple[list[Outcome], float, list[float]]:
    """Build the index with `features`, rank every question; (outcomes, build s, query ms).

    `is_name` (the English matcher's) says which Latin words are names."""
    start = time.perf_counter()
    index = KhmerIndex(
        (
            (e.id, e.km.phrasings, e.km.answer, " ".join((*e.phrasings, e.answer)))
            for e in kb.entries
            if e.km
        ),
        features=features,
        is_latin_name=is_name,
    )
    build = time.perf_counter() - start
    outcomes: list[Outcome] = []
    times: list[float] = []
    for question, expected in questions:
        start = time.perf_counter()
        candidates = index.search(question, limit=6)
        times.append(1000 * (time.perf_counter() - start))
        outcomes.append(Outcome(expected, candidates))
    return outcomes, build, times


def two_fold(outcomes: Sequence[Outcome]) -> Costs:
    """Thresholds fitted on every other question, counted on the rest, both ways round."""
    total = Costs(0, 0, 0, 0)
    for k in (0, 1):
        train = [o for i, o in enumerate(outcomes) if i % 2 == k]
        test = [o for i, o in enumerate(outcomes) if i % 2 != k]
        c = tally(test, fit(train))
        total = Costs(
            total.right + c.right,
            total.wrong + c.wrong,
            total.false_answers + c.false_answers,
            total.asked_back + c.asked_back,
        )
    return total


def run(fixture: Path, write: bool, out: TextIO) -> int:
    """Measure every scheme on the fixture, print the table, optionally write the gate."""
    blocks = yaml.safe_load((fixture / "km_blocks.yaml").read_text(encoding="utf-8"))
    items = yaml.safe_load((fixture / "questions.yaml").read_text(encoding="utf-8"))
    questions = [(item["q"], item["id"]) for item in items]
    kb = with_khmer(load_knowledge_base(PROJECT_ROOT / "knowledge", PROJECT_ROOT / "seeds"), blocks)
    answerable = sum(1 for _, e in questions if e)
    print(
        f"{len(blocks)} entries with Khmer; {len(questions)} questions "
        f"({answerable} answerable, {len(questions) - answerable} not)",
        file=out,
    )
    print(
        f"{'scheme':28} {'top-1':>7} {'right':>6} {'wrong':>6} {'false':>6} {'asked':>6}"
        f"  {'2-fold r/w/f':>13} {'build ms':>9} {'query ms':>9}",
        file=out,
    )
    chosen: KhmerGate | None = None
    chosen_outcomes: list[Outcome] = []
    is_name = Answerer(kb).matcher.is_name
    for name, features in schemes().items():
        features("ក")  # load a model, if the scheme has one, before timing the build
        outcomes, build, times = measure(kb, questions, features, is_name)
        top1 = sum(1 for o in outcomes if o.expected and _top(o) == o.expected)
        gate = fit(outcomes)
        c = tally(outcomes, gate)
        cv = two_fold(outcomes)
        print(
            f"{name:28} {100 * top1 / answerable:6.1f}% {c.right:6d} {c.wrong:6d} "
            f"{c.false_answers:6d} {c.asked_back:6d}  "
            f"{cv.right:5d}/{cv.wrong}/{cv.false_answers:<5d}"
            f" {1000 * build:9.1f} {statistics.median(times):9.2f}",
            file=out,
        )
        if name == ENGINE_SCHEME:
            chosen, chosen_outcomes = gate, outcomes
    assert chosen is not None
    chosen = chosen.model_copy(
        update={
            # chosen by --cross-check on the whole engine, not by this fit: kept as shipped
            "glossary_answer_at": KhmerGate.load().glossary_answer_at,
            "calibration": tuple(calibration(chosen_outcomes, chosen)),
            "provenance": {
                "scheme": ENGINE_SCHEME,
                "fitted_on": "tests/fixtures/khmer (the engine developer's own Khmer questions)",
                "entries_with_khmer": len(blocks),
                "questions": len(questions),
                "answerable": answerable,
                "wrong_cost": WRONG_COST,
            },
        }
    )
    print(
        f"\n{ENGINE_SCHEME}: answer from {chosen.answer_at} with a lead of {chosen.min_margin}, "
        f"ask back from {chosen.clarify_at}",
        file=out,
    )
    engine = Answerer(kb, khmer_gate=chosen)
    whole = _engine_value(engine, questions, set(blocks))
    print(
        f"whole engine (Answerer.ask: safety, English terms, the Khmer index, the Khmer "
        f"glossary): {whole.right}/{answerable} right, {whole.wrong} wrong, "
        f"{whole.false_answers}/{len(questions) - answerable} false answers (by the fixture's "
        "own entries)",
        file=out,
    )
    if write:
        chosen.dump(KHMER_GATE_FILE)
        print(f"written to {KHMER_GATE_FILE}", file=out)
    return 0


#: the thresholds `cross_check` tries: the Khmer index's answer score and lead
SWEEP = tuple(
    (answer_at, margin)
    for answer_at in (0.38, 0.42, 0.46, 0.50, 0.55, 0.60)
    for margin in (0.0, 0.06, 0.10)
)


#: the glossary reading's answer thresholds `cross_check` tries (None: the English gate's)
GLOSSARY_SWEEP: tuple[float | None, ...] = (None, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6)


def _engine_value(
    engine: Answerer, questions: Sequence[tuple[str, str | None]], own: set[str]
) -> Costs:
    """The whole engine on id-labelled questions (the fixture): a false answer is one given by
    an entry of the fixture's own Khmer blocks (`own`) to a question they cannot answer (the
    Khmer glossary may rightly answer it from an entry outside them)."""
    right = wrong = false = asked = 0
    for question, expected in questions:
        reply = engine.ask(question)
        if not reply.answered or reply.entry is None:
            asked += reply.status == "clarify"
        elif expected is None:
            false += reply.entry.id in own
        elif reply.entry.id == expected:
            right += 1
        else:
            wrong += 1
    return Costs(right, wrong, false, asked)


def cross_check(fixture: Path, blind: Path, out: TextIO) -> int:
    """The Khmer index's thresholds measured on the whole engine on two Khmer sets written by
    different hands: the fixture (labelled by entry) and a blind batch (labelled by facts,
    e.g. eval/blind/km-blind.yaml). Each set's best thresholds are counted on the other set,
    so a change is only worth shipping when it wins out of sample."""
    from bot.quality.blind import BatchResult, load_batch, run_batch

    blocks = yaml.safe_load((fixture / "km_blocks.yaml").read_text(encoding="utf-8"))
    items = yaml.safe_load((fixture / "questions.yaml").read_text(encoding="utf-8"))
    questions = [(item["q"], item["id"]) for item in items]
    knowledge = PROJECT_ROOT / "knowledge"
    seeds = PROJECT_ROOT / "seeds"
    fixture_kb = with_khmer(load_knowledge_base(knowledge, seeds), blocks)
    shipped_kb = load_knowledge_base(knowledge, seeds)
    batch = load_batch(blind)
    shipped = KhmerGate.load()
    print(
        f"{'answer_at':>9} {'lead':>5}  {'fixture r/w/f':>14} {'value':>6}  "
        f"{blind.stem + ' r/w/f':>18} {'value':>6}",
        file=out,
    )
    values: dict[tuple[float, float], tuple[float, float]] = {}
    fixture_engine = Answerer(fixture_kb)
    blind_engine = Answerer(shipped_kb)

    def on_both(gate: KhmerGate) -> tuple[Costs, BatchResult, float]:
        """The whole engine with these Khmer thresholds, on the fixture and on the batch."""
        a = Answerer(
            fixture_kb, matcher=fixture_engine.matcher, gate=fixture_engine.gate, khmer_gate=gate
        )
        b = Answerer(
            shipped_kb, matcher=blind_engine.matcher, gate=blind_engine.gate, khmer_gate=gate
        )
        r = run_batch(b, blind.stem, batch)
        return _engine_value(a, questions, set(blocks)), r, r.right - WRONG_COST * (
            r.wrong + r.false_answers
        )

    for answer_at, margin in SWEEP:
        gate = shipped.model_copy(
            update={
                "answer_at": answer_at,
                "min_margin": margin,
                "clarify_at": min(shipped.clarify_at, answer_at),
            }
        )
        f, r, blind_value = on_both(gate)
        values[(answer_at, margin)] = (f.value(), blind_value)
        shipped_here = (answer_at, margin) == (shipped.answer_at, shipped.min_margin)
        mark = " (shipped)" if shipped_here else ""
        print(
            f"{answer_at:9.2f} {margin:5.2f}  {f.right:6d}/{f.wrong}/{f.false_answers:<5d} "
            f"{f.value():6.0f}  {r.right:10d}/{r.wrong}/{r.false_answers:<5d} "
            f"{blind_value:6.0f}{mark}",
            file=out,
        )
    key = (shipped.answer_at, shipped.min_margin)
    for name, i in (("fixture", 0), (blind.stem, 1)):
        best = max(values, key=lambda k: (values[k][i], k))
        other = 1 - i
        against = f"{values[key][other]:.0f}" if key in values else "n/a"
        print(
            f"best on {name}: {best[0]:.2f} / {best[1]:.2f}; on the other set "
            f"{values[best][other]:.0f} against {against} for the shipped thresholds",
            file=out,
        )
    # the glossary reading's answer threshold, the Khmer index's thresholds as shipped
    print(f"\n{'glossary answer_at':>18}  {'fixture r/w/f':>14} {'value':>6}  "
          f"{blind.stem + ' r/w/f':>18} {'value':>6}", file=out)
    by_threshold: dict[float | None, tuple[float, float]] = {}
    for at in GLOSSARY_SWEEP:
        f, r, blind_value = on_both(shipped.model_copy(update={"glossary_answer_at": at}))
        by_threshold[at] = (f.value(), blind_value)
        label = "English gate's" if at is None else f"{at:.2f}"
        mark = " (shipped)" if at == shipped.glossary_answer_at else ""
        print(
            f"{label:>18}  {f.right:6d}/{f.wrong}/{f.false_answers:<5d} {f.value():6.0f}  "
            f"{r.right:10d}/{r.wrong}/{r.false_answers:<5d} {blind_value:6.0f}{mark}",
            file=out,
        )
    base = by_threshold.get(shipped.glossary_answer_at)
    if base is not None:
        # a change that loses on neither set, the best of those on both together
        safe = [t for t, v in by_threshold.items() if v[0] >= base[0] and v[1] >= base[1]]
        pick = max(safe, key=lambda t: (sum(by_threshold[t]), t or 1.0))
        label = "the English gate's" if pick is None else f"{pick:.2f}"
        print(f"loses on neither set and does best on both: {label}", file=out)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: `python -m bot.quality.fit_km_gate [--fixture DIR] [--write]`, or
    `--cross-check BATCH` (the thresholds on the whole engine, fixture against a batch)."""
    parser = argparse.ArgumentParser(prog="python -m bot.quality.fit_km_gate")
    parser.add_argument("--fixture", type=Path, default=FIXTURE)
    parser.add_argument("--write", action="store_true", help="write bot/answer/gate_km.json")
    parser.add_argument(
        "--cross-check",
        type=Path,
        metavar="BATCH",
        help="a Khmer blind batch (e.g. eval/blind/km-blind.yaml): the thresholds' value on "
        "the whole engine on it and on the fixture, each set's best counted on the other",
    )
    args = parser.parse_args(argv)
    if args.cross_check is not None:
        return cross_check(args.fixture, args.cross_check, sys.stdout)
    return run(args.fixture, args.write, sys.stdout)


if __name__ == "__main__":
    raise SystemExit(main())

"""`python -m bot.quality.fit_gate`: fit the answer gate on the pooled blind batches.

Every question of the tuning batches (never the holdout) is matched; its features are the
matcher's evidence for the top entry, its label whether that entry's answer holds every fact
the question's writer asked for (declines: never right). A logistic model is fitted with
leave-one-batch-out cross-validation: thresholds and the confidence mapping come from the
out-of-fold probabilities, so they describe questions the model had not seen; the shipped
coefficients are then fitted on all the batches. It writes `bot/answer/gate.json` and prints
what it measured. Several-question messages and safety messages are left out (their parts and
their detector are judged elsewhere).
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from bot.answer import Answerer, build_answerer
from bot.answer.answerer import Match, reading_window
from bot.answer.entry_words import ENTRY_WORDS_FILE, EntryWords
from bot.answer.gate import FEATURES, GATE_FILE, Gate
from bot.answer.injection import tries_to_instruct
from bot.answer.safety import reports_a_find
from bot.config import PROJECT_ROOT
from bot.quality.blind import HOLDOUT, KHMER, BlindItem, judge, load_batches, matches
from bot.quality.fit_entry_words import Labelled, left_out
from bot.quality.fit_entry_words import fit as fit_entry_words

#: out of fold, answers may be wrong for at most this share of the answerable questions and
#: false for at most this share of the messages to decline (the targets of the answer-quality
#: issue); the threshold answers the most questions right within both
WRONG_TARGET = 0.03
FALSE_TARGET = 0.05
#: the confidence a reply carries is the lower bound of its band's share right, one-sided 95 %
CONFIDENCE_Z = 1.645
#: where no threshold meets both, a wrong or false answer costs this many right ones
WRONG_COST = 2.5
#: L2 penalty on the standardized coefficients
RIDGE = 1.0
_ENTRY_WORDS = FEATURES.index("entry_words")


@dataclass(frozen=True)
class Row:
    """One question: its batch, features and whether the top entry was right."""

    batch: str
    features: tuple[float, ...]
    right: bool
    answerable: bool
    #: the normalized text the gate judged and the entry it put first (for `entry_words`)
    text: str = ""
    entry_id: str = ""

    def labelled(self) -> Labelled:
        """The row as the entry-words fitting reads it."""
        return Labelled(self.batch, self.text, self.entry_id, self.right)

    def with_entry_words(self, value: float) -> Row:
        """The row with its `entry_words` feature replaced (by an out-of-sample value)."""
        features = list(self.features)
        features[_ENTRY_WORDS] = value
        return replace(self, features=tuple(features))


def _content_match(answerer: Answerer, text: str) -> Match | None:
    """The part of a message the engine would answer: the best-scoring segment that is not
    small talk (or the whole message)."""
    window = reading_window(text)
    best: Match | None = None
    for segment in answerer.normalizer.segments(window) or [window]:
        match = answerer.match(segment)
        if match is None or not match.candidates:
            continue
        entry = answerer.kb.get(match.candidates[0].entry_id)
        if entry is not None and entry.kind == "about":
            continue
        if best is None or match.candidates[0].score > best.candidates[0].score:
            best = match
    return best or answerer.match(window)


def _fitted(item: BlindItem) -> bool:
    """Several-question messages and safety messages are judged elsewhere, and a message
    that tries to instruct the bot is declined before the gate sees it."""
    return not (
        item.kind == "multi"
        or item.expect == "safety"
        or reports_a_find(item.q)
        or tries_to_instruct(item.q)
    )


def rows_for(answerer: Answerer, batch: str, items: Sequence[BlindItem]) -> list[Row]:
    """The fitting rows of one batch."""
    rows = []
    for item in items:
        if not _fitted(item):
            continue
        match = _content_match(answerer, item.q)
        if match is None or match.evidence is None or match.rule is not None:
            continue
        entry = answerer.kb.get(match.candidates[0].entry_id)
        right = (
            item.expect == "answer"
            and entry is not None
            and entry.kind != "about"
            and matches(entry.answer, item.facts)
        )
        rows.append(
            Row(
                batch,
                match.evidence.values,
                right,
                item.expect == "answer",
                match.normalized,
                match.candidates[0].entry_id,
            )
        )
    return rows


def gold_rows(answerer: Answerer, folder: Path) -> list[Row]:
    """The gold set as fitting rows (labelled by entry id; several-question items left out)."""
    from bot.quality.evaluation import load_gold

    rows = []
    for item in load_gold(folder):
        if item.category == "multi" or reports_a_find(item.q) or tries_to_instruct(item.q):
            continue
        match = _content_match(answerer, item.q)
        if match is None or match.evidence is None or match.rule is not None:
            continue
        right = item.expect is not None and match.candidates[0].entry_id in item.expect
        rows.append(
            Row(
                "gold",
                match.evidence.values,
                right,
                item.expect is not None,
                match.normalized,
                match.candidates[0].entry_id,
            )
        )
    return rows


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the Newton step's small system)."""
    n = len(vector)
    a = [[*row, vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        if abs(a[col][col]) < 1e-12:
            continue
        for r in range(n):
            if r != col:
                factor = a[r][col] / a[col][col]
                for c in range(col, n + 1):
                    a[r][c] -= factor * a[col][c]
    return [a[i][n] / a[i][i] if abs(a[i][i]) > 1e-12 else 0.0 for i in range(n)]


def fit_logistic(rows: Sequence[Row], ridge: float = RIDGE) -> tuple[list[float], float]:
    """L2-regularised logistic regression by Newton's method; (weights, bias) on raw features."""
    k = len(FEATURES)
    means = [sum(r.features[j] for r in rows) / len(rows) for j in range(k)]
    stds = [
        math.sqrt(sum((r.features[j] - means[j]) ** 2 for r in rows) / len(rows)) or 1.0
        for j in range(k)
    ]
    xs = [[1.0] + [(r.features[j] - means[j]) / stds[j] for j in range(k)] for r in rows]
    ys = [1.0 if r.right else 0.0 for r in rows]
    beta = [0.0] * (k + 1)
    for _ in range(50):
        grad = [0.0] * (k + 1)
        hess = [[0.0] * (k + 1) for _ in range(k + 1)]
        for x, y in zip(xs, ys, strict=True):
            z = sum(b * v for b, v in zip(beta, x, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))
            w = p * (1 - p)
            for i in range(k + 1):
                grad[i] += (p - y) * x[i]
                for j in range(i, k + 1):
                    hess[i][j] += w * x[i] * x[j]
        for i in range(1, k + 1):
            grad[i] += ridge * beta[i]
            hess[i][i] += ridge
        for i in range(k + 1):
            for j in range(i):
                hess[i][j] = hess[j][i]
        step = _solve(hess, grad)
        beta = [b - s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-8:
            break
    weights = [beta[j + 1] / stds[j] for j in range(k)]
    bias = beta[0] - sum(beta[j + 1] * means[j] / stds[j] for j in range(k))
    return weights, bias


def _probability(weights: Sequence[float], bias: float, features: Sequence[float]) -> float:
    z = bias + sum(w * x for w, x in zip(weights, features, strict=True))
    return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


def stacked(rows: Sequence[Row]) -> list[Row]:
    """The rows with each `entry_words` value from weights fitted without the row's batch:
    the gate's coefficient for it must be learned on values like those people's questions
    will get, not on the flattering ones of questions the weights were fitted on."""
    values = left_out([r.labelled() for r in rows])
    return [r.with_entry_words(v) for r, v in zip(rows, values, strict=True)]


@dataclass(frozen=True)
class Fold:
    """The gate's coefficients and the per-entry words, fitted without one batch."""

    weights: list[float]
    bias: float
    words: EntryWords

    def gate(self, answer_at: float, clarify_at: float) -> Gate:
        """A gate of these coefficients whose confidence is its probability (no mapping yet:
        the mapping is what the answers it gives will measure)."""
        return Gate(
            features=FEATURES,
            weights=tuple(self.weights),
            bias=self.bias,
            answer_at=answer_at,
            clarify_at=clarify_at,
        )


def folds(rows: Sequence[Row]) -> dict[str, Fold]:
    """Leave one batch out: for each batch, the gate and per-entry words fitted on the others
    (nested: the training rows' `entry_words` are themselves left out within them)."""
    out = {}
    for batch in sorted({r.batch for r in rows}):
        train = stacked([r for r in rows if r.batch != batch])
        weights, bias = fit_logistic(train)
        out[batch] = Fold(weights, bias, fit_entry_words([r.labelled() for r in train]))
    return out


def out_of_fold(
    rows: Sequence[Row], by_batch: Mapping[str, Fold] | None = None
) -> list[tuple[float, Row]]:
    """Each row's probability from a gate, and per-entry words, that never saw its batch."""
    by_batch = by_batch if by_batch is not None else folds(rows)
    out = []
    for r in rows:
        fold = by_batch[r.batch]
        held = r.with_entry_words(fold.words.logit(r.entry_id, r.text))
        out.append((_probability(fold.weights, fold.bias, held.features), held))
    return out


def answers_given(
    answerer: Answerer, gate: Gate, words: EntryWords, batch: str, items: Sequence[BlindItem]
) -> list[tuple[float, Row]]:
    """Every answer the gate decided for a batch's messages, as the bot gives it (several
    parts, the story around a question, follow-up readings: not the fitting's one row per
    message): (its confidence before any mapping, whether it was right). Safety advice and
    small talk are left out: the gate does not decide them."""
    bot = Answerer(
        answerer.kb,
        answerer.policy,
        matcher=answerer.matcher,
        gate=gate.model_copy(update={"calibration": ((0.0, 0.0), (1.0, 1.0))}),
        khmer_gate=answerer.khmer_gate,
        entry_words=words,
    )
    out = []
    for item in items:
        reply = bot.ask(item.q)
        shown = [p for p in reply.shown if p.answered]
        if not shown or any(p.entry is None or p.entry.kind in ("safety", "about") for p in shown):
            continue
        right = judge(item, reply) == "right"
        out.append((reply.confidence, Row(batch, (), right, item.expect == "answer")))
    return out


def choose_threshold(scored: Sequence[tuple[float, Row]], answerable: int, declines: int) -> float:
    """The answer threshold that answers the most questions right while, out of fold, wrong
    answers stay within WRONG_TARGET of the answerable questions and false answers within
    FALSE_TARGET of the messages to decline (the answer-quality issue's targets). Where no
    threshold meets both, the one with the best right-minus-WRONG_COST-per-miss balance.

    `answerable` and `declines` count every such message of the batches, those a rule
    declined before the gate included, so the rates mean what the eval's rates mean."""
    best, best_right = None, -1
    fallback, fallback_utility = 0.5, -math.inf
    for step in range(20, 100):
        t = step / 100
        answered = [r for p, r in scored if p >= t]
        right = sum(r.right for r in answered)
        wrong = sum(r.answerable and not r.right for r in answered)
        false = sum(not r.answerable for r in answered)
        within = wrong <= WRONG_TARGET * answerable and false <= FALSE_TARGET * declines
        if within and right > best_right:
            best, best_right = t, right
        utility = right - WRONG_COST * (wrong + false)
        if utility > fallback_utility:
            fallback, fallback_utility = t, utility
    return best if best is not None else fallback


def wilson_lower(right: int, n: int, z: float = CONFIDENCE_Z) -> float:
    """The lower bound of the share right that `right` of `n` supports (Wilson score
    interval, one-sided at z): 59 right of 59 is evidence for 0.96, not for 1.0.

    >>> round(wilson_lower(59, 59), 3)
    0.956
    """
    if n == 0:
        return 0.0
    share = right / n
    centre = share + z * z / (2 * n)
    spread = z * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n))
    return max(0.0, (centre - spread) / (1 + z * z / n))


def calibration_points(scored: Sequence[tuple[float, Row]], bins: int = 8) -> list[list[float]]:
    """(probability, share right) by equal-count bins, made monotonic (pool adjacent), each
    share the Wilson lower bound of its bin: a confidence says at least what it claims."""
    ordered = sorted(scored, key=lambda pr: pr[0])
    size = max(1, len(ordered) // bins)
    pools: list[tuple[float, int, int]] = []  # (sum of probabilities, right, n)
    for i in range(0, len(ordered), size):
        chunk = ordered[i : i + size]
        pools.append((sum(p for p, _ in chunk), sum(r.right for _, r in chunk), len(chunk)))
    merged = True
    while merged:  # pool adjacent violators: the mapping must never go down
        merged = False
        for i in range(len(pools) - 1):
            (sa, ra, na), (sb, rb, nb) = pools[i], pools[i + 1]
            if ra / na > rb / nb:
                pools[i : i + 2] = [(sa + sb, ra + rb, na + nb)]
                merged = True
                break
    points = [[total / n, wilson_lower(right, n)] for total, right, n in pools]
    for i in range(1, len(points)):  # lower bounds of pooled bins may still dip: keep monotone
        points[i][1] = max(points[i][1], points[i - 1][1])
    last = round(points[-1][1], 4)
    return [[0.0, 0.0], *[[round(x, 4), round(y, 4)] for x, y in points], [1.0, last]]


def _reliability(given: Sequence[tuple[float, Row]]) -> str:
    """How often answers were right by their confidence before the mapping (for the report)."""
    parts = []
    for at in (0.9, 0.95, 0.97):
        band = [r.right for p, r in given if p >= at]
        parts.append(f">= {at}: {sum(band)} of {len(band)} right")
    return f"{len(given)} answers given out of fold; " + ", ".join(parts)


def recalibrate(answerer: Answerer, blind: Path, out: Path, *, dry_run: bool = False) -> int:
    """The shipped gate, its confidence mapping measured again on the answers it gives the
    batches it was not fitted on: there its probabilities are out of sample as they are for
    people's questions, so the confidence a reply carries says what share of such answers
    were right."""
    gate = Gate.load(out if out.exists() else GATE_FILE)
    listed = gate.provenance.get("fitted_on", [])
    fitted = {str(name) for name in listed} if isinstance(listed, list) else set()
    fresh = {
        name: items
        for name, items in load_batches(blind).items()
        if name not in fitted and name != HOLDOUT and not name.startswith(KHMER)
    }
    if not fresh:
        print("no blind batch the gate was not fitted on: nothing to measure", file=sys.stderr)
        return 1
    words_file = out.with_name(ENTRY_WORDS_FILE.name)
    words = EntryWords.load(words_file if words_file.exists() else ENTRY_WORDS_FILE)
    given = [
        pair
        for name, items in fresh.items()
        for pair in answers_given(answerer, gate, words, name, items)
    ]
    points = calibration_points(given)
    print(f"{', '.join(sorted(fresh))}: {_reliability(given)}", file=sys.stderr)
    print(f"calibration {points}", file=sys.stderr)
    updated = gate.model_copy(
        update={
            "calibration": tuple((x, y) for x, y in points),
            "provenance": {**gate.provenance, "calibrated_on": sorted(fresh)},
        }
    )
    if not dry_run:
        updated.dump(out)
        print(f"wrote {out}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Fit, report, and write the gate."""
    parser = argparse.ArgumentParser(prog="python -m bot.quality.fit_gate")
    parser.add_argument("--blind", type=Path, default=PROJECT_ROOT / "eval" / "blind")
    parser.add_argument("--out", type=Path, default=GATE_FILE)
    parser.add_argument("--dry-run", action="store_true", help="report only, write nothing")
    parser.add_argument(
        "--recalibrate",
        action="store_true",
        help="keep the shipped coefficients and thresholds; measure the confidence mapping "
        "again on the blind batches written after they were fitted (those not in its "
        "provenance's fitted_on; never the holdout), where its probabilities are out of sample",
    )
    parser.add_argument(
        "--without-gold",
        action="store_true",
        help="fit the coefficients on the blind batches alone (by default the gold set joins "
        "the fitting as one more fold; thresholds and calibration always come from the blind "
        "batches' out-of-fold probabilities)",
    )
    args = parser.parse_args(argv)
    answerer = build_answerer(PROJECT_ROOT / "knowledge", PROJECT_ROOT / "seeds")
    if args.recalibrate:
        return recalibrate(answerer, args.blind, args.out, dry_run=args.dry_run)
    tuning = {
        name: items
        for name, items in load_batches(args.blind).items()
        if name != HOLDOUT and not name.startswith(KHMER)
    }
    rows: list[Row] = [
        row for name, items in tuning.items() for row in rows_for(answerer, name, items)
    ]
    if not args.without_gold:
        rows += gold_rows(answerer, PROJECT_ROOT / "eval" / "gold")
    by_batch = folds(rows)
    scored = [(p, r) for p, r in out_of_fold(rows, by_batch) if r.batch != "gold"]
    answerable = declines = 0
    for items in tuning.values():
        # every decline counts (those declined before the gate were declined right)
        answerable += sum(i.expect == "answer" and _fitted(i) for i in items)
        declines += sum(i.expect == "decline" for i in items)
    answer_at = choose_threshold(scored, answerable, declines)
    clarify_at = round(answer_at / 3, 2)
    answered = [r for p, r in scored if p >= answer_at]
    print(f"{len(rows)} rows from {len({r.batch for r in rows})} folds", file=sys.stderr)
    print(
        f"out of fold at answer_at={answer_at:.2f}: {len(answered)} answered, "
        f"{sum(r.right for r in answered)} right, {sum(not r.right for r in answered)} wrong; "
        f"top entry right for {sum(r.right for _, r in scored)} of {len(scored)} blind rows",
        file=sys.stderr,
    )
    # the confidence mapping: from every answer the bot gives each batch's messages with the
    # gate fitted without that batch (the rows above are one question per message; answers
    # of several parts, read with a story or with the part before, are judged whole)
    given = [
        pair
        for name, items in tuning.items()
        for pair in answers_given(
            answerer,
            by_batch[name].gate(answer_at, clarify_at),
            by_batch[name].words,
            name,
            items,
        )
    ]
    print(_reliability(given), file=sys.stderr)
    words = fit_entry_words([r.labelled() for r in rows])
    weights, bias = fit_logistic(stacked(rows))
    gate = Gate(
        features=FEATURES,
        weights=tuple(round(w, 6) for w in weights),
        bias=round(bias, 6),
        answer_at=answer_at,
        clarify_at=clarify_at,
        calibration=tuple((x, y) for x, y in calibration_points(given)),
        provenance={
            "fitted_on": sorted({r.batch for r in rows}),
            "thresholds_from": "out-of-fold probabilities of the blind batches",
            "calibration_from": "the answers given to each blind batch by the gate fitted "
            "without it",
            "rows": len(rows),
            "cross_validation": "leave one batch out",
            "wrong_target": WRONG_TARGET,
            "false_target": FALSE_TARGET,
            "ridge": RIDGE,
        },
    )
    for name, w in zip(FEATURES, gate.weights, strict=True):
        print(f"  {name:<15} {w:+.3f}", file=sys.stderr)
    if not args.dry_run:
        gate.dump(args.out)
        words_out = args.out.with_name(ENTRY_WORDS_FILE.name)
        words.model_copy(
            update={"provenance": {**words.provenance, "fitted_on": gate.provenance["fitted_on"]}}
        ).dump(words_out)
        print(f"wrote {args.out} and {words_out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

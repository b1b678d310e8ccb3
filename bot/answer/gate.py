"""The decision learned out of sample: how likely is the top entry to be the right answer?

A small logistic model over what the matcher measured (scores, margin, coverage, unknown
words...) gives that probability; thresholds on it decide between answering, asking back and
declining. Its coefficients are data (`gate.json` beside this module), fitted by
`python -m bot.quality.fit_gate` on the pooled blind batches (never on the holdout) with
cross-validation, so that the confidence a reply carries means what it says on questions
nobody here wrote. A hand-tuned gate fitted to the gold set learned the style of the hands
that wrote the alternates; this one is measured on other people's questions.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.answer.khmer import KhmerCandidate
from bot.answer.matcher import Candidate, Query

GATE_FILE = Path(__file__).with_name("gate.json")
#: the Khmer thresholds, measured on Khmer questions (`python -m bot.quality.fit_km_gate`)
KHMER_GATE_FILE = Path(__file__).with_name("gate_km.json")

#: the features, in the order of the coefficients
FEATURES: tuple[str, ...] = (
    "score",
    "margin",
    "recall",
    "precision",
    "char",
    "coverage",
    "overlap",
    "unknown",
    "content_words",
    "function_words",
    "related",
    "small_talk",
    "exact",
    "agree_coverage",
    "agree_char",
    "agree_overlap",
    "uncovered",
    "in_answer",
    "focus_found",
    "entry_words",
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the matcher found for one question, as the gate's features."""

    values: tuple[float, ...]

    def as_dict(self) -> dict[str, float]:
        """Feature name -> value, for reports and fitting."""
        return dict(zip(FEATURES, self.values, strict=True))


def evidence(
    query: Query,
    candidates: Sequence[Candidate],
    *,
    related: bool,
    small_talk: bool,
    exact_at: float,
    focus_found: float = 0.5,
    entry_words: float = 0.0,
) -> Evidence:
    """The features of the top candidate against its runner-up."""
    top = candidates[0]
    runner_up = candidates[1].score if len(candidates) > 1 else 0.0
    content = sum(1 for t in query.tokens if not t.isdigit())
    # a second opinion: would ranking by one signal alone pick the same entry?
    by_coverage = max(candidates, key=lambda c: c.coverage)
    by_char = max(candidates, key=lambda c: c.char)
    by_overlap = max(candidates, key=lambda c: c.overlap)
    return Evidence(
        (
            top.score,
            top.score - runner_up,
            top.recall,
            top.precision,
            top.char,
            top.coverage,
            top.overlap,
            query.unknown_share,
            min(content, 8) / 8,
            float(query.has_function_words),
            float(related),
            float(small_talk),
            float(top.score >= exact_at),
            float(by_coverage.entry_id == top.entry_id),
            float(by_char.entry_id == top.entry_id),
            float(by_overlap.entry_id == top.entry_id),
            top.uncovered,
            top.in_answer,
            focus_found,
            entry_words,
        )
    )


class Gate(BaseModel):
    """Logistic coefficients, decision thresholds and the confidence mapping."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    #: answer from this probability up; ask back from `clarify_at`; below it, decline
    answer_at: float = Field(ge=0, le=1)
    clarify_at: float = Field(ge=0, le=1)
    #: (probability, share right) points measured out of sample; linear in between
    calibration: tuple[tuple[float, float], ...] = ((0.0, 0.0), (1.0, 1.0))
    #: how it was fitted: data, folds, figures (for people, not for the code)
    provenance: dict[str, object] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> Gate:
        if self.features != FEATURES:
            raise ValueError(f"gate features {self.features} != the engine's {FEATURES}")
        if len(self.weights) != len(self.features):
            raise ValueError("one weight per feature")
        if self.clarify_at > self.answer_at:
            raise ValueError("clarify_at must not exceed answer_at")
        return self

    def probability(self, evidence: Evidence) -> float:
        """The model's probability that the top entry is right."""
        z = self.bias + sum(w * x for w, x in zip(self.weights, evidence.values, strict=True))
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))

    def confidence(self, probability: float) -> float:
        """The share of answers right at this probability, as measured out of sample.

        >>> Gate.neutral().confidence(0.25)
        0.25
        """
        xs = [x for x, _ in self.calibration]
        i = bisect_right(xs, probability)
        if i == 0:
            return self.calibration[0][1]
        if i == len(xs):
            return self.calibration[-1][1]
        (x0, y0), (x1, y1) = self.calibration[i - 1], self.calibration[i]
        share = y0 if x1 == x0 else y0 + (y1 - y0) * (probability - x0) / (x1 - x0)
        return round(min(max(share, 0.0), 1.0), 4)

    @classmethod
    def neutral(cls) -> Gate:
        """A gate that trusts the raw score alone: for tests and before any fitting."""
        weights = tuple(8.0 if name == "score" else 0.0 for name in FEATURES)
        return cls(features=FEATURES, weights=weights, bias=-5.0, answer_at=0.5, clarify_at=0.2)

    @classmethod
    def load(cls, path: Path = GATE_FILE) -> Gate:
        """The shipped gate (raises on a missing or inconsistent file: it ships with the code)."""
        return cls.model_validate(json.loads(path.read_text(encoding="utf-8")))

    def dump(self, path: Path, extra: Mapping[str, object] | None = None) -> None:
        """Write the gate as JSON (what `fit_gate` ships)."""
        data = self.model_dump(mode="json")
        if extra:
            data["provenance"] = {**data["provenance"], **extra}
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def _interpolate(points: Sequence[tuple[float, float]], x: float) -> float:
    xs = [p for p, _ in points]
    i = bisect_right(xs, x)
    if i == 0:
        return points[0][1]
    if i == len(xs):
        return points[-1][1]
    (x0, y0), (x1, y1) = points[i - 1], points[i]
    share = y0 if x1 == x0 else y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return round(min(max(share, 0.0), 1.0), 4)


class KhmerGate(BaseModel):
    """The Khmer decision: thresholds on the Khmer index's score and its lead.

    The English gate's features come from the English matcher and its coefficients from
    English questions; the Khmer index measures other things (character n-grams), so Khmer
    gets its own thresholds, measured on Khmer questions and kept as data beside the English
    gate (`gate_km.json`, written by `python -m bot.quality.fit_km_gate`).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    #: answer when the top entry scores this much and leads the runner-up by `min_margin`
    answer_at: float = Field(ge=0, le=1)
    min_margin: float = Field(default=0.0, ge=0, le=1)
    #: ask back from this score; below it, decline
    clarify_at: float = Field(ge=0, le=1)
    #: (score, share right) points measured on the Khmer questions; linear in between
    calibration: tuple[tuple[float, float], ...] = ((0.0, 0.0), (1.0, 1.0))
    #: the English gate's answer threshold for a Khmer message read in English through the
    #: Khmer glossary (None: the English gate's own); chosen by `fit_km_gate --cross-check`
    glossary_answer_at: float | None = Field(default=None, ge=0, le=1)
    provenance: dict[str, object] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> KhmerGate:
        if self.clarify_at > self.answer_at:
            raise ValueError("clarify_at must not exceed answer_at")
        return self

    def decide(
        self, candidates: Sequence[KhmerCandidate]
    ) -> tuple[Literal["answered", "clarify", "declined"], float]:
        """(status, confidence) for ranked Khmer candidates."""
        if not candidates:
            return "declined", 0.0
        top = candidates[0].score
        lead = top - (candidates[1].score if len(candidates) > 1 else 0.0)
        confidence = _interpolate(self.calibration, top)
        named_elsewhere = bool(candidates[0].missing)  # it names what the entry is not about
        if top >= self.answer_at and lead >= self.min_margin and not named_elsewhere:
            return "answered", confidence
        if top >= self.clarify_at:
            return "clarify", min(confidence, 0.5)
        return "declined", min(confidence, 0.5)

    def confidence(self, score: float) -> float:
        """The share of answers that were right at this score where it was measured."""
        return _interpolate(self.calibration, score)

    @classmethod
    def neutral(cls) -> KhmerGate:
        """Middle-of-the-road thresholds: for tests and before any measurement."""
        return cls(answer_at=0.6, clarify_at=0.35)

    @classmethod
    def load(cls, path: Path = KHMER_GATE_FILE) -> KhmerGate:
        """The shipped Khmer thresholds (raises on a missing or inconsistent file)."""
        return cls.model_validate(json.loads(path.read_text(encoding="utf-8")))

    def dump(self, path: Path) -> None:
        """Write the thresholds as JSON (what `fit_km_gate` ships)."""
        data = self.model_dump(mode="json")
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

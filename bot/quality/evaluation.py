"""`python -m bot eval`: score the engine on the labelled gold set in tests/eval/.

The gold questions are written the way people type in Discord and independently of the
knowledge base's own phrasings, so the score says how the bot does on questions it has not
seen. Two families:

* answerable (`expect: <entry id>` or a list of acceptable ids): top-1 accuracy is the share
  answered with an acceptable entry; the wrong-answer rate is the share answered with another.
* unanswerable (`expect: null`): the decline accuracy is the share not answered; the
  false-answer rate is the share answered anyway.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.answer.answerer import Answerer, Reply

MIN_ACCURACY = 0.70
MAX_FALSE_ANSWER_RATE = 0.05


class GoldItem(BaseModel):
    """A gold-set question labelled with the entry (or entries) that answer it, or none."""
    model_config = ConfigDict(extra="forbid", frozen=True)

    q: str = Field(min_length=1)
    expect: tuple[str, ...] | None
    category: str = "general"

    @field_validator("expect", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


def load_gold(path: Path) -> list[GoldItem]:
    """Every gold item in a file or a folder of YAML files."""
    items: list[GoldItem] = []
    for file in sorted(path.glob("*.yaml")) if path.is_dir() else [path]:
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or []
        items += [GoldItem.model_validate(raw) for raw in data]
    return items


@dataclass
class Tally:
    """Counts for one family or category of gold questions."""
    total: int = 0
    correct: int = 0  # answered with an acceptable entry / declined an unanswerable one
    wrong: int = 0  # answered with a wrong entry / answered an unanswerable one

    def rate(self, n: int) -> float:
        """`n` as a share of the total."""
        return n / self.total if self.total else 0.0


@dataclass
class EvalResult:
    """Everything `eval` reports on the gold set."""
    answerable: Tally = field(default_factory=Tally)
    unanswerable: Tally = field(default_factory=Tally)
    by_category: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    failures: list[tuple[GoldItem, Reply]] = field(default_factory=list)
    calibration: dict[int, list[bool]] = field(default_factory=lambda: defaultdict(list))

    @property
    def accuracy(self) -> float:
        """Share of answerable questions answered with an acceptable entry."""
        return self.answerable.rate(self.answerable.correct)

    @property
    def wrong_answer_rate(self) -> float:
        """Share of answerable questions answered with another entry."""
        return self.answerable.rate(self.answerable.wrong)

    @property
    def decline_accuracy(self) -> float:
        """Share of unanswerable questions not answered."""
        return self.unanswerable.rate(self.unanswerable.correct)

    @property
    def false_answer_rate(self) -> float:
        """Share of unanswerable questions answered anyway."""
        return self.unanswerable.rate(self.unanswerable.wrong)

    @property
    def passes(self) -> bool:
        """True when the gold set's floors hold."""
        return self.accuracy >= MIN_ACCURACY and self.false_answer_rate <= MAX_FALSE_ANSWER_RATE


def evaluate(answerer: Answerer, items: list[GoldItem]) -> EvalResult:
    """Ask every gold question and tally the replies."""
    result = EvalResult()
    for item in items:
        reply = answerer.ask(item.q)
        got = reply.entry.id if reply.answered and reply.entry else None
        family = result.answerable if item.expect else result.unanswerable
        category = result.by_category[
            ("answerable/" if item.expect else "unanswerable/") + item.category
        ]
        for tally in (family, category):
            tally.total += 1
        if item.expect:
            ok = got in item.expect
            bad = got is not None and not ok
        else:
            ok = got is None
            bad = got is not None
        if got is not None:
            result.calibration[min(int(reply.score * 10), 9)].append(ok)
        for tally in (family, category):
            tally.correct += ok
            tally.wrong += bad
        if not ok:
            result.failures.append((item, reply))
    return result


def pct(x: float) -> str:
    """A share as a fixed-width percentage."""
    return f"{100 * x:5.1f}%"


def format_result(result: EvalResult, show_failures: bool = True) -> str:
    """The gold-set figures, per category, and the misses."""
    lines = [
        f"answerable questions:   {result.answerable.total}",
        f"  top-1 accuracy:       {pct(result.accuracy)}   (floor {pct(MIN_ACCURACY)})",
        f"  wrong-answer rate:    {pct(result.wrong_answer_rate)}",
        f"unanswerable questions: {result.unanswerable.total}",
        f"  decline accuracy:     {pct(result.decline_accuracy)}",
        f"  false-answer rate:    {pct(result.false_answer_rate)}   "
        f"(ceiling {pct(MAX_FALSE_ANSWER_RATE)})",
        "",
        "per category                      n   correct   wrong",
    ]
    for name in sorted(result.by_category):
        t = result.by_category[name]
        lines.append(
            f"  {name:<30} {t.total:>3}   {pct(t.rate(t.correct))}  {pct(t.rate(t.wrong))}"
        )
    lines += [
        "",
        "answered replies by raw score (band: n, share correct; the points behind "
        "ANSWERED_CALIBRATION)",
    ]
    for band in sorted(result.calibration):
        oks = result.calibration[band]
        lines.append(
            f"  {band / 10:.1f}-{(band + 1) / 10:.1f}: {len(oks):>3}  {pct(sum(oks) / len(oks))}"
        )
    if show_failures and result.failures:
        lines += ["", "misses:"]
        for item, reply in result.failures:
            got = reply.entry.id if reply.answered and reply.entry else f"({reply.status})"
            want = "/".join(item.expect) if item.expect else "(decline)"
            near = ", ".join(s.id for s in reply.suggestions[:3])
            lines.append(
                f"  [{item.category}] {item.q!r}: want {want}, got {got} "
                f"score {reply.score:.2f} {reply.reason}"
                + (f" [suggested: {near}]" if near else "")
            )
    lines += ["", "PASS" if result.passes else "FAIL: below the floors"]
    return "\n".join(lines)

"""Blind batches: questions written by people who never saw `knowledge/` nor the gold set,
labelled by the facts a right answer must contain (regular expressions), not by entry ids.

Facts survive entries being split, merged or renamed, and they judge what the person is
shown: an answer is right only when every fact regex matches its text. The holdout batch
(`holdout.yaml`) is never tuned on; it is reported on its own, with a reliability table (of
the answers given with confidence >= 0.9, how many were right).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.answer import Answerer, Reply
from bot.answer.messages import languages_notice

HOLDOUT = "holdout"
Expect = Literal["answer", "decline", "safety"]
#: what the official safety advice always says; a safety message is right when the reply does
SAFETY_FACTS = (
    r"\b(do not|don't|never)\b[^.]{0,60}\b(touch|pick|handle|move)",
    r"\breport",
)
#: floors `make test` keeps on the blind batches pooled (all but the holdout) and on the
#: holdout alone: a change that loses ground on questions nobody here wrote fails the build
FLOORS = {"right": 0.65, "wrong": 0.05, "false_answers": 0.08, "safety": 0.85}
#: the tuning batches pooled: the gate and the safety model were fitted on them, so more must
#: be right, and nearly all finds must get the advice
POOLED_FLOORS = {**FLOORS, "right": 0.70, "safety": 0.97}
#: batches whose names start with this are in Khmer: judged on the English text of the entry
#: answered (the Khmer answer says the same), reported apart, with floors of their own
KHMER = "km"
KHMER_FLOORS = {"right": 0.75, "wrong": 0.06, "false_answers": 0.15, "safety": 0.95}
#: confidence bands of the reliability table, and the auto-answer threshold
RELIABLE_AT = 0.9
AUTO_ANSWER_AT = 0.97


class BlindItem(BaseModel):
    """One labelled message of a blind batch."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    q: str = Field(min_length=1)
    kind: str
    expect: Expect
    facts: tuple[str, ...] = ()
    gist: str | None = None
    en: str | None = None  # an English translation, for batches in other languages

    @field_validator("facts")
    @classmethod
    def _compiles(cls, facts: tuple[str, ...]) -> tuple[str, ...]:
        for fact in facts:
            re.compile(fact)
        return facts


def load_batch(path: Path) -> list[BlindItem]:
    """Every item of one batch file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [BlindItem.model_validate(raw) for raw in data]


def load_batches(folder: Path) -> dict[str, list[BlindItem]]:
    """Batch name (file stem) -> items, for every batch in `folder`, holdout last."""
    files = sorted(folder.glob("*.yaml"), key=lambda f: (f.stem == HOLDOUT, f.stem))
    return {f.stem: load_batch(f) for f in files}


def shown_text(reply: Reply) -> str | None:
    """The answer text a person is shown, or None when the bot did not answer. "I have no
    sourced status for that country, and I don't guess" (reason `no-status`) is shown as an
    entry, but it declines: it states nothing about the country asked about."""
    answers = [
        p.entry.answer
        for p in reply.shown
        if p.answered and p.entry is not None and p.reason != "no-status"
    ]
    return "\n\n".join(answers) if answers else None


def matches(text: str, facts: tuple[str, ...] | list[str]) -> bool:
    """Every fact regex is found in `text` (case-insensitive)."""
    return all(re.search(fact, text, re.IGNORECASE) for fact in facts)


Verdict = Literal["right", "wrong", "held", "declined", "false-answer"]


def judge(item: BlindItem, reply: Reply) -> Verdict:
    """right / wrong / held (answerable, not answered) / declined / false-answer."""
    text = shown_text(reply)
    if item.expect == "decline":
        return "declined" if text is None else "false-answer"
    if text is None and item.expect == "safety" and reply.reason == "other-language":
        # the languages notice is all a message in another language gets, and it always
        # carries a line of safety advice: judge that line
        text = languages_notice(())
    if text is None:
        return "held"
    facts = SAFETY_FACTS if item.expect == "safety" else item.facts
    return "right" if matches(text, facts) else "wrong"


@dataclass
class BatchResult:
    """Counts for one batch (or several pooled)."""

    name: str
    n: int = 0
    answerable: int = 0
    right: int = 0
    wrong: int = 0
    to_decline: int = 0
    false_answers: int = 0
    safety: int = 0
    safety_right: int = 0
    #: answerable, held back, and the first suggestion offered was the right entry
    held_first_right: int = 0
    #: answers given in Khmer (the Khmer batch: a Khmer question gets the Khmer answer)
    in_khmer: int = 0
    by_kind: dict[str, list[Verdict]] = field(default_factory=lambda: defaultdict(list))
    #: (confidence, right) for every answer given
    answered: list[tuple[float, bool]] = field(default_factory=list)
    misses: list[tuple[BlindItem, Reply, Verdict]] = field(default_factory=list)

    def add(self, item: BlindItem, reply: Reply, verdict: Verdict) -> None:
        """Count one judged item."""
        self.n += 1
        self.by_kind[item.kind].append(verdict)
        if item.expect == "answer":
            self.answerable += 1
            self.right += verdict == "right"
            self.wrong += verdict == "wrong"
        elif item.expect == "safety":
            self.safety += 1
            self.safety_right += verdict == "right"
        else:
            self.to_decline += 1
            self.false_answers += verdict == "false-answer"
        if reply.answered:
            self.answered.append((reply.confidence, verdict == "right"))
        if verdict not in ("right", "declined"):
            self.misses.append((item, reply, verdict))

    @property
    def right_rate(self) -> float:
        """Share of answerable questions answered right."""
        return self.right / self.answerable if self.answerable else 0.0

    @property
    def wrong_rate(self) -> float:
        """Share of answerable questions answered with something wrong."""
        return self.wrong / self.answerable if self.answerable else 0.0

    @property
    def false_answer_rate(self) -> float:
        """Share of the messages to decline that were answered."""
        return self.false_answers / self.to_decline if self.to_decline else 0.0

    def reliability(self, at: float) -> tuple[int, int]:
        """(answers given with confidence >= at, of which right)."""
        given = [ok for conf, ok in self.answered if conf >= at]
        return len(given), sum(given)


def run_batch(answerer: Answerer, name: str, items: list[BlindItem]) -> BatchResult:
    """Ask every item of a batch and judge the replies."""
    result = BatchResult(name)
    for item in items:
        reply = answerer.ask(item.q)
        verdict = judge(item, reply)
        result.add(item, reply, verdict)
        result.in_khmer += any(p.answered and p.answer_lang == "km" for p in reply.shown)
        if verdict == "held" and reply.suggestions:
            first = answerer.kb.get(reply.suggestions[0].id)
            result.held_first_right += first is not None and matches(first.answer, item.facts)
    return result


def pooled(name: str, results: list[BatchResult]) -> BatchResult:
    """Several batches counted as one."""
    out = BatchResult(name)
    for r in results:
        for attr in (
            "n",
            "answerable",
            "right",
            "wrong",
            "to_decline",
            "false_answers",
            "safety",
            "safety_right",
            "held_first_right",
            "in_khmer",
        ):
            setattr(out, attr, getattr(out, attr) + getattr(r, attr))
        for kind, verdicts in r.by_kind.items():
            out.by_kind[kind] += verdicts
        out.answered += r.answered
        out.misses += r.misses
    return out


def shortfalls(results: list[BatchResult]) -> list[str]:
    """One line per floor missed, by the pooled tuning batches or by the holdout."""
    english = [r for r in results if r.name != HOLDOUT and not r.name.startswith(KHMER)]
    groups = [(pooled("blind batches (pooled)", english), POOLED_FLOORS)]
    groups += [(r, FLOORS) for r in results if r.name == HOLDOUT]
    groups += [(r, KHMER_FLOORS) for r in results if r.name.startswith(KHMER)]
    out = []
    for r, floors in groups:
        if not r.n:
            continue
        if r.answerable and r.right_rate < floors["right"]:
            out.append(f"FAIL {r.name}: right {r.right_rate:.1%} < floor {floors['right']:.0%}")
        if r.answerable and r.wrong_rate > floors["wrong"]:
            out.append(f"FAIL {r.name}: wrong {r.wrong_rate:.1%} > ceiling {floors['wrong']:.0%}")
        if r.to_decline and r.false_answer_rate > floors["false_answers"]:
            out.append(
                f"FAIL {r.name}: false answers {r.false_answer_rate:.1%} > ceiling "
                f"{floors['false_answers']:.0%}"
            )
        if r.safety and r.safety_right / r.safety < floors["safety"]:
            out.append(
                f"FAIL {r.name}: safety advice {r.safety_right} of {r.safety} < floor "
                f"{floors['safety']:.0%}"
            )
    return out


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    - "


def format_batches(results: list[BatchResult], *, show_misses: bool = False) -> str:
    """The per-batch table, the kinds, and the holdout's reliability table."""
    lines = [
        "blind batch                 n   answerable right   wrong  asked-back-right-first"
        "  |  decline false-ans  |  safety right"
    ]
    for r in results:
        right, wrong = _pct(r.right, r.answerable), _pct(r.wrong, r.answerable)
        first = _pct(r.held_first_right, r.answerable)
        answerable = f"{r.answerable:>4} {right} {wrong}   {first}"
        declines = f"{r.to_decline:>4}  {_pct(r.false_answers, r.to_decline)}"
        lines.append(
            f"  {r.name:<22} {r.n:>4}   {answerable}  |  {declines}"
            f"  |  {r.safety:>3} {_pct(r.safety_right, r.safety)}"
        )
    for r in results:
        if r.name.startswith("km"):
            answered = len(r.answered)
            lines.append(f"  {r.name}: {r.in_khmer} of {answered} answers given in Khmer")
    tuning = [r for r in results if r.name != HOLDOUT and not r.name.startswith(KHMER)]
    if tuning:
        every = pooled("all but holdout", tuning)
        lines.append("")
        lines.append("by kind (English, pooled, not the holdout)   n   right/declined")
        for kind in sorted(every.by_kind):
            verdicts = every.by_kind[kind]
            good = sum(v in ("right", "declined") for v in verdicts)
            lines.append(f"  {kind:<36} {len(verdicts):>4}   {_pct(good, len(verdicts))}")
    for r in results:
        if r.name != HOLDOUT:
            continue
        lines.append("")
        lines.append(f"reliability on the holdout ({len(r.answered)} answers given)")
        for at in (0.5, 0.7, RELIABLE_AT, AUTO_ANSWER_AT):
            given, correct = r.reliability(at)
            lines.append(
                f"  confidence >= {at:.2f}: {given:>4} answers, {_pct(correct, given)} right"
            )
    if show_misses:
        for r in results:
            if r.name == HOLDOUT:
                continue  # never read to tune: its misses are not printed
            lines += ["", f"misses in {r.name}:"]
            for item, reply, verdict in r.misses:
                got = reply.entry.id if reply.answered and reply.entry else reply.status
                near = ", ".join(s.id for s in reply.suggestions[:3])
                lines.append(
                    f"  [{item.kind}/{verdict}] {item.q!r}: got {got} {reply.confidence:.2f} "
                    f"{reply.reason}" + (f" [suggested: {near}]" if near else "")
                )
    return "\n".join(lines)

"""The answer policy: answer, ask back, or decline honestly.

A wrong confident answer is the worst thing this bot can do, so answering needs three things at
once: a high enough score (absolute gate), a clear lead over the runner-up entry (margin gate),
and a phrasing that covers most of what the question asked about (coverage gate: a question
with informative words that no phrasing of the entry has is about something else). Between
"sure" and "no idea" there is a band where the bot offers its best guesses instead.

Thresholds were tuned on the labelled gold set (`python -m bot eval`); the README records the
figures they give.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.answer.matcher import Candidate, Matcher
from bot.answer.normalize import Normalizer
from bot.kb.models import Entry, KnowledgeBase

Status = Literal["answered", "clarify", "declined"]

#: longest message the engine reads; longer ones get a polite "please shorten it"
MAX_QUESTION_CHARS = 1000


#: How often an answered reply was right, by raw score, on the gold set (`python -m bot eval`
#: prints the same table; refresh these points when it drifts). Linear in between.
ANSWERED_CALIBRATION: tuple[tuple[float, float], ...] = (
    (0.0, 0.0),
    (0.5, 0.7),
    (0.6, 0.82),
    (0.7, 0.96),
    (0.8, 0.985),
    (1.0, 0.995),
)
#: When a gate held the answer back, its top entry was still right about this often per unit
#: of score (0.2 at 0.65, 0.1 at 0.35 on the gold set).
HELD_BACK_FACTOR = 0.3


def calibrate(score: float, answered: bool) -> float:
    """Turn a raw match score into the estimated chance that the top entry is the right one.

    >>> calibrate(0.75, answered=True), calibrate(0.75, answered=False)
    (0.9725, 0.225)
    """
    score = min(max(score, 0.0), 1.0)
    if not answered:
        return round(min(HELD_BACK_FACTOR * score, 0.25), 4)
    for (x0, y0), (x1, y1) in pairwise(ANSWERED_CALIBRATION):
        if score <= x1:
            return round(y0 + (y1 - y0) * (score - x0) / (x1 - x0), 4)
    return ANSWERED_CALIBRATION[-1][1]


@dataclass(frozen=True)
class Policy:
    """The thresholds of the decision: when to answer, ask back or decline."""
    answer_at: float = 0.55  # absolute gate
    margin: float = 0.08  # lead over the runner-up entry
    min_recall: float = 0.4  # share of the question's weight the phrasing must cover
    soup_words: int = 4  # this many words and no function word: keywords, not a question
    max_unknown_share: float = 0.35  # words we have never seen carry this much: not ours
    related_at: float = 0.7  # a close call between linked entries is answered from here up
    keywords_recall: float = 0.9  # three keywords must all be found in the entry
    small_talk_recall: float = 0.85  # "who runs the cmaa" is not small talk about the bot
    clarify_at: float = 0.42  # below this, decline
    suggest_at: float = 0.3  # suggestions shown must reach this
    max_suggestions: int = 3
    exact_at: float = 0.9  # a near-verbatim phrasing: answer even if it is all small words

    def margin_needed(self, score: float) -> float:
        """The lead required over the runner-up shrinks as the top score nears certainty:
        two related entries both matching well is normal; the better one is then right."""
        span = self.exact_at - self.answer_at
        return (
            self.margin * min(1.0, max(0.0, (self.exact_at - score) / span))
            if span > 0
            else self.margin
        )


class Suggestion(BaseModel):
    """An entry offered instead of an answer, with its raw match score."""
    model_config = ConfigDict(frozen=True)

    id: str
    question: str
    score: float = Field(ge=0.0, le=1.0)


class Reply(BaseModel):
    """What the engine decided; every adapter renders this and nothing else."""

    model_config = ConfigDict(frozen=True)

    question: str
    status: Status
    entry: Entry | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    suggestions: tuple[Suggestion, ...] = ()
    reason: str = Field(
        description="why this status: confident, close-call, partial, "
        "keywords-only, weak, no-match, empty, too-long"
    )
    normalized: str = ""
    score: float = Field(
        default=0.0,
        ge=0.0,
        le=1.0,
        description="raw match score of the top entry, before calibration",
    )

    @property
    def answered(self) -> bool:
        """True when the reply carries an answer to show."""
        return self.status == "answered"


class Answerer:
    """Engine entry point: `answerer.ask(text) -> Reply`. Immutable and thread-safe."""

    def __init__(
        self, kb: KnowledgeBase, policy: Policy | None = None, matcher: Matcher | None = None
    ) -> None:
        self.kb = kb
        self.policy = policy or Policy()
        self.normalizer = Normalizer(kb.synonyms)
        self.matcher = matcher or Matcher.for_knowledge_base(kb, self.normalizer)

    def ask(self, text: str) -> Reply:
        """Reply to one message: answer it, ask back with suggestions, or decline."""
        if len(text) > MAX_QUESTION_CHARS:
            return Reply(
                question=text[:MAX_QUESTION_CHARS],
                status="declined",
                confidence=0.0,
                reason="too-long",
            )
        reply = self._decide(text)
        segments = self.normalizer.segments(text)
        if len(segments) < 2:
            return reply
        # several questions in one message: answer the one we are surest of, offer the others
        parts = [self._decide(segment) for segment in segments[:4]]
        answered = [p for p in (reply, *parts) if p.answered and p.entry is not None]
        if not answered:
            return reply
        best = max(answered, key=lambda p: p.confidence)
        others: dict[str, Suggestion] = {}
        for part in answered:
            if part.entry is not None and best.entry is not None and part.entry.id != best.entry.id:
                others.setdefault(
                    part.entry.id,
                    Suggestion(
                        id=part.entry.id, question=part.entry.question, score=part.confidence
                    ),
                )
        if not others and best is reply:
            return reply
        return best.model_copy(
            update={
                "question": text,
                "reason": "multi-question" if others else best.reason,
                "suggestions": tuple(others.values())[: self.policy.max_suggestions],
            }
        )

    def rank(self, text: str, *, limit: int = 5) -> list[Candidate]:
        """Entries ranked for a message, best first, with no policy applied.

        For tools that need the raw ranking (the linter's self-retrieval, the benchmarks).
        """
        normalized = self.normalizer(text)
        return self.matcher.search(normalized, limit=limit)[1] if normalized else []

    def suggest(self, text: str, *, limit: int = 25) -> list[Entry]:
        """Entries to offer while someone is still typing (autocomplete), best first.

        Small talk about the bot is left out; with nothing typed yet, the first entries.
        """
        if not text.strip():
            return [e for e in self.kb.entries if e.kind != "about"][:limit]
        entries = (self.kb.get(c.entry_id) for c in self.rank(text[:200], limit=limit))
        return [e for e in entries if e is not None]

    def answer_entry(self, entry_id: str, *, question: str | None = None) -> Reply | None:
        """A reply for an entry the user picked (autocomplete, a button): no matching needed."""
        entry = self.kb.get(entry_id)
        if entry is None:
            return None
        return Reply(
            question=question or entry.question,
            status="answered",
            entry=entry,
            confidence=1.0,
            reason="picked",
        )

    def _related(self, a: str, b: str) -> bool:
        """Curators listed one as a follow-up of the other: both are fair answers, and the
        one not shown is a button away."""
        first, second = self.kb.get(a), self.kb.get(b)
        return bool(first and second and (b in first.related or a in second.related))

    def _suggestions(self, candidates: list[Candidate]) -> tuple[Suggestion, ...]:
        out: list[Suggestion] = []
        for c in candidates:
            entry = self.kb.get(c.entry_id)
            if entry is None or c.score < self.policy.suggest_at or entry.kind == "about":
                continue
            out.append(Suggestion(id=entry.id, question=entry.question, score=round(c.score, 4)))
            if len(out) == self.policy.max_suggestions:
                break
        return tuple(out)

    def _decide(self, text: str) -> Reply:
        policy = self.policy
        normalized = self.normalizer(text)
        if not normalized:
            return Reply(question=text, status="declined", confidence=0.0, reason="empty")
        query, candidates = self.matcher.search(normalized, limit=6)
        if not candidates:
            return Reply(
                question=text,
                status="declined",
                confidence=0.0,
                reason="no-match",
                normalized=normalized,
            )
        top = candidates[0]
        runner_up = candidates[1].score if len(candidates) > 1 else 0.0
        content_words = [t for t in query.tokens if not t.isdigit()]
        keyword_soup = not query.has_function_words and len(content_words) >= 3
        top_entry = self.kb.get(top.entry_id)
        reason = "confident"
        exact = top.score >= policy.exact_at  # a curated phrasing, as good as verbatim
        small_talk = top_entry is not None and top_entry.kind == "about"
        if not query.informative and not exact and not small_talk:
            reason = "weak"  # only function words or numbers matched: nothing to go on
        elif top.score < policy.clarify_at:
            reason = "weak"
        elif top.score < policy.answer_at:
            reason = "unsure"
        elif top.recall < policy.min_recall or (
            small_talk and top.recall < policy.small_talk_recall
        ):
            reason = "partial"  # much of the question is not what this entry is about
        elif self.matcher.missing_names(query, top.entry_id) or (
            query.unknown_share >= policy.max_unknown_share and not exact
        ):
            reason = "partial"  # the question names something this entry doesn't cover
        elif (
            keyword_soup
            and not exact
            and (len(content_words) >= policy.soup_words or top.recall < policy.keywords_recall)
        ):
            reason = "keywords-only"  # "ccm cambodia uxo 344": offer, never assert
        elif top.score - runner_up < policy.margin_needed(top.score) and not (
            top.score >= policy.related_at and self._related(top.entry_id, candidates[1].entry_id)
        ):
            reason = "close-call"
        if reason == "confident":
            # a close runner-up that the curators linked as a follow-up is offered beside it
            follow = (
                self._suggestions(candidates[1:2])
                if len(candidates) > 1 and top.score - runner_up < policy.margin_needed(top.score)
                else ()
            )
            return Reply(
                question=text,
                status="answered",
                entry=top_entry,
                confidence=calibrate(top.score, answered=True),
                reason=reason,
                normalized=normalized,
                suggestions=follow,
                score=top.score,
            )
        suggestions = self._suggestions(candidates)
        status: Status = "declined" if reason == "weak" or not suggestions else "clarify"
        return Reply(
            question=text,
            status=status,
            confidence=calibrate(top.score, answered=False),
            reason=reason,
            suggestions=suggestions,
            normalized=normalized,
            score=top.score,
        )

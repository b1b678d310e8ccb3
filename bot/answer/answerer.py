"""The answer policy: answer, ask back, or decline honestly.

A wrong confident answer is the worst thing this bot can do. The order of decisions:

1. **Safety first**: a message from someone who found a suspected explosive gets the official
   advice and nothing else (`bot/answer/safety.py`).
2. **Several questions in one message** are split (at most MAX_PARTS); each is decided alone
   and the reply holds one part per question. Small talk ("hi", "thanks!") answers only a
   message that is small talk alone; a part with no content of its own ("who made them?") is
   read together with the part before it.
3. **The language**: a Khmer message (`bot/answer/language.py`) is matched against the Khmer
   index (`bot/answer/khmer.py`) and decided by the Khmer thresholds (`KhmerGate`), and read
   in English through the Khmer glossary (`bot/answer/glossary.py`) so that entries without
   Khmer text can answer it; it gets the Khmer answer, or the English one under a Khmer note.
   A message in another language gets the languages notice (with a line of safety advice).
4. **Each question**: the matcher ranks entries; the question must be about what the entry is
   about (a person, country, organisation, article number or year it names must be in the
   entry, and "what did X say" must be X's position); then the learned gate
   (`bot/answer/gate.py`) turns the matcher's evidence into the probability that the top entry
   is right. High enough: answer. Middling: ask back with up to three suggestions. Low:
   decline honestly, still showing the nearest questions.

The gate's coefficients and thresholds are fitted out of sample on blind batches
(`python -m bot.quality.fit_gate`); `confidence` is the share of answers that were right at
that probability there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Set
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.answer.entry_words import EntryWords
from bot.answer.entry_words import shipped as shipped_entry_words
from bot.answer.gate import Evidence, Gate, KhmerGate, evidence
from bot.answer.glossary import KhmerGlossary
from bot.answer.injection import tries_to_instruct
from bot.answer.khmer import (
    KhmerCandidate,
    KhmerIndex,
    asks_km,
    khmer_content,
    khmer_focus,
    khmer_questions,
    runs,
)
from bot.answer.language import Language, detect_language, fold_khmer
from bot.answer.lexicon import QUESTION_WORDS, STOPWORDS
from bot.answer.matcher import Candidate, Matcher, Query
from bot.answer.normalize import Normalizer
from bot.answer.opening import fit_opening
from bot.answer.opinion import asks_opinion, asks_opinion_km
from bot.answer.safety import reports_a_find
from bot.answer.several_countries import per_country
from bot.kb.countries import COVERAGE_ID
from bot.kb.models import Entry, KnowledgeBase

Status = Literal["answered", "clarify", "declined"]

#: the reading window: a longer message is read up to its last whole question inside it
MAX_QUESTION_CHARS = 1000
#: questions answered from one message
MAX_PARTS = 3
#: words that point back to what was asked before ("who is he", "when did it start")
_POINTERS = frozenset("he she it they him her them his its their this that these those".split())
_PERSON_POINTERS = frozenset("he she him her his".split())
_POSSESSIVE_POINTERS = frozenset("its their".split())
#: "it" or "they" beside one of these and a treaty named again stands for the country asked
#: about before ("...the ottawa convention? and has it joined the ccm?"), not for the treaty
#: ("is it the same as the ccm?")
_SUBJECT_POINTERS = frozenset("it they".split())
_MEMBERSHIP_WORDS = frozenset(
    "join joined joins sign signed signs ratify ratified ratifies accede acceded party parties"
    " member members withdraw withdrew leave left".split()
)
#: "is X in the ccm", "has X joined", "is X a state party": a question about a country's status
_STATUS_QUESTION = re.compile(
    r"^(?:is|are|has|have|did|does|when did|when was)\s+(?:the\s+)?(?P<subject>.+?)\s+"
    r"(?:in|a member|member|a part|part|a party|party|a states parties|states parties|joined"
    r"|join|signed|sign|ratified|ratify|acceded|accede|bound)\b"
    r"(?:.*\bccm\b|\s*(?:states parties|party|member)?\s*$)"
)
#: Khmer characters a follow-up may hold besides the name it swaps in ("ចុះ ... វិញ", "ដែរ")
_KM_FOLLOW_UP_REST = 12
#: the spaces between Khmer letters (the glossary reads Khmer words without them)
_KM_SPACES = re.compile(r"(?<=[\u1780-\u17ff])\s+(?=[\u1780-\u17ff])")
#: how a follow-up opens ("and laos?", "what about vietnam")
#: a part asked as a question: a question word or an inverted verb first, and something after
_ASKS = re.compile(
    r"^(?:and |also |so |but |then )*(?:who|whom|whose|what|when|where|why|how|which|is|are"
    r"|was|were|do|does|did|can|could|should|would|will|has|have|had)\b(?: \w+){2,}"
)


def _asks(segment: str, text: str, normalized: str) -> bool:
    """The part asks something: a question mark closes it in the message, or it opens as a
    question does ("is it the army", "who announced them")."""
    at = text.find(segment)
    after = text[at + len(segment) :].lstrip() if at >= 0 else ""
    return after[:1] in ("?", "？") or bool(_ASKS.match(normalized))


def _points_to_country(pointers: Set[str], words: list[str]) -> bool:
    """These pointers stand for a country named before (beside a treaty named again): "its"
    and "their", or "it" and "they" asked about joining ("has it joined the ccm")."""
    if not pointers:
        return False
    if pointers <= _POSSESSIVE_POINTERS:
        return True
    return pointers <= _POSSESSIVE_POINTERS | _SUBJECT_POINTERS and bool(
        _MEMBERSHIP_WORDS.intersection(words)
    )


#: a part that tells a story around the question ("my students asked about Yang Peou",
#: "we had a guest mention a summit", "there's a guy quoted in the article"): it opens with
#: the teller, not with what is asked
_TELLS = re.compile(
    r"^(?:and |so |but |ok |well |anyway )*(?:i|im|ive|id|my|we|weve|our|me|people"
    r"|someone|somebody|everyone|everybody|theres|there is|there was|a friend|a guest"
    r"|a colleague)\b"
)
#: a question asked inside a sentence that opens with the teller ("i wonder how many...")
_EMBEDDED_QUESTION = re.compile(r"\b(?:how|what|when|where|which|who|whom|whose|why|whether)\b")
#: an office a short follow-up may swap as well as a name ("and germany's president?")
_OFFICE = re.compile(
    r"\b(?:(?:defen[cs]e|foreign|prime|deputy|finance) )?(?:minister|president|spokesman"
    r"|spokeswoman|spokesperson|secretary|chancellor|ambassador|pm)\b"
)
_FOLLOW_OPENERS = re.compile(
    r"^(?:and|also|plus|or|what about|how about|and what about|same for)\b ?"
)
#: a time a short follow-up may swap for the one asked before ("...in july 2023? and now?")
_TIME = re.compile(
    r"\b(?:(?:in|as of|by|at the end of|since) )?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept"
    r"|oct|nov|dec)[a-z]* )?(?:19|20)\d\d\b|\b(?:now|today|currently|at the moment|these days"
    r"|this year|last year|nowadays)\b"
)
_YEAR_ALONE = re.compile(r"(?:19|20)\d\d")
#: the words a question opens with, which a short follow-up shares ("how long do states get
#: to destroy stockpiles? and to clear land?": "how long do", then the new subject)
_ASKING = frozenset(
    "do does did is are was were has have had can could will would should get gets long many"
    " much often far".split()
)


@dataclass(frozen=True)
class Policy:
    """What the learned gate does not decide: suggestions and the near-verbatim shortcut."""

    suggest_at: float = 0.3  # suggestions shown must reach this raw score
    max_suggestions: int = 3
    exact_at: float = 0.9  # a near-verbatim phrasing: always worth considering
    follow_up_margin: float = 0.08  # a runner-up this close is offered beside an answer
    #: words never seen carry this share of the question: it is about something we don't cover
    #: (below it the gate weighs the unknown share with the rest: 0.35 -> 0.5 gave 55 more
    #: right answers out of fold, 2 fewer wrong and as many false, 40 folds, 2026-12-03)
    max_unknown_share: float = 0.5
    #: a candidate this close behind a top that misses what the question names, and about
    #: all of it, goes first (`_about_the_subject`); looked for among this many runners-up
    subject_margin: float = 0.05
    subject_depth: int = 3
    # (a list of keywords with no function word is the gate's to judge: it weighs the
    # content and function words, and a rule declining "lithuania seimas ccm vote result"
    # held back more right answers than it saved wrong ones, out of fold)


#: the glossary reading of a Khmer message answers it, or second-guesses the Khmer index, only
#: when its words cover at least this share of the message's Khmer
GLOSSARY_COVERAGE = 0.5
#: ...and answers an entry without Khmer text over the Khmer index's answer when they cover
#: at least this share (the index cannot see that entry)
GLOSSARY_SURE_COVERAGE = 0.9
#: "how many", "how much" in Khmer (and its common misspelling)
_KM_HOW_MANY = re.compile("ប៉ុន្មាន|បុន្មាន")


@dataclass(frozen=True)
class _Reading:
    """A Khmer message read in English through the Khmer glossary, and what the English
    engine decided on it."""

    english: str
    coverage: float  # share of the message's Khmer characters the glossary's words cover
    reply: Reply


@dataclass(frozen=True)
class Match:
    """What the matcher and the gate found for one question, before the decision."""

    normalized: str
    query: Query
    candidates: list[Candidate]
    evidence: Evidence | None
    probability: float
    #: a rule that decides without the gate: "weak", "opinion", "other-subject"
    rule: str | None


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
        description="why this status: confident, safety, small-talk, multi-question, unsure, "
        "weak, other-subject, instructions, no-status, no-match, empty, picked, "
        "other-language (neither English nor Khmer), english-terms (a Khmer message answered "
        "on its English words), khmer-glossary (a Khmer message answered on its words read in "
        "English through knowledge/khmer-glossary.yaml), no-khmer (no entry has Khmer text yet)"
    )
    #: the language the message was read in: "en", "km", or "other" (the languages notice)
    lang: Language = "en"
    normalized: str = ""
    score: float = Field(
        default=0.0,
        ge=0.0,
        le=1.0,
        description="raw match score of the top entry, before the gate",
    )
    #: one reply per question when the message asked several (in the order asked)
    parts: tuple[Reply, ...] = ()

    @property
    def answered(self) -> bool:
        """True when the reply carries an answer to show."""
        return self.status == "answered"

    @property
    def shown(self) -> tuple[Reply, ...]:
        """The replies to render: each part of a several-question message, or this one."""
        return self.parts or (self,)

    @property
    def in_khmer(self) -> bool:
        """The answer is shown in Khmer: a Khmer message, and the entry has Khmer text."""
        return self.lang == "km" and self.entry is not None and self.entry.km is not None

    @property
    def answer_lang(self) -> Language | None:
        """The language of the answer text shown ("km" or "en"), None when not answered."""
        if not self.answered or self.entry is None:
            return None
        return "km" if self.in_khmer else "en"

    @property
    def answer_text(self) -> str | None:
        """The answer text shown: the Khmer answer for a Khmer reply when there is one; an
        English answer's "Yes," or "No," goes when the question asked for a thing."""
        if not self.answered or self.entry is None:
            return None
        if self.in_khmer and self.entry.km:
            return self.entry.km.answer
        return fit_opening(self.entry.answer, self.normalized)

    @property
    def title(self) -> str | None:
        """The entry's question in the language of the answer."""
        if self.entry is None:
            return None
        return self.entry.km.question if self.in_khmer and self.entry.km else self.entry.question


def reading_window(text: str, limit: int = MAX_QUESTION_CHARS) -> str:
    """The part of a long message the engine reads: its first questions, up to `limit`.

    Discord messages reach 2,000 characters (4,000 with Nitro); a long story usually asks
    its question early, so the first whole questions that fit are read, never a refusal.

    >>> reading_window("What is the CCM? " + "A long story. " * 100, 40)
    'What is the CCM? A long story.'
    """
    if len(text) <= limit:
        return text
    kept = ""
    for match in re.finditer(r"[^?!.\n;]*[?!.\n;]+|[^?!.\n;]+$", text):
        piece = match.group(0)
        if len(kept) + len(piece) > limit:
            break
        kept += piece
    if not kept.strip():
        cut = text[:limit]
        kept = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return kept.strip()


class _Memo:
    """What the reading of one message has worked out so far, so that nothing is worked out
    twice: a long message reads a sentence alone, then again with the one before it (to
    see whether it completes it), and chatty messages repeat themselves. Every entry is a
    pure function of its text (and of `answer_at`, fixed for the memo), so a remembered one
    is the one a new reading would give. It lives for one message (`_english`: its parts,
    then its per-country reading): the answerer itself keeps no state and stays
    thread-safe. (Not `_Reading`: that is a Khmer message's glossary reading.)"""

    __slots__ = ("_answer_at", "_answerer", "_decided", "_normalized", "_points", "_queries")

    def __init__(self, answerer: Answerer, answer_at: float | None = None) -> None:
        self._answerer = answerer
        self._answer_at = answer_at
        self._normalized: dict[str, str] = {}
        self._decided: dict[str, tuple[Reply, Query | None]] = {}
        self._queries: dict[str, Query] = {}
        self._points: dict[str, bool] = {}

    def normalize(self, text: str) -> str:
        """`Normalizer.__call__`, remembered."""
        normalized = self._normalized.get(text)
        if normalized is None:
            normalized = self._normalized[text] = self._answerer.normalizer(text)
        return normalized

    def query(self, text: str) -> Query | None:
        """The query a match of the text reads (`Matcher.parse` of its respelling),
        remembered and handed to that match (None: the text normalizes to nothing)."""
        query = self._queries.get(text)
        if query is None:
            normalized = self.normalize(text)
            if not normalized:
                return None
            matcher = self._answerer.matcher
            query = self._queries[text] = matcher.parse(matcher.respell(normalized))
        return query

    def points_back(self, text: str) -> bool:
        """`Answerer._points_back`, remembered (a sentence's is asked twice: may its
        reading be skipped, and is it read with the one before it)."""
        points = self._points.get(text)
        if points is None:
            points = self._points[text] = self._answerer._points_back(text, self.normalize)
        return points

    def decide(self, text: str) -> tuple[Reply, Query | None]:
        """`Answerer._decide`, remembered, with the query its match read (None: empty)."""
        decided = self._decided.get(text)
        if decided is None:
            normalized = self.normalize(text)
            match = (
                self._answerer.match(text, normalized=normalized, query=self._queries.get(text))
                if normalized
                else None
            )
            reply = self._answerer._decide(text, self._answer_at, match)
            decided = self._decided[text] = (reply, match.query if match else None)
        return decided


class Answerer:
    """Engine entry point: `answerer.ask(text) -> Reply`. Immutable and thread-safe."""

    def __init__(
        self,
        kb: KnowledgeBase,
        policy: Policy | None = None,
        matcher: Matcher | None = None,
        gate: Gate | None = None,
        khmer_gate: KhmerGate | None = None,
        entry_words: EntryWords | None = None,
    ) -> None:
        self.kb = kb
        self.policy = policy or Policy()
        self.normalizer = Normalizer(kb.synonyms)
        self.matcher = matcher or Matcher.for_knowledge_base(kb, self.normalizer)
        self.gate = gate or Gate.load()
        self.entry_words = entry_words or shipped_entry_words()
        self.khmer = KhmerIndex(
            (
                (e.id, e.km.phrasings, e.km.answer, " ".join((*e.phrasings, e.answer)))
                for e in kb.entries
                if e.km is not None
            ),
            is_latin_name=self.matcher.is_name,
        )
        self.khmer_gate = khmer_gate or KhmerGate.load()
        self.glossary = KhmerGlossary(kb.khmer_glossary, kb.khmer_subjects)
        self._safety = next((e for e in kb.entries if e.kind == "safety"), None)

    # -- the public calls ----------------------------------------------------------------------
    def ask(self, text: str, *, previous: str | None = None) -> Reply:
        """Reply to one message: answer it, ask back with suggestions, or decline.

        `previous` is the question the same person asked just before, if the adapter keeps
        it: a short follow-up ("and laos?", "who is he?") is then read in its light.
        """
        rewritten = self._read_with(previous, text) if previous else None
        if rewritten is not None:
            reply = self.ask(rewritten)
            if reply.answered:
                return reply.model_copy(update={"question": text})
        window = reading_window(text)
        basic = Normalizer.basic(window)  # once, for every check that reads the message
        if self.normalizer.is_empty(window, basic=basic):
            return Reply(question=text, status="declined", confidence=0.0, reason="empty")
        lang = detect_language(window)
        if reports_a_find(window, basic=basic, lang=lang):
            return self._safety_reply(text, "km" if lang == "km" else "en")
        if tries_to_instruct(window, basic=basic):
            return Reply(
                question=text,
                status="declined",
                confidence=0.0,
                reason="instructions",
                lang="km" if lang == "km" else "en",
            )
        if lang == "other":
            return Reply(
                question=text,
                status="declined",
                confidence=0.0,
                reason="other-language",
                lang="other",
                normalized=self.normalizer.after_basic(basic),
            )
        if lang == "km":
            if asks_opinion_km(window):
                return Reply(
                    question=text, status="declined", confidence=0.0, reason="opinion", lang="km"
                )
            return self._khmer(text, window)
        return self._english(text, window)

    def _english(self, text: str, window: str, answer_at: float | None = None) -> Reply:
        """An English message (or a Khmer one read in English): each of its questions decided,
        one reply, with one part per question when it asks several. `answer_at` replaces the
        gate's answer threshold (the Khmer glossary reading has its own)."""
        memo = _Memo(self, answer_at)  # shared: the per-country reading re-reads the window
        parts = self._parts(window, answer_at, memo=memo)
        if len(parts) == 1 and not parts[0].answered:
            # an entry that names every country asked about answers them all; otherwise one
            # part per country
            parts = self._per_country(window, memo) or parts
        if len(parts) == 1:
            single = parts[0]
            if not single.answered:
                single = self._unknown_country(single) or single
            return single.model_copy(update={"question": text})
        answered = [p for p in parts if p.answered]
        first = answered[0] if answered else parts[0]
        return first.model_copy(
            update={
                "question": text,
                "reason": "multi-question",
                "confidence": min(p.confidence for p in answered) if answered else 0.0,
                "parts": tuple(parts),
            }
        )

    def _per_country(self, window: str, memo: _Memo) -> list[Reply] | None:
        """"When did Spain and Germany ratify?": one part per country named, when every one
        of them is answered, each by an entry of its own (None otherwise). `memo`: the
        message's reading (its window is mostly its one part, normalized already)."""
        normalized = memo.normalize(window)
        questions = per_country(normalized, self.matcher.names(normalized, "country"))
        if len(questions) < 2:
            return None
        replies = [memo.decide(q)[0] for q in questions]
        entries = {r.entry.id for r in replies if r.answered and r.entry is not None}
        return replies if len(entries) == len(replies) else None

    def follow_up(self, previous: str, text: str) -> str | None:
        """`text` rewritten as a whole question when it only makes sense after `previous`
        (None when it stands on its own).

        "and laos?" after "is vietnam in the ccm" -> "is laos in the ccm"; "who is he?" after
        "what did hun sen ask nato" -> "who is hun sen"; "and when?" -> the previous question
        with "when" added.
        """
        return self._follow_up(previous, text, self.normalizer)

    def _read_with(self, previous: str, text: str) -> str | None:
        """A follow-up rewritten with the question before it, in the language both are in."""
        lang = detect_language(text)
        if lang != detect_language(previous):
            return None
        if lang == "en":
            return self.follow_up(previous, text)
        return self.follow_up_km(previous, text) if lang == "km" else None

    def follow_up_km(self, previous: str, text: str) -> str | None:
        """A short Khmer follow-up naming one country or person ("ចុះឡាវវិញ?", and Laos?)
        rewritten as the Khmer question before it about that name (None otherwise). Khmer
        names are the glossary's; the swap is made in the Khmer text, so the Khmer reading
        (index, glossary, subject checks) decides as for any Khmer question."""
        named = [(en, km) for en, km in self.glossary.terms(text) if self.matcher.names(en)]
        if len(named) != 1:
            return None
        english, khmer = named[0]
        rest = sum(len(p) for k, p in runs(fold_khmer(text)) if k) - len(khmer)
        if rest > _KM_FOLLOW_UP_REST:
            return None  # a question of its own, not "and X?"
        kind = next(k for k in ("person", "country", "other") if self.matcher.names(english, k))
        before = [
            km
            for en, km in self.glossary.terms(previous)
            if en != english and self.matcher.names(en, kind)
        ]
        # the glossary's words are matched with the spaces between Khmer letters taken out
        joined = _KM_SPACES.sub("", fold_khmer(previous))
        if not before or before[0] not in joined:
            return None
        return joined.replace(before[0], khmer, 1)

    def _follow_up(self, previous: str, text: str, normalize: Callable[[str], str]) -> str | None:
        """`follow_up`, normalizing through `normalize` (a message's `_Memo` remembers)."""
        before, now = normalize(previous), normalize(text)
        if not before or not now:
            return None
        opener = _FOLLOW_OPENERS.match(now)
        rest = now[opener.end() :] if opener else now
        words = rest.split()
        names_now = self.matcher.names(rest)
        if names_now and len(words) <= 4 and (opener or len(words) <= 2):
            kind = next(
                k for k in ("person", "country", "other") if self.matcher.names(rest, k)
            )
            old = list(dict.fromkeys(self.matcher.names(before, kind)))
            if old:
                swapped = before
                for name in old:
                    swapped = re.sub(rf"\b{re.escape(name)}\b", "\0", swapped)
                new = " ".join(self.matcher.names(rest, kind))
                swapped = re.sub(r"(?:\0 ?)+", new + " ", swapped, count=1)
                swapped = re.sub(r"\0 ?", "", swapped).strip()
                # "what did spain's defence minister say? and germany's president?": another
                # office as well as another country
                office = _OFFICE.search(rest)
                if office and _OFFICE.search(swapped):
                    swapped = _OFFICE.sub(office[0], swapped, count=1)
                return swapped
        pointers = _POINTERS & set(words)
        # "what did he say about hun sen's appeal?" after "who is ly thuch": a person pointer
        # stands for the person asked about before, even beside other names
        person_only = pointers <= _PERSON_POINTERS
        # "...joined the ottawa convention? what is its status under the ccm?" (or "has it
        # joined the ccm?"): beside a treaty or a body named again, "it" and "its" stand for
        # the country asked about before
        country_only = (
            bool(names_now)
            and bool(pointers)
            and _points_to_country(pointers, words)
            and not self.matcher.names(rest, "country")
        )
        if (
            pointers
            and (not names_now or person_only or country_only)
            and len(words) <= (8 if person_only or country_only else 6)
        ):
            kinds = ("person",) if person_only else ("country",) if country_only else (
                "country",
                "other",
            )
            names = [
                n for k in kinds for n in self.matcher.names(before, k) if n not in names_now
            ]
            if names:
                # "it" after "what is the k5 belt" is "the k5 belt", not only "k5": try the
                # names alone and the previous question's content words, keep the surer
                content = [
                    w
                    for w in before.split()
                    if w not in STOPWORDS and w not in QUESTION_WORDS and w not in names
                ]
                distinct = list(dict.fromkeys(names))
                # "i'm on an ihl course and my tutor keeps mentioning the oslo process. who
                # started it?": of several names before, "it" may stand for one alone
                stand_ins = [" ".join(distinct), " ".join([*names, *content])]
                if len(distinct) > 1:
                    stand_ins += distinct
                readings = [
                    " ".join(stand_in if w in _POINTERS else w for w in words)
                    for stand_in in stand_ins
                ]
                return max(readings, key=self._surety)
        if opener and _TIME.fullmatch(rest) and _TIME.search(before):
            # "how many states parties in july 2023? and now?": the same question, another time
            return _TIME.sub(rest, before, count=1)
        if opener and not self.matcher.parse(self.matcher.respell(rest)).informative:
            return f"{before} {rest}"
        if opener and 1 <= len(words) <= 4 and not QUESTION_WORDS & set(words):
            # "how long do states get to destroy stockpiles? and to clear land?": the
            # question's asking words and its names, in order, with the new subject
            named = set(self.matcher.names(before))
            frame = [w for w in before.split() if w in QUESTION_WORDS or w in _ASKING or w in named]
            if set(frame) - named:
                return " ".join([*frame, rest])
        return None

    def _offers_another_answer(self, segment: str, memo: _Memo) -> bool:
        """Is this part an "or" that offers another answer to the question before it ("or
        family also?", "or only the user?"), naming nothing of its own? ("...? or vietnam?"
        asks of another country: a question of its own.)"""
        now = memo.normalize(segment)
        opener = _FOLLOW_OPENERS.match(now)
        if opener is None or opener[0].strip() != "or":
            return False
        rest = now[opener.end() :]
        words = rest.split()
        return (
            1 <= len(words) <= 4
            and not QUESTION_WORDS & set(words)
            and not self.matcher.names(rest)
        )

    def _surety(self, text: str) -> float:
        """The gate's probability for a question, 0 when a rule would not let it answer."""
        match = self.match(text)
        return 0.0 if match is None or match.rule else match.probability

    def rank(self, text: str, *, limit: int = 5) -> list[Candidate]:
        """Entries ranked for a message, best first, with no policy applied.

        For tools that need the raw ranking (the linter's self-retrieval, the benchmarks).
        """
        normalized = self.normalizer(text)
        return self.matcher.search(normalized, limit=limit)[1] if normalized else []

    def suggest(self, text: str, *, limit: int = 25) -> list[Entry]:
        """Entries to offer while someone is still typing (autocomplete), best first.

        Small talk about the bot is left out; with nothing typed yet, the first entries.
        Khmer typing is matched against the Khmer index (see `language`).
        """
        if not text.strip():
            return [e for e in self.kb.entries if e.kind not in ("about", "safety")][:limit]
        if detect_language(text[:200]) == "km":
            found = (self.kb.get(c.entry_id) for c in self.khmer.search(text[:200], limit=limit))
            return [e for e in found if e is not None and e.kind not in ("about", "safety")]
        entries = (self.kb.get(c.entry_id) for c in self.rank(text[:200], limit=limit))
        return [e for e in entries if e is not None]

    @staticmethod
    def language(text: str) -> Language:
        """The language a message is read in: "en", "km" or "other"."""
        return detect_language(text)

    def answer_entry(
        self, entry_id: str, *, question: str | None = None, lang: Language = "en"
    ) -> Reply | None:
        """A reply for an entry the user picked (autocomplete, a button): no matching needed.
        `lang="km"` shows its Khmer text when it has some."""
        entry = self.kb.get(entry_id)
        if entry is None:
            return None
        khmer = lang == "km" and entry.km is not None
        return Reply(
            question=question or (entry.km.question if khmer and entry.km else entry.question),
            status="answered",
            entry=entry,
            confidence=1.0,
            reason="picked",
            lang="km" if lang == "km" else "en",
        )

    # -- one message, several questions ----------------------------------------------------------
    def _safety_reply(self, text: str, lang: Language = "en") -> Reply:
        if self._safety is None:  # a knowledge base without the advice still never guesses
            return Reply(
                question=text, status="declined", confidence=0.0, reason="safety", lang=lang
            )
        return Reply(
            question=text,
            status="answered",
            entry=self._safety,
            confidence=1.0,
            reason="safety",
            lang=lang,
        )

    # -- Khmer -------------------------------------------------------------------------------
    def _khmer(self, text: str, window: str) -> Reply:
        """A Khmer message: only the part that asks is read (`khmer_focus`: who asks and why
        is left out); when it asks several questions (`khmer_questions`) and each is answered,
        by at least two entries, one part per entry; otherwise it is read whole."""
        window = khmer_focus(window)
        questions = khmer_questions(window)
        if len(questions) > 1:
            parts: list[Reply] = []
            for question in questions:
                part = self._khmer_one(question, question)
                if not part.answered or part.entry is None:
                    break
                if all(p.entry is not None and p.entry.id != part.entry.id for p in parts):
                    parts.append(part)
            else:
                if len(parts) > 1:
                    return parts[0].model_copy(
                        update={
                            "question": text,
                            "reason": "multi-question",
                            "confidence": min(p.confidence for p in parts),
                            "parts": tuple(parts),
                            "suggestions": (),
                        }
                    )
        return self._khmer_one(text, window)

    def _khmer_one(self, text: str, window: str) -> Reply:
        """A Khmer question, read three ways, in this order:

        1. its English words ("UXO ជាអ្វី?"): when its Khmer only asks and the English engine
           is sure of them, that entry answers;
        2. the Khmer index and its thresholds, over entries that have Khmer text;
        3. the whole message read in English through the Khmer glossary, decided by the
           English engine (its subject checks and gate): any entry can answer.

        The readings check each other: when the Khmer index and the glossary reading answer
        different entries, or the glossary reading (covering most of the message) does not
        offer the Khmer index's entry at all, the bot asks back offering both (two readings
        that disagree are not grounds for an answer). A question about a glossary subject (a
        director, a salary...) an entry never mentions is not answered by that entry. What is
        not answered is asked back or declined, in Khmer, the glossary reading's entries
        first among the suggestions."""
        folded = fold_khmer(window)
        asks_only = not khmer_content(folded)
        english = self._english_terms(folded)
        sure = english is not None and english.answered and english.entry is not None
        if english is not None and sure and asks_only:
            return english.model_copy(
                update={
                    "question": text,
                    "lang": "km",
                    "reason": "english-terms",
                    "normalized": folded,
                }
            )
        candidates = self.khmer.search(window, limit=6) if len(self.khmer) else []
        status, confidence = self.khmer_gate.decide(candidates)
        top = candidates[0] if candidates else None
        subjects = self.glossary.subjects(window)
        # it asks about a director, a salary... the entry never mentions; or "how many..."
        # and the entry gives no number
        vetoed = top is not None and (
            self._lacks(subjects, top.entry_id)
            or (
                bool(_KM_HOW_MANY.search(folded))
                and not self.matcher.gives_quantity(top.entry_id)
            )
        )
        if status == "answered" and vetoed:
            status = "clarify"
        reading = self._glossary_reading(window)
        glossed = self._glossary_reply(text, reading, subjects)
        if glossed is None and sure and english is not None and english.entry is not None:
            # the glossary read little of a chatty message, but what it read answers the
            # entry its English words answer: two readings agree
            loose = self._glossary_reply(text, reading, subjects, min_coverage=0.0)
            if loose is not None and loose.entry is not None and loose.entry.id == english.entry.id:
                glossed = loose
        if (
            status == "clarify"
            and top is not None
            and top.score >= self.khmer_gate.answer_at
            and not top.missing
            and not vetoed
            and asks_km(window)
        ):
            # the index's top leads its runner-up by too little: the glossary reading, which
            # ranks every entry, decides between them when it agrees with one of them (a
            # keyword list is not a question, and is not answered on a near tie)
            loose = glossed or self._glossary_reply(text, reading, subjects, min_coverage=0.0)
            agreed = loose.entry.id if loose is not None and loose.entry is not None else None
            if agreed == top.entry_id or self._ranks_first(reading, top.entry_id):
                status, confidence = "answered", self.khmer_gate.confidence(top.score)
            elif loose is not None and agreed in [c.entry_id for c in candidates[1:2]]:
                return loose  # it answers the index's runner-up
        if status == "answered" and top is not None:
            english_id = english.entry.id if english is not None and english.entry else None
            if glossed is not None and glossed.entry is not None:
                if glossed.entry.id != top.entry_id:
                    if top.score >= self.policy.exact_at:
                        glossed = None  # a near-verbatim Khmer phrasing is not second-guessed
                    elif sure and english_id == top.entry_id:
                        glossed = None  # its English words agree with the index
                    elif self._index_wins(glossed, candidates):
                        glossed = None  # the glossary reading ranks the index's entry second
                    elif self._glossary_wins(glossed, reading, candidates):
                        return glossed
                    else:
                        # the two readings answer different entries: ask, offering both
                        status, glossed = "clarify", None
            elif self._disagrees(reading, top):
                status = "clarify"
        if status == "answered" and top is not None and english is not None and asks_only:
            english_top = english.entry or (
                self.kb.get(english.suggestions[0].id) if english.suggestions else None
            )
            if english_top is None or english_top.id != top.entry_id:
                status = "clarify"  # the English words point elsewhere: ask, don't guess
        if status == "answered" and top is not None:
            entry = self.kb.get(top.entry_id)
            runner_up = candidates[1].score if len(candidates) > 1 else 0.0
            close = top.score - runner_up < self.policy.follow_up_margin
            return Reply(
                question=text,
                status="answered",
                entry=entry,
                confidence=confidence,
                reason="small-talk" if entry and entry.kind == "about" else "confident",
                lang="km",
                normalized=folded,
                suggestions=self._khmer_suggestions(candidates[1:2]) if close else (),
                score=min(top.score, 1.0),
            )
        if glossed is not None:
            return glossed
        suggestions = self._khmer_suggestions(candidates)
        if reading is not None and reading.coverage >= GLOSSARY_COVERAGE:
            # the glossary reading ranks every entry, the Khmer index only those with Khmer
            offered = tuple(
                o for o in self._in_khmer(self._offered(reading.reply))
                if not self._lacks(subjects, o.id)  # not about the weather, the salary...
            )
            if offered:
                seen = {o.id for o in offered}
                suggestions = (*offered, *(x for x in suggestions if x.id not in seen))[
                    : self.policy.max_suggestions
                ]
                status = "clarify"
        pointed = english.entry if english is not None and sure else None
        if pointed is None and english is not None and asks_only and english.suggestions:
            pointed = self.kb.get(english.suggestions[0].id)
        if english is not None and pointed is not None:
            # the English words found an entry: offer it first, in Khmer when it has Khmer
            first = Suggestion(
                id=pointed.id,
                question=pointed.km.question if pointed.km else pointed.question,
                score=min(english.score, 1.0),
            )
            rest = [s for s in suggestions if s.id != pointed.id]
            suggestions = (first, *rest)[: self.policy.max_suggestions]
            status = "clarify"
        if not len(self.khmer) and pointed is None:
            reason = "no-khmer"
        elif top is None and pointed is None:
            reason = "no-match"
        elif top is not None and top.missing and pointed is None:
            reason = "other-subject"
        else:
            reason = "unsure" if status == "clarify" else "weak"
        return Reply(
            question=text,
            status="clarify" if status == "clarify" and suggestions else "declined",
            confidence=min(confidence, 0.5),
            reason=reason,
            lang="km",
            normalized=folded,
            suggestions=suggestions,
            score=min(top.score, 1.0) if top else 0.0,
        )

    def _lacks(self, subjects: list[str], entry_id: str) -> bool:
        """The entry mentions none of the forms of some glossary subject the question names
        ("who is CMAC's director now" is not answered by what CMAC is)."""
        entry = self.kb.get(entry_id)
        if not subjects or entry is None:
            return False
        english = " ".join((*entry.phrasings, entry.answer))
        # the Khmer ways of asking, not the Khmer answer: it says what the English one says,
        # and its compounds hide subject words (កើតចេញពី "arises from" is not កើត "born")
        khmer = " ".join(entry.km.phrasings) if entry.km else ""
        return bool(self.glossary.missing_subjects(subjects, english, khmer))

    def _glossary_reading(self, window: str) -> _Reading | None:
        """What the English engine decides on the message read through the Khmer glossary
        (None when the glossary finds no word of it)."""
        english, coverage = self.glossary.read(window)
        if not english:
            return None
        answer_at = self.khmer_gate.glossary_answer_at
        return _Reading(english, coverage, self._english(english, english, answer_at))

    def _disagrees(self, reading: _Reading | None, top: KhmerCandidate) -> bool:
        """The glossary reading covers most of the message, has an opinion (it answers or asks
        back, not declines) and the Khmer index's top entry is not among the entries it
        offers; a near-verbatim Khmer phrasing is not second-guessed."""
        if reading is None or top.score >= self.policy.exact_at:
            return False
        if reading.coverage < GLOSSARY_COVERAGE or reading.reply.status == "declined":
            return False
        reply = reading.reply
        ranked = [reply.entry.id] if reply.entry else []
        ranked += [s.id for s in reply.suggestions]
        return bool(ranked) and top.entry_id not in ranked

    def _index_wins(self, glossed: Reply, candidates: list[KhmerCandidate]) -> bool:
        """When the two readings answer different entries, the Khmer index's stands when the
        glossary reading offers it right after its own, the index could see the glossary's
        entry (it has Khmer text) and leads its runner-up by twice the lead it needs to answer
        ("from which year to which year did the US bomb Cambodia?": the bombing, not the
        sorties)."""
        if glossed.entry is None or glossed.entry.km is None:
            return False  # the index cannot have weighed an entry without Khmer text
        runner_up = candidates[1].score if len(candidates) > 1 else 0.0
        lead = candidates[0].score - runner_up
        offered = [s.id for s in glossed.suggestions[:1]]
        return lead >= 2 * self.khmer_gate.min_margin and candidates[0].entry_id in offered

    def _glossary_wins(
        self, glossed: Reply, reading: _Reading | None, candidates: list[KhmerCandidate]
    ) -> bool:
        """When the two readings answer different entries, the glossary reading's stands when
        the Khmer index ranks that entry second (the index nearly agrees), or when that entry
        has no Khmer text (the index cannot see it) and the glossary read nearly all of the
        message."""
        entry = glossed.entry
        if entry is None or reading is None:
            return False
        if entry.id in [c.entry_id for c in candidates[1:2]]:
            return True
        return entry.km is None and reading.coverage >= GLOSSARY_SURE_COVERAGE

    def _ranks_first(self, reading: _Reading | None, entry_id: str) -> bool:
        """The glossary reading (covering most of the message) answers the entry, or asks
        back with it first."""
        if reading is None or reading.coverage < GLOSSARY_COVERAGE:
            return False
        offered = self._offered(reading.reply)
        return bool(offered) and offered[0].id == entry_id

    def _glossary_reply(
        self,
        text: str,
        reading: _Reading | None,
        subjects: list[str],
        min_coverage: float = GLOSSARY_COVERAGE,
    ) -> Reply | None:
        """The glossary reading's answer, as a Khmer reply (in English under a Khmer note
        while the entry has no Khmer text); None unless the English engine answers, or when
        the entry never mentions a subject the question names."""
        if reading is None or reading.coverage < min_coverage:
            return None  # the glossary read too little of it ("cmac" of a long question)
        reply = reading.reply
        entry = reply.entry
        if not reply.answered or entry is None or entry.kind in ("about", "safety"):
            return None
        if self._lacks(subjects, entry.id):
            return None
        if any(self._lacks(subjects, p.entry.id) for p in reply.shown if p.entry is not None):
            return None
        parts = tuple(p.model_copy(update={"lang": "km"}) for p in reply.parts)
        return reply.model_copy(
            update={
                "question": text,
                "lang": "km",
                "reason": "multi-question" if parts else "khmer-glossary",
                "normalized": reading.english,
                "suggestions": self._in_khmer(reply.suggestions),
                "parts": parts,
            }
        )

    def _offered(self, reply: Reply) -> tuple[Suggestion, ...]:
        """What a reply points to: the entry it answers, then its suggestions; nothing when it
        declines (it has no opinion then)."""
        if reply.status == "declined":
            return ()
        out = list(reply.suggestions)
        entry = reply.entry
        if reply.answered and entry is not None and entry.kind not in ("about", "safety"):
            out.insert(0, Suggestion(id=entry.id, question=entry.question, score=reply.score))
        return tuple(out)

    def _in_khmer(self, suggestions: tuple[Suggestion, ...]) -> tuple[Suggestion, ...]:
        """Suggestions with their entry's Khmer question where it has one."""
        out: list[Suggestion] = []
        for s in suggestions:
            entry = self.kb.get(s.id)
            km_question = entry.km.question if entry is not None and entry.km else None
            out.append(s.model_copy(update={"question": km_question}) if km_question else s)
        return tuple(out)

    def _khmer_suggestions(self, candidates: list[KhmerCandidate]) -> tuple[Suggestion, ...]:
        out: list[Suggestion] = []
        for c in candidates:
            entry = self.kb.get(c.entry_id)
            if entry is None or entry.km is None or entry.kind in ("about", "safety"):
                continue
            if c.score < self.policy.suggest_at:
                continue
            out.append(
                Suggestion(id=entry.id, question=entry.km.question, score=round(min(c.score, 1), 4))
            )
            if len(out) == self.policy.max_suggestions:
                break
        return tuple(out)

    def _english_terms(self, folded: str) -> Reply | None:
        """What the English engine makes of the English words of a mixed Khmer message
        ("UXO", "Hun Sen", "convention on cluster munitions"); None when there are none, or
        when they are small talk ("hi bot")."""
        latin = " ".join(piece for khmer, piece in runs(folded) if not khmer)
        if not latin or not self.normalizer(latin):
            return None
        reply = self._decide(latin)
        top = reply.entry or (self.kb.get(reply.suggestions[0].id) if reply.suggestions else None)
        if top is None or top.kind == "about":
            return None
        return reply

    def _parts(
        self,
        text: str,
        answer_at: float | None = None,
        *,
        every_part: bool = False,
        memo: _Memo | None = None,
    ) -> list[Reply]:
        """Decide each question of the message; small talk and empty parts fold away.

        `answer_at` replaces the gate's answer threshold (see `_english`). `every_part`
        reads every part even when the first MAX_PARTS are settled, and every reading of a
        part with the one before it: the reference the early stops and the readings left
        unmade are tested against (tests/unit/answer/test_answerer.py). `memo`: the message's
        reading, when the caller goes on reading it (made with the same `answer_at`).
        """
        segments = self.normalizer.segments(text) or [text]
        memo = memo if memo is not None else _Memo(self, answer_at)
        replies: list[Reply] = []
        #: the text each reply was decided on: a part that leans on the one before is read
        #: with all the one before was read with ("a big summit Cambodia hosted. where and
        #: when was that?" reads "when was that" with the summit, not with "where")
        read: list[str] = []
        for i, segment in enumerate(segments):
            # (`_kept` keeps some of the replies it reads: fewer cannot hold MAX_PARTS parts)
            if (
                not every_part
                and len(replies) > MAX_PARTS
                and len(self._kept(replies[:-1])) >= MAX_PARTS
            ):
                # a part can only change the last reply or add one after it: once the
                # replies before the last hold MAX_PARTS parts, the rest of a long message
                # cannot change what is answered (a chatty message stops costing per sentence)
                break
            if (
                not every_part
                and len(replies) >= MAX_PARTS
                and len(self._kept(replies)) >= MAX_PARTS
                and self._stands_alone(segment, memo)
            ):
                # the parts are settled but for the last one, and this sentence does not
                # lean on it: it would only be added after them, and cut (no match needed)
                break
            # a sentence that points back and provably cannot answer on its own ("my
            # teacher mentioned this in class..."): all its reading would tell is that it
            # does not answer, and whether it leans (no content word), which its query
            # tells; it is matched only if it is shown as a part of its own (below)
            unanswered = (
                self._points_back_unanswered(segment, memo) if i and not every_part else None
            )
            reply: Reply | None
            query: Query | None
            if unanswered is not None:
                reply, query = None, unanswered
                answered, leans = False, not unanswered.informative
            else:
                reply, query = memo.decide(segment)
                answered = reply.answered
                leans = bool(i) and self._leans_on_previous(reply, query)
            # "@bot and what about biden...": a question never completes a greeting answered
            # as small talk (read with it, the question was folded into the hello)
            after_small_talk = bool(
                replies
                and replies[-1].answered
                and replies[-1].entry is not None
                and replies[-1].entry.kind == "about"
            )
            if replies and not after_small_talk and self._offers_another_answer(segment, memo):
                # "is a victim only the person injured? or family also?": the same question
                # with another answer offered, read whole in place of the part before
                before = read[-1] if read else segments[i - 1]
                merged, _ = memo.decide(f"{before} {segment}")
                if merged.answered or not replies[-1].answered:
                    replies[-1] = merged
                    if read:
                        read[-1] = f"{before} {segment}"
                continue
            if (
                i
                and not after_small_talk
                and (
                    leans
                    or memo.points_back(segment)
                    or self._name_alone_again(
                        segment, read[-1] if read else segments[i - 1], memo
                    )
                )
            ):
                before = read[-1] if read else segments[i - 1]
                rewritten = self._follow_up(before, segment, memo.normalize)
                if not rewritten and not leans and answered and not every_part:
                    # it points back but answers on its own: the reading with the part
                    # before it would not be used (below), so it is not made
                    replies.append(reply if reply is not None else memo.decide(segment)[0])
                    read.append(segment)
                    continue
                together = rewritten or f"{before} {segment}"
                # "germany ratify date? canada?": another name in the same question is a
                # question of its own whether or not it answers; read alone, a country or a
                # person says little ("and india?" is not "is india in the ccm"), while
                # "and the cmaa?" answered alone says what the cmaa is
                named = memo.normalize(segment)
                again = (
                    bool(rewritten)
                    and not leans
                    and bool(self.matcher.names(named))
                    and (
                        not answered
                        or bool(
                            self.matcher.names(named, "country")
                            or self.matcher.names(named, "person")
                        )
                    )
                )
                if (
                    not again
                    and not every_part
                    and (replies[-1].answered or not (leans or not answered))
                    and (query_together := memo.query(together)) is not None
                    and self._cannot_answer(query_together)
                ):
                    # all that matters of the reading together is whether it answers (it
                    # would replace the last part only if it did, or if the last part
                    # were unanswered too), and it provably does not
                    if not (leans or not answered) or self._asks_on_its_own(
                        leans, query, reply, segment, memo
                    ):
                        replies.append(reply if reply is not None else memo.decide(segment)[0])
                        read.append(segment)
                    continue
                merged, _ = memo.decide(together)
                if rewritten and merged.answered:
                    replies.append(merged.model_copy(update={"question": segment}))
                    read.append(together)
                    continue
                if again:  # it does not replace the last part
                    replies.append(merged.model_copy(update={"question": segment}))
                    read.append(together)
                    continue
                if leans or not answered:  # nothing of its own: it completes the last
                    if merged.answered or not replies[-1].answered:
                        replies[-1] = merged
                        read[-1] = together
                    elif self._asks_on_its_own(leans, query, reply, segment, memo):
                        replies.append(reply if reply is not None else memo.decide(segment)[0])
                        read.append(segment)
                    elif self._asks_back_of_another(merged, replies[-1]) and _asks(
                        segment, text, memo.normalize(segment)
                    ):
                        replies.append(merged.model_copy(update={"question": segment}))
                        read.append(together)
                    continue
            if i and not answered and replies and replies[-1].answered:
                # "when did cambodia host the fifth review conference, and who was the
                # president?": a question naming no subject of its own, asked of the one
                # before's, answered by another entry when read with it
                borrowed = self._with_the_part_before(read[-1], segment, replies[-1], memo)
                if borrowed is not None:
                    replies.append(borrowed)
                    read.append(f"{read[-1]} {segment}")
                    continue
            replies.append(reply if reply is not None else memo.decide(segment)[0])
            read.append(segment)
        if len(replies) > 1:
            replies = self._content(replies) or replies[:1]
        out = self._distinct(replies)
        if len(out) > 1 and any(r.answered for r in out):
            # "my students asked about Yang Peou, quoted in the article. what is his title?":
            # the story before the question is no question of its own to ask back about
            out = [r for r in out if r.answered or not _TELLS.match(r.normalized)] or out
        out = out[:MAX_PARTS]
        if len(out) > 1 and not any(r.answered for r in out):
            return [memo.decide(text)[0]]  # nothing answered part by part: read it whole
        return out

    def _with_the_part_before(
        self, before: str, segment: str, last: Reply, memo: _Memo
    ) -> Reply | None:
        """The reply to a part that names nothing (no country, person or organisation) read
        with the part before it, when that answers an entry the part before did not (None
        otherwise: the same entry says nothing new, and a part that names its own subject
        is not lent another's)."""
        if self.matcher.names(memo.normalize(segment)):
            return None
        merged, _ = memo.decide(f"{before} {segment}")
        if not merged.answered or merged.entry is None or last.entry is None:
            return None
        if merged.entry.id == last.entry.id:
            return None
        return merged.model_copy(update={"question": segment})

    def _kept(self, replies: list[Reply]) -> list[Reply]:
        """The parts of these replies that a reply always shows: questions of their own,
        less the story told around them (`_TELLS`) unless it was answered."""
        return [
            r
            for r in self._distinct(self._content(replies))
            if r.answered or not _TELLS.match(r.normalized)
        ]

    def _stands_alone(self, segment: str, memo: _Memo) -> bool:
        """A sentence that provably neither leans on the part before it nor points back to
        it, read without matching it: what `_leans_on_previous` and `_points_back` would say
        after its match, from its query alone (`Matcher.search` reads the same query). Its
        query has a content word and more than four words, so neither an empty reading, an
        uninformative one nor a short small-talk one can make it lean; False whenever the
        match would be needed to tell."""
        normalized = memo.normalize(segment)
        if not normalized or memo.points_back(segment):
            return False
        query = memo.query(segment)  # (the one its match would read, if it is made)
        return query is not None and query.informative and len(query.tokens) > 4

    def _points_back_unanswered(self, segment: str, memo: _Memo) -> Query | None:
        """The query of a sentence that points back to the part before it and provably
        cannot be answered on its own (None otherwise, or when only its match could tell).

        Provably: words no entry uses carry at least `max_unknown_share` of its weight,
        and no candidate can score `exact_at` (`Matcher.score_bound`), so the
        unknown-words rule (or one before it) holds whatever the match finds: `match`
        gives a rule, and a rule never answers."""
        if not memo.points_back(segment):
            return None
        query = memo.query(segment)
        if query is None or not self._cannot_answer(query):
            return None
        return query

    def _cannot_answer(self, query: Query) -> bool:
        """No match of this query can be answered: the unknown-words rule holds for it
        whatever its candidates (see `match`: the rules before it also never answer)."""
        return (
            query.unknown_share >= self.policy.max_unknown_share
            and self.matcher.score_bound(query) < self.policy.exact_at
        )

    @staticmethod
    def _asks_on_its_own(
        leans: bool, query: Query | None, reply: Reply | None, segment: str, memo: _Memo
    ) -> bool:
        """A part read with the one before that answers nothing, but asks about what nothing
        here knows ("what does the ccm ban? and what did the pope say about it?"): its own
        reply says so, rather than the part vanishing into the one before."""
        if leans or query is None or query.unknown_share <= 0:
            return False
        normalized = reply.normalized if reply is not None else memo.normalize(segment)
        return bool(_ASKS.match(normalized))

    @staticmethod
    def _asks_back_of_another(merged: Reply, last: Reply) -> bool:
        """A part that leans on the answered one before it, read with it, is unsure of
        another entry ("how many states parties were there in july 2023? and today?", the
        second part a little under the threshold): it is asked back as a part of its own,
        rather than vanishing behind the answer to the first. Only an unsure reading counts
        (a rule that holds, such as unknown words, is no sign the part asks anything), and
        not when its first suggestion is the entry already answered; the part must ask
        (`_asks`): a remark after the question ("sorry if that's a dumb question") is no
        question to ask back about."""
        if merged.status != "clarify" or merged.reason != "unsure" or not merged.suggestions:
            return False
        return last.entry is None or merged.suggestions[0].id != last.entry.id

    def _content(self, replies: list[Reply]) -> list[Reply]:
        """The replies that are questions of their own: small talk and empty parts fold away."""
        return [r for r in replies if not self._small_talk(r) and r.reason != "empty"]

    @staticmethod
    def _distinct(replies: list[Reply]) -> list[Reply]:
        """One reply per answered entry (the first), every unanswered reply, in order."""
        distinct: dict[str, Reply] = {}
        for reply in replies:
            key = reply.entry.id if reply.answered and reply.entry else f"?{len(distinct)}"
            distinct.setdefault(key, reply)
        return list(distinct.values())

    def _unknown_country(self, reply: Reply) -> Reply | None:
        """"Is Narnia in the CCM?": the status of a country the table does not hold gets the
        entry that says what the table covers (there is no sourced status for others), not a
        guess and not another country's answer."""
        coverage = self.kb.get(COVERAGE_ID)
        match = _STATUS_QUESTION.match(reply.normalized)
        if coverage is None or match is None:
            return None
        subject = match["subject"]
        query = self.matcher.parse(self.matcher.respell(subject))
        if self.matcher.names(subject) or not query.unknown_share:
            return None
        return Reply(
            question=reply.question,
            status="answered",
            entry=coverage,
            confidence=1.0,
            reason="no-status",
            normalized=reply.normalized,
        )

    def _small_talk(self, reply: Reply) -> bool:
        top = reply.entry or (self.kb.get(reply.suggestions[0].id) if reply.suggestions else None)
        if top is None and reply.reason != "empty" and _ASKS.match(reply.normalized):
            # "...and what did the pope say about it?": a question nothing here answers is
            # declined as a part of its own, not folded away as chatter
            return False
        if reply.reason in ("weak", "no-match") and self.normalizer.only_filler(reply.question):
            return True  # "ok quick ones: 1) when was... 2) how many...": chat, no question
        return (reply.reason in ("empty", "weak") and top is None) or (
            top is not None and top.kind == "about"
        )

    def _points_back(self, segment: str, normalize: Callable[[str], str]) -> bool:
        """A part that refers to the one before ("what was its reasoning", "and laos?")."""
        words = normalize(segment).split()
        return bool(words) and (
            bool(_FOLLOW_OPENERS.match(" ".join(words)))
            or (bool(_POINTERS & set(words)) and not self.matcher.names(" ".join(words)))
            # "what is its status under the ccm", "has it joined the ccm": a treaty named,
            # the country pointed to
            or (
                bool(
                    _POSSESSIVE_POINTERS & set(words)
                    or (_SUBJECT_POINTERS & set(words) and _MEMBERSHIP_WORDS & set(words))
                )
                and not self.matcher.names(" ".join(words), "country")
            )
        )

    def _name_alone_again(self, segment: str, before: str, memo: _Memo) -> bool:
        """"what did spain say? germany?": a name alone after a question about another name
        asks the same question of it; not after "which countries...? india?", where it is a
        guess at the answer."""
        words = memo.normalize(segment).split()
        named = set(words) - STOPWORDS
        return (
            0 < len(words) <= 2
            and bool(named)
            and named <= set(self.matcher.names(" ".join(words)))
            and not {"which", "other", "apart", "besides"} & set(memo.normalize(before).split())
        )

    def _leans_on_previous(self, reply: Reply, query: Query | None = None) -> bool:
        """A part with nothing of its own to match ("who made them", "and when?"). `query`:
        the part's query as its match read it (the same as reading it again)."""
        if reply.reason == "empty":
            return True
        if query is None:
            query = self.matcher.parse(self.matcher.respell(reply.normalized))
        return not query.informative or (
            reply.entry is not None and reply.entry.kind == "about" and len(query.tokens) <= 4
        )

    # -- one question ------------------------------------------------------------------------------
    def _related(self, a: str, b: str) -> bool:
        """Curators listed one as a follow-up of the other: both are fair answers, and the
        one not shown is a button away."""
        first, second = self.kb.get(a), self.kb.get(b)
        return bool(first and second and (b in first.related or a in second.related))

    def _suggestions(self, candidates: list[Candidate]) -> tuple[Suggestion, ...]:
        out: list[Suggestion] = []
        for c in candidates:
            entry = self.kb.get(c.entry_id)
            if entry is None or entry.kind in ("about", "safety"):
                continue
            if c.score < self.policy.suggest_at:
                continue
            out.append(Suggestion(id=entry.id, question=entry.question, score=round(c.score, 4)))
            if len(out) == self.policy.max_suggestions:
                break
        return tuple(out)

    def match(
        self, text: str, *, normalized: str | None = None, query: Query | None = None
    ) -> Match | None:
        """What the matcher and the gate make of one question (None: nothing to match).
        `normalized`: the text's normalization, when the caller has it already; `query`:
        the matcher's reading of it (`_Memo.query`), likewise."""
        if normalized is None:
            normalized = self.normalizer(text)
        if not normalized:
            return None
        query, candidates = self.matcher.search(normalized, limit=6, query=query)
        if not candidates:
            return Match(normalized, query, [], None, 0.0, "no-match")
        missing = self.matcher.missing_subjects(query, normalized, candidates[0].entry_id)
        if missing:
            missing = self._asked_about(text, missing)
        if missing and all(self._identifies(subject) for subject in missing):
            first = candidates[0]
            candidates = self._about_the_subject(query, normalized, candidates, missing)
            if candidates[0] is not first:
                missing = []  # the runner-up put first is about all the question names
        top = candidates[0]
        top_entry = self.kb.get(top.entry_id)
        small_talk = top_entry is not None and top_entry.kind == "about"
        exact = top.score >= self.policy.exact_at
        related = len(candidates) > 1 and self._related(top.entry_id, candidates[1].entry_id)
        found = evidence(
            query,
            candidates,
            related=related,
            small_talk=small_talk,
            exact_at=self.policy.exact_at,
            focus_found=self.matcher.focus_found(normalized, top.entry_id),
            entry_words=self.entry_words.logit(top.entry_id, normalized),
        )
        probability = self.gate.probability(found)
        rule = None
        if not query.informative and not exact and not small_talk:
            rule = "weak"  # only function words or numbers matched: nothing to go on
        elif asks_opinion(normalized):
            rule = "opinion"  # the bot reports sourced facts and attributed positions only
        elif missing:
            rule = "other-subject"  # it names someone or something the entry is not about
        elif query.unknown_share >= self.policy.max_unknown_share and not exact:
            rule = "other-subject"  # much of it is words no entry uses: about something else
        return Match(normalized, query, candidates, found, probability, rule)

    def _asked_about(self, text: str, subjects: list[str]) -> list[str]:
        """Of these subjects, the ones the message asks about. A subject named only in a
        sentence that tells the writer's story ("my grandma from battambang was telling
        stories about the k5 mines... when did they build it", "I'm in week two of my IHL
        module...") is where the story happened, not what is asked; one named in a sentence
        that asks, or in no sentence on its own, stays."""
        segments = self.normalizer.segments(text)
        if len(segments) < 2:
            return subjects
        asked: list[str] = []
        told: list[str] = []
        for segment in segments:
            normalized = self.normalizer(segment)
            if _asks(segment, text, normalized):
                asked.append(f" {normalized} ")
            elif _TELLS.match(normalized) and not _EMBEDDED_QUESTION.search(normalized):
                # ("i wonder whether you could tell me how many... in 2022" asks, politely)
                told.append(f" {normalized} ")
        if not asked or not told:
            return subjects
        return [
            s
            for s in subjects
            if any(f" {s} " in a for a in asked) or not any(f" {s} " in t for t in told)
        ]

    def _about_the_subject(
        self, query: Query, normalized: str, candidates: list[Candidate], missing: list[str]
    ) -> list[Candidate]:
        """The candidates with the first one close behind the top that is about everything
        the question names put first, when the top is not: "what does art. 7 require" ranks
        Article 5's entry a nose ahead of Article 7's, and the article number says which."""
        floor = candidates[0].score - self.policy.subject_margin
        # a year must be what the runner-up's own questions ask about, not one its answer
        # mentions in passing
        years = [s for s in missing if _YEAR_ALONE.fullmatch(s)]
        for i, c in enumerate(candidates[1 : self.policy.subject_depth + 1], start=1):
            if c.score < floor:
                break
            if self.matcher.missing_subjects(query, normalized, c.entry_id):
                continue
            if all(self.matcher.asked_in(c.entry_id, year) for year in years):
                return [c, *candidates[:i], *candidates[i + 1 :]]
        return candidates

    def _identifies(self, subject: str) -> bool:
        """A subject that says which entry, not what of it: a name, a year, an article, a
        speaker with a name in it ("what did my government in laos say")."""
        return bool(
            _YEAR_ALONE.fullmatch(subject)
            or subject.startswith("article ")
            or any(self.matcher.is_name(word) for word in subject.split())
        )

    def _decide(
        self,
        text: str,
        answer_at: float | None = None,
        match: Match | Literal[False] | None = False,
    ) -> Reply:
        """Answer, ask back or decline one question; `answer_at` replaces the gate's answer
        threshold; `match`: the question's `match`, when known."""
        if match is False:
            match = self.match(text)
        if match is None:
            return Reply(question=text, status="declined", confidence=0.0, reason="empty")
        if not match.candidates:
            return Reply(
                question=text,
                status="declined",
                confidence=0.0,
                reason="no-match",
                normalized=match.normalized,
            )
        candidates, probability = match.candidates, match.probability
        top = candidates[0]
        top_entry = self.kb.get(top.entry_id)
        threshold = self.gate.answer_at if answer_at is None else answer_at
        reason = match.rule or (
            "confident"
            if probability >= threshold
            else "unsure"
            if probability >= self.gate.clarify_at
            else "weak"
        )
        if reason == "confident":
            runner_up = candidates[1].score if len(candidates) > 1 else 0.0
            close = top.score - runner_up < self.policy.follow_up_margin
            small_talk = top_entry is not None and top_entry.kind == "about"
            return Reply(
                question=text,
                status="answered",
                entry=top_entry,
                confidence=self.gate.confidence(probability),
                reason="small-talk" if small_talk else reason,
                normalized=match.normalized,
                suggestions=self._suggestions(candidates[1:2]) if close else (),
                score=top.score,
            )
        suggestions = self._suggestions(candidates)
        # asking back "which of these did you mean?" fits a question the entries nearly
        # answer; "who won the world cup" ruled out with a weak match is declined, still
        # showing the closest questions
        asks_back = reason not in ("weak", "opinion") and probability >= self.gate.clarify_at
        status: Status = "clarify" if asks_back and suggestions else "declined"
        return Reply(
            question=text,
            status=status,
            confidence=min(self.gate.confidence(probability), 0.5),
            reason=reason,
            suggestions=suggestions,
            normalized=match.normalized,
            score=top.score,
        )

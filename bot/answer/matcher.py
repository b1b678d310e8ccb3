"""Rank knowledge-base entries for a normalized question.

Three signals, because no single scorer is trustworthy:

* a **weighted word overlap** with each phrasing (the recall scorer): every word carries an
  IDF weight computed over entries, so "countries" or "cluster munitions", which appear in
  many entries, count for little and "nato", "dud", "k5" for a lot. It yields how much of the
  *question* a phrasing covers (recall) and how much of the *phrasing* the question covers
  (precision), combined as an F-score leaning to recall: neither subsets (token_set_ratio's
  blind spot) nor long phrasings sharing a few common words (WRatio's saturation) win;
* a **character-level** rapidfuzz `token_sort_ratio` over the content words, run through
  `process.extract` on the shortlisted phrasings (the discriminating scorer): it separates
  phrasings whose words overlap alike but whose wording differs;
* the share of the question found **anywhere in the entry**, its answer text included at a
  lower credit, for questions that mix words from several phrasings.

Before scoring, unknown words are checked for typos against the index vocabulary
(`process.extractOne`, `fuzz.ratio`), unless they are real English words; derived forms
(ratify/ratification) meet with partial credit. Words never seen weigh heavily: a question
about something we don't cover loses recall. Names (countries, people, organisations) always
weigh enough to matter, and an entry that never mentions a name the question uses is
penalised (see bot/answer/names.py).

Everything is built once; candidates come from the postings of the question's rarer words,
so a query's cost follows those postings, not the size of the knowledge base.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.answer.dictionary import is_english_word
from bot.answer.lexicon import QUESTION_WORDS, STOPWORD_WEIGHT, STOPWORDS, related_words, stem
from bot.answer.names import is_country, names_in, people_in
from bot.answer.normalize import Normalizer
from bot.answer.unconfirmed import unconfirmed_years
from bot.kb.models import KnowledgeBase

#: the thing a question asks for: "how many *deminers*", "which *month*", "what *range*"
_FOCUS = re.compile(
    r"\bhow (?:many|much) (?:of )?(?:the )?(\w+)"
    r"|\b(?:what|which) (?!is\b|are\b|was\b|were\b|does\b|did\b|do\b|has\b|have\b|can\b"
    r"|could\b|would\b|should\b|will\b|the\b|a\b|an\b|it\b|they\b|he\b|she\b|you\b"
    r"|we\b|i\b|happened\b|happens\b|if\b|about\b|kind\b|sort\b|type\b)(\w+)"
    r"|\bwho (?:is|was|are|were) the (\w+)"
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_DAY = rf"\b\d{{1,2}} {_MONTH}|{_MONTH}\w* \d{{1,2}}\b"
#: what a date-like focus needs in the answer: "what year" a year, "which month" a month...
_DATE_WORDS = {
    "year": r"\b(?:19|20)\d\d\b",
    "month": rf"\b{_MONTH}\w*\b",
    "date": _DAY,
    "day": _DAY,
}
_YEAR = re.compile(r"\b(19[4-9]\d|20[0-4]\d)\b")
_ARTICLE = re.compile(r"\b(?:article|art|articles|arts) (\d{1,2})\b")
#: "what did X say", "how did X react", "X view/reaction": X is whose words are asked for
_SPEAKER = re.compile(
    r"\b(?:what|how|why) (?:did|does|do|has|have|was|is) ((?:\w+ ){1,3}?)(?:say|said|think"
    r"|thought|argue|claim|respond|react|reaction|tweet|post|write|mean|want|ask|urge|call|reply"
    r"|feel)\b"
    r"|\baccording to ((?:\w+ ){0,2}\w+)"
    r"|\b(?:did|does|has|have|had) ((?:\w+ ){1,4}?)"
    r"(?:(?:ever|actually|officially|publicly|formally|even|also) )*"
    r"(?:say|reaction|answer|comment|reply)\b"
)
#: "how many", "how much": only an answer that gives a quantity answers it
_QUANTITY = re.compile(r"\bhow (?:many|much)\b")
_MONTHS = (
    "jan feb mar apr may jun jul aug sep oct nov dec january february march april june july"
    " august september october november december"
)
#: a number in an answer that is a count or an amount (not a year, not a day of a date, not
#: an article's number), or a number word
_COUNT = re.compile(
    r"\b(?<!article )(?<!art )(?!(?:19|20)\d\d\b)\d[\d,.]*\b"
    r"(?! (?:\d+ )?(?:" + _MONTHS.replace(" ", "|") + r")\b)"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?"
    r"|thousands?|millions?|billions?|half|quarter|none|no one|nobody|single|several|few)\b"
)

#: an office or title the question asks who holds ("who is the president of...", "cambodia s
#: minister of defence"): an entry that never names that office does not answer it
_ROLE = re.compile(
    r"\b(president|director|minister|chief|leader|chair|chairman|chairwoman|chairperson"
    r"|secretary|ambassador|spokesman|spokeswoman|spokesperson|commander|king|queen|governor"
    r"|mayor|ceo|founder|deputy|head|coordinator)s?\b"
)
#: who did an office's act ("who chaired the conference", "who nominated the coalition"), as
#: the question reads after synonyms (chaired, headed, led -> "lead"): an entry that never
#: speaks of that act does not say who did it
_WHO_ACTS = re.compile(
    r"\bwho (?:\w+ ){0,3}?(lead|presided|coordinated|nominated|drafted|invented|designed"
    r"|sponsored|hosted)\b"
)
_ACT_STEMS = {
    "lead": "lead", "presided": "presid", "coordinated": "coordinat", "nominated": "nominat",
    "drafted": "draft", "invented": "invent", "designed": "design", "sponsored": "sponsor",
    "hosted": "host",
}  # fmt: skip
#: which one of a series the question asks about ("the 2nd meeting of states parties", "the
#: sixth review conference", "the 43rd drawdown package"): an entry that never names that
#: one, in words or figures, is about another
_ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
).split()
_ORDINAL = re.compile(
    r"\b(?:(\d+)(?:st|nd|rd|th)|(" + "|".join(_ORDINAL_WORDS) + r"))"
    r" (?:\w+ ){0,2}?(?:meetings?|conferences?|revcon|msp|package|tranche|drawdown|party"
    r"|parties|session|extension|anniversary)\b"
)
#: which minister or secretary: "defence minister" is not the prime minister
_MINISTRY = re.compile(
    r"\b(?:defen[cs]e|foreign|interior|finance|health|education|justice|prime|state) "
    r"(?:minister|secretary)\b"
)
#: who leads an organisation: any of these names that office
_LEADS = (
    "president", "director", "chief", "leader", "chair", "chairman", "chairwoman",
    "chairperson", "head", "ceo", "lead",
)  # fmt: skip
#: an attribute the question asks for ("atacms range", "which company makes...", "what was
#: the code name..."), and what in an entry's text gives it: an entry that never speaks of it
#: does not answer the question, however well the rest of the words match
_ATTRIBUTES: dict[str, re.Pattern[str]] = {
    word: re.compile(rf" (?:{gives}) ")
    for words, gives in (
        # a range of values ("1.3–2.35%" reads "1.3 2.35") answers "what range did he give"
        (
            "range ranges",
            r"ranges?|km|kilometres?|kilometers?|miles?|reach|\d[\d.]* (?:to )?\d[\d.]*",
        ),
        (
            "weight weigh weighs",
            r"weights?|weighs?|weighed|kg|kilograms?|grams?|pounds?|tons?|tonnes?",
        ),
        (
            "size diameter calibre caliber length",
            r"sizes?|diameter|calibre|caliber|mm|cm|long|length",
        ),
        (
            "price prices cost costs budget",
            # an amount of money ("$800 million" reads "800 million"), not any large number:
            # "2.7 million tons" is no cost
            r"prices?|costs?|budget|\$\S*|dollars?|usd|funding|worth|paid|spent|spend"
            r"|\d[\d.]* (?:million|billion)(?! (?:tons?|tonnes|people|bomblets|bombs"
            r"|submunitions|mines|landmines|munitions|cluster|km|square|sorties|items|pieces))",
        ),
        (
            "company companies manufacturer manufacturers maker makers producer producers",
            r"company|companies|manufacturers?|makers?|producers?|made by|built by",
        ),
        ("codename nickname", r"code ?names?|nicknames?|operation|called|named"),
        ("population", r"population|inhabitants|people live"),
        # "how many followers does his channel have": an entry that never counts them
        ("followers subscribers", r"followers?|subscribers?|subscriptions?|audience"),
        ("salary", r"salary|salaries|paid|pay"),
        ("religion", r"religion|buddhis\w*|muslim|christian"),
        ("month", _MONTHS.replace(" ", "|")),
        # "how many cambodians were killed by the bombing": an entry that never speaks of
        # deaths or casualties (tons, sorties) does not answer it
        ("killed", r"kill\w*|died|dead|deaths?|casualt\w*|fatal\w*|lives|victims?"),
        # "what was the dud rate of the ATACMS warheads": an entry that never speaks of duds
        ("dud duds", r"duds?|dud rates?|fail\w*|unexploded|did not explode|failure"),
        ("author authors byline", r"by|authors?|written|wrote|reporters?|journalists?"),
        # "what percent of the dead are women": an entry that never counts by sex
        ("women woman female females gender girls", r"wom[ae]n|females?|gender|girls?|sex"),
    )
    for word in words.split()
}
_ATTRIBUTE = re.compile(r"\b(" + "|".join(_ATTRIBUTES) + r")\b|\bcode (name)s?\b")
#: a weapon's model code ("9N235", "M483A1", "BLU-26" read as "blu 26" is not one): a question
#: about one model is not answered by an entry about another
_MODEL_CODE = re.compile(
    r"\b(?!(?:art|article|km|sq|cm|mm|kg|rc)\d)(?:[a-z]{1,4}\d{2,}[a-z\d]*|\d+[a-z]{1,2}\d{2,}[a-z\d]*)\b"
)
#: an event the question asks about ("when was he appointed", "where is it headquartered",
#: "how many abstained", "how did the house vote", "when did britain last use them"), and
#: what in an entry's words speaks of it: an entry that never does (a who-is entry, a
#: country's status) does not say when, where or how it happened
_EVENTS: tuple[tuple[re.Pattern[str], re.Pattern[str], str], ...] = tuple(
    (re.compile(asks), re.compile(rf" (?:{speaks})"), name)
    for name, asks, speaks in (
        (
            "headquarters",
            r"\b(?:headquarter\w*|hq)\b|\bwhere (?:is|are|was|were) (?:\w+ ){1,4}?based\b",
            r"headquarter|hq |based |seat |offices? |located|secretariat",
        ),
        (
            "appointed",
            r"\bappoint(?:ed|ment)?\b",
            r"appoint|named |became|took office|sworn|elect|chosen|nominat|succeed",
        ),
        ("abstained", r"\babstain\w*|\babstention", r"abstain|abstention"),
        ("vote", r"\bvot(?:e|ed|es|ing)\b", r"vot|in favou?r|against|abstain|abstention"),
        (
            "use",
            r"\b(?:when|where|how often|how many times) (?:\w+ ){1,5}?(?:use|used|using)\b",
            r"use|fired|dropp|deploy|attack|struck|strike|employ|shell",
        ),
        (
            "cleared",
            r"\bhow (?:much|many) (?:\w+ ){0,6}?(?:did|does|do|has|have|was|were|is|are)"
            r" (?:\w+ ){0,3}?(?:clear|cleared|release|released)\b",
            r"clear|releas|demin|destroy|remov",
        ),
    )
)
#: every event's question pattern as one: where it finds nothing, none of them matches (a
#: match of one at some place is a match of the alternation there or before), and the six
#: scans of a part are one (most parts ask about no event)
_ANY_EVENT = re.compile("|".join(f"(?:{asks.pattern})" for asks, _, _ in _EVENTS))
#: a comparison ("compare X and Y", "X vs Y", "which cleared more"): of two countries it
#: names, an entry whose questions are about one, naming the other in passing, answers half
_COMPARE = re.compile(
    r"\bcompar\w*|\bdifference\b|\bvs\b|\bversus\b"
    r"|\bwhich (?:\w+ ){0,5}?(?:more|less|fewer|bigger|larger|higher|lower|worse)\b"
)
#: a person's age or birth: only an entry that gives one answers it
_AGE = re.compile(r"\bhow old\b|\b(?:his|her|their) age\b|\bage of\b|\bborn\b")
_AGE_IN_ENTRY = re.compile(r" (?:born|aged|age|birth|years old) ")

#: shares of the final score: best phrasing's weighted token overlap (F1), its character
#: similarity, and the rest for the entry-level coverage of the question's words
PHRASING_SHARE = 0.4
CHAR_SHARE = 0.2
#: (the same value `1 - PHRASING_SHARE - CHAR_SHARE` gives, worked out once)
COVERAGE_SHARE = 1 - PHRASING_SHARE - CHAR_SHARE
#: F-beta's beta for the phrasing score: >1 values covering the question over covering the
#: phrasing (a phrasing may say more than the question asked)
RECALL_EMPHASIS = 1.5
#: a question word found only in the answer text counts this much (vs 1 in a phrasing)
ANSWER_CREDIT = 0.7
#: derived forms sharing a long prefix (ratify/ratification) match with this credit
FAMILY_PREFIX = 5
FAMILY_CREDIT = 0.8
#: unknown words weigh this share of the rarest known word's weight
UNKNOWN_WEIGHT_SHARE = 0.8
#: names weigh at least this share of the rarest word, however many entries mention them:
#: "cambodia" is in half the entries, yet "how did cambodia vote" is not "how did russia vote"
ENTITY_FLOOR = 0.5
#: each name in the question that an entry never mentions scales its score by this
MISSING_NAME_FACTOR = 0.85
#: an entry generated from a table (a family, e.g. the countries) is scaled by this when the
#: question shares none of the words the family's phrasings have in common ("ccm", "ratify",
#: "state party"...), or asks with a question word they never use ("why", "who"): a
#: country's name alone does not make "has syria used cluster munitions" or "why did france
#: ratify" a question its status answers
OFF_FAMILY_FACTOR = 0.6
#: a word is part of a family's own vocabulary when at least this share of its entries use it
FAMILY_VOCABULARY_SHARE = 0.9
#: words people ask with but answers never use ("stand for", "meaning", "runs") weigh less
QUESTION_ONLY_WEIGHT = 0.8
#: how many phrasings go on to the character-level scorer
SHORTLIST = 60
#: words shared by more than this share of phrasings are not used to *find* candidates once
#: MIN_POOL candidates are found through rarer words (they still count when scoring them);
#: this keeps a query's cost bounded at any scale without missing candidates in a small index
COMMON_POSTINGS_SHARE = 0.05
MIN_POOL = 2000


#: a question that asks for a country, which a country's row may answer without being named
_WHICH_COUNTRY = re.compile(
    r"\b(?:which|what|who)\b(?: \w+){0,2}? (?:country|countries|state|states|nation|nations)\b"
    r"|\bwho\b"
)


class Candidate(NamedTuple):
    """An entry's best phrasing for a question, with the evidence the policy needs.

    A named tuple, not a frozen dataclass: every search makes a few, and a frozen
    dataclass's constructor sets each of its ten fields through `object.__setattr__`
    (1.3 microseconds a candidate against 0.6, 2026-12-02)."""

    entry_id: str
    score: float  # 0..1, the combined score of the best phrasing
    phrasing: str  # that phrasing as the curator wrote it
    recall: float  # share of the question's weight the entry covers (phrasing or entry-wide)
    precision: float  # share of the phrasing's weight the question covers
    char: float  # character-level similarity 0..1
    overlap: float = 0.0  # the best phrasing's weighted F-score alone
    coverage: float = 0.0  # share of the question's weight found anywhere in the entry
    #: the heaviest question word the entry never mentions, as a share of the question's weight
    uncovered: float = 0.0
    #: share of the question's weight (function words aside) that the answer text itself has
    in_answer: float = 0.0


@dataclass(frozen=True, slots=True)
class Query:
    """A question after normalization, tokenization and typo correction."""

    text: str
    tokens: tuple[str, ...]  # stems, after correction
    #: one (weight, {vocab id: credit}) per distinct word: what would count as finding it
    terms: tuple[tuple[float, dict[int, float]], ...]
    weight: float  # total weight of all words (known and unknown)
    content: str  # content stems joined, for the character scorer
    has_function_words: bool  # stopwords or question words: a sentence, not keyword soup
    informative: bool  # at least one known word that is neither a stopword nor a number

    @property
    def unknown_share(self) -> float:
        """Share of the question's weight carried by words the index has never seen."""
        return sum(w for w, credits in self.terms if not credits) / self.weight


@dataclass(slots=True)
class _Phrasing:
    entry: int
    original: str
    normalized: str
    tokens: frozenset[int]
    weight: float
    content: str


class _EntrySignals:
    """`Matcher._coverage` and `Matcher._in_answer` for one question, with what does not
    depend on the entry worked out once: the same sums, in the same order, for the dozens of
    entries a question's shortlist holds."""

    __slots__ = ("_answer_terms", "_terms", "_total", "_weight")

    def __init__(self, query: Query, stems: list[str]) -> None:
        self._weight = query.weight
        self._terms = [(weight, tuple(credits.items())) for weight, credits in query.terms]
        self._answer_terms = [
            (weight, tuple(credits.items()))
            for weight, credits in query.terms
            if not (credits and all(stems[t] in STOPWORDS for t in credits))
        ]
        total = 0.0
        for weight, _ in self._answer_terms:
            total += weight
        self._total = total

    def coverage(self, bag: set[int], answer: frozenset[int]) -> tuple[float, float]:
        """As `Matcher._coverage` for the entry with these bags."""
        covered = missing = 0.0
        for weight, credits in self._terms:
            best = 0.0
            for t, credit in credits:
                if t in bag:
                    if credit > best:
                        best = credit
                elif t in answer and credit * ANSWER_CREDIT > best:
                    best = credit * ANSWER_CREDIT
            covered += weight * best
            if best == 0.0 and weight > missing:
                missing = weight
        return covered / self._weight, missing / self._weight

    def in_answer(self, words: frozenset[int]) -> float:
        """As `Matcher._in_answer` for the entry whose answer has these words."""
        if not self._total:
            return 0.0
        found = 0.0
        for weight, credits in self._answer_terms:
            best = 0.0
            for t, credit in credits:
                if t in words and credit > best:
                    best = credit
            found += weight * best
        return found / self._total


#: `MISSING_NAME_FACTOR**k` for the counts of missing names a question can have (worked out
#: once, not per question)
_NAME_FACTORS = tuple(MISSING_NAME_FACTOR**k for k in range(64))


class _SignalTerms:
    """A question's terms as the entry signals read them, worked out once per question
    (`Matcher._entry_scores` and `Matcher._entry_details`)."""

    __slots__ = ("factors", "floor", "scored", "terms", "total", "weight")

    def __init__(
        self,
        query: Query,
        term: Callable[
            [dict[int, float]], tuple[int, float, tuple[tuple[int, float], ...], bool, bool]
        ],
    ) -> None:
        # one pass over the question's words (a long part has a dozen or more)
        #: (weight, word or -1, its credit, every (word, credit), does the answer-text
        #: signal count it, is it a name) for each word some entry has
        self.terms: list[
            tuple[float, int, float, tuple[tuple[int, float], ...], bool, bool]
        ] = []
        #: (word or -1, its product found in a phrasing, found in the answer only, weight,
        #: every (word, credit), is it a name) for the coverage pass
        self.scored: list[
            tuple[int, float, float, float, tuple[tuple[int, float], ...], bool]
        ] = []
        unknown: list[float] = []
        total = 0.0
        for weight, credits in query.terms:
            t, credit, pairs, asks, name = term(credits)
            if asks:
                total += weight
            if pairs:
                self.terms.append((weight, t, credit, pairs, asks, name))
                self.scored.append(
                    (t, weight * credit, weight * (credit * ANSWER_CREDIT), weight, pairs, name)
                )
            else:
                unknown.append(weight)
        self.total = total
        self.weight = query.weight
        # a word no entry has adds nothing to the sums (x + 0.0 is x): it only sets a floor
        # to the heaviest word missing, the same for every entry
        self.floor = max(unknown, default=0.0)
        #: the penalty for each count of names an entry never mentions
        self.factors = (
            _NAME_FACTORS
            if len(self.terms) < len(_NAME_FACTORS)
            else [MISSING_NAME_FACTOR**k for k in range(len(self.terms) + 1)]
        )


def _whose_words(attributed_to: str | None, question: str, alternates: Sequence[str]) -> str:
    """Whose words an entry can report: the person of a position (and the country in its
    question: "How did Germany react?"); for other entries, the names in their question and
    alternates ("what did the icrc say about lithuania leaving": the ICRC's words are in it)."""
    if attributed_to:
        return f"{attributed_to} " + " ".join(w for w in question.split() if is_country(w.lower()))
    return " ".join((question, *alternates))


_EMPTY = np.zeros(0, dtype=np.intp)
#: a group of a question's words as `Matcher._overlap_arrays` gathers them: their postings,
#: and each posting's gain on the question's side and on the phrasing's
_Postings = tuple[list[npt.NDArray[np.intp]], list[float], list[float]]


class Matcher:
    """An immutable index over every phrasing (question, alternates, keywords) of every entry.

    `answers` (entry id -> answer text) adds a weaker, entry-level signal: a question's word
    found only in an entry's answer counts half as much as one found in its phrasings. Word
    weights (IDF) are computed over whole entries, phrasings and answer together.

    `families` (entry id -> family) names entries generated from one table (the country
    table): a family counts as one entry when weighing words, so that 160 near-identical
    entries do not make the words they share ("join", "ratify", "state party") look common.
    """

    def __init__(
        self,
        phrasings: Iterable[tuple[str, str]],
        normalizer: Normalizer,
        answers: Mapping[str, str] | None = None,
        is_word: Callable[[str], bool] = is_english_word,
        speakers: Mapping[str, str] | None = None,
        families: Mapping[str, str] | None = None,
    ) -> None:
        self.normalizer = normalizer
        self._is_word = is_word
        self._entry_ids: list[str] = []
        self._entry_index: dict[str, int] = {}
        entry_index = self._entry_index
        self._vocab: dict[str, int] = {}  # stem -> id
        self._surface: dict[str, int] = {}  # surface word -> stem id, for typo correction
        raw: list[tuple[int, str, str, list[int]]] = []
        seen: set[tuple[int, str]] = set()
        for entry_id, phrasing in phrasings:
            e = entry_index.setdefault(entry_id, len(entry_index))
            if e == len(self._entry_ids):
                self._entry_ids.append(entry_id)
            normalized = normalizer(phrasing)
            if not normalized or (e, normalized) in seen:
                continue
            seen.add((e, normalized))
            ids = [self._token_id(word) for word in normalized.split()]
            raw.append((e, phrasing, normalized, ids))

        self._entry_bag: list[set[int]] = [set() for _ in self._entry_ids]
        for e, _, _, ids in raw:
            self._entry_bag[e].update(ids)
        self._family_words = self._family_vocabularies(families or {})
        # answer words: a weaker, entry-level signal (the bag keeps only words no phrasing has)
        self._answer_bag: list[frozenset[int]] = [frozenset() for _ in self._entry_ids]
        #: every word of each answer: does the answer itself speak of what was asked?
        self._answer_words: list[frozenset[int]] = [frozenset() for _ in self._entry_ids]
        self._answer_text: list[str] = [""] * len(self._entry_ids)
        #: years an answer says it could not confirm ("we could not confirm the 2024 total"):
        #: a question about that year is not answered by it, whatever else it gives
        self._unconfirmed_years: list[frozenset[str]] = [frozenset()] * len(self._entry_ids)
        in_answers: set[int] = set()
        # a generated answer (a family's: the country table) is built from its own phrasings'
        # data: as a weighting signal it would only make the table's words look known to the
        # curated entries, so it feeds the checks on what an answer says, not the weights
        families = families or {}
        curated = {i: t for i, t in (answers or {}).items() if i not in families}
        for entry_id, text in (answers or {}).items():
            if entry_id in self._entry_index:
                e = self._entry_index[entry_id]
                words = frozenset(self._token_id(w) for w in normalizer(text).split())
                self._answer_words[e] = words
                self._answer_text[e] = normalizer.basic(text)
                self._unconfirmed_years[e] = unconfirmed_years(text)
                if entry_id in curated:
                    in_answers |= words
                    self._answer_bag[e] = words - self._entry_bag[e]
        #: each entry's words as text, for article numbers ("article 9" must be in it)
        self._entry_text: list[str] = [""] * len(self._entry_ids)
        for e, _, normalized, _ in raw:
            self._entry_text[e] += f" {normalized} "
        for entry_id, text in (answers or {}).items():
            if entry_id in self._entry_index:
                self._entry_text[self._entry_index[entry_id]] += f" {normalizer(text)} "
        #: whose words each entry can report, as token ids (see `missing_subjects`)
        self._speaker: dict[int, frozenset[int]] = {
            self._entry_index[entry_id]: frozenset(
                self._vocab[stem(w)] for w in normalizer(who).split() if stem(w) in self._vocab
            )
            for entry_id, who in (speakers or {}).items()
            if entry_id in self._entry_index
        }
        #: names a question can be about (see bot/answer/names.py)
        self._names: set[int] = {
            self._token_id(w) for w in names_in(curated.values(), normalizer)
        }
        self._names |= {t for word, t in self._vocab.items() if is_country(word)}
        #: which names are people and which countries, for follow-ups ("who is he?")
        self._people: set[int] = {
            self._vocab[stem(w)]
            for w in people_in(curated.values(), normalizer)
            if stem(w) in self._vocab
        } & self._names
        self._countries: set[int] = {t for t in self._names if is_country(self._stems_of(t))}
        #: the names among each entry's speakers (read at load, not per question)
        self._speaker_names: dict[int, frozenset[int]] = {
            e: frozenset(t for t in who if t in self._names) for e, who in self._speaker.items()
        }

        share = [1.0] * len(self._entry_ids)  # what each entry counts for in word weights
        if families:
            sizes = Counter(families[i] for i in self._entry_ids if i in families)
            for e, entry_id in enumerate(self._entry_ids):
                if entry_id in families:
                    share[e] = 1.0 / sizes[families[entry_id]]
        df: dict[int, float] = defaultdict(float)
        for e in range(len(self._entry_ids)):
            for t in self._entry_bag[e] | self._answer_bag[e]:
                df[t] += share[e]
        n = max(sum(share), 1.0)
        self._stems: list[str] = [""] * len(self._vocab)
        for word, t in self._vocab.items():
            self._stems[t] = word
        self._rarest = math.log(1.0 + (n - 0.5) / 1.5)
        self._weights: list[float] = []
        for t, word in enumerate(self._stems):
            d = max(df[t], 1.0)  # a word of one family member is as rare as one entry's
            idf = math.log(1.0 + (n - d + 0.5) / (d + 0.5))
            if word in STOPWORDS:
                idf *= STOPWORD_WEIGHT
            elif t in self._names:
                idf = max(idf, ENTITY_FLOOR * self._rarest)
            elif answers and t not in in_answers and not word.isdigit():
                idf *= QUESTION_ONLY_WEIGHT
            self._weights.append(idf)
        self._unknown_weight = UNKNOWN_WEIGHT_SHARE * self._rarest
        self._families = self._word_families()

        self._phrasings: list[_Phrasing] = []
        self._postings: dict[int, list[int]] = defaultdict(list)
        for e, original, normalized, ids in raw:
            tokens = frozenset(ids)
            index = len(self._phrasings)
            self._phrasings.append(
                _Phrasing(
                    entry=e,
                    original=original,
                    normalized=normalized,
                    tokens=tokens,
                    weight=sum(self._weights[t] for t in tokens) or 1e-9,
                    content=self._content(self._stems[t] for t in ids),
                )
            )
            for t in tokens:
                self._postings[t].append(index)
        self._common_limit = max(MIN_POOL, int(COMMON_POSTINGS_SHARE * len(self._phrasings)))
        # the same postings as arrays, for the vectorized overlap (`_overlap_arrays`)
        self._posting_arrays: dict[int, npt.NDArray[np.intp]] = {
            t: np.asarray(indices, dtype=np.intp) for t, indices in self._postings.items()
        }
        self._sorted_content = [" ".join(sorted(p.content.split())) for p in self._phrasings]
        self._posting_sizes: dict[int, int] = {t: len(p) for t, p in self._postings.items()}
        self._phrasing_weights = np.array([p.weight for p in self._phrasings], dtype=np.float64)
        # what a query reads of each phrasing and word, laid out once at load so that the
        # hot path (every part of every message) looks it up instead of working it out
        self._phrasing_entry = [p.entry for p in self._phrasings]
        self._phrasing_normalized = [p.normalized for p in self._phrasings]
        #: the phrasings' texts: a question that is one of them word for word scores 1
        self._phrasing_texts = frozenset(self._phrasing_normalized)
        #: per word: the credits a question's use of it carries (itself, its derived forms),
        #: shared by every query (never mutated), and whether it says something of its own
        self._credits: list[dict[int, float]] = [
            {t: 1.0} | {f: FAMILY_CREDIT for f in self._families.get(t, ())}
            for t in range(len(self._stems))
        ]
        #: per word: its term as `_entry_signals` reads it (see `_term`)
        self._term_reads: list[tuple[int, float, tuple[tuple[int, float], ...], bool, bool]] = [
            self._read_term(credits) for credits in self._credits
        ]
        self._informative: list[bool] = [
            not (word in STOPWORDS or word.isdigit() or word in QUESTION_WORDS)
            for word in self._stems
        ]
        #: per word alone: too common, or a function word, to find candidates (`_overlap`)
        self._cheap: list[bool] = [
            self._posting_sizes.get(t, 0) > self._common_limit or word in STOPWORDS
            for t, word in enumerate(self._stems)
        ]
        # sorted: a tie between corrections goes to the earlier word, the same in every process
        # (a set's order changes with the hash seed: "minh" was "mini" in one, "mine" in another)
        variants = sorted(normalizer.variant_words)
        self._surface_list = list(dict.fromkeys([*self._surface, *variants]))
        self._corrections: dict[str, str | None] = {}
        self._unknown_families: dict[str, tuple[int, ...]] = {}

    @classmethod
    def for_knowledge_base(cls, kb: KnowledgeBase, normalizer: Normalizer | None = None) -> Matcher:
        """The index over every phrasing of every entry, with answers as the weaker signal."""
        normalizer = normalizer or Normalizer(kb.synonyms)
        return cls(
            ((e.id, p) for e in kb.entries for p in e.phrasings),
            normalizer,
            answers={e.id: e.answer for e in kb.entries},
            speakers={
                e.id: _whose_words(e.attributed_to, e.question, e.alternates) for e in kb.entries
            },
            families=kb.families,
        )

    # -- building -----------------------------------------------------------------------
    def _token_id(self, word: str) -> int:
        stemmed = stem(word)
        t = self._vocab.setdefault(stemmed, len(self._vocab))
        self._surface.setdefault(word, t)
        return t

    def _family_vocabularies(
        self, families: Mapping[str, str]
    ) -> list[tuple[frozenset[int], frozenset[str]] | None]:
        """Per entry (None outside a family): the content words its family's phrasings have
        in common, and the question words they use.

        Function words never count as content: "is" says nothing about what a question asks.
        """
        members: dict[str, list[int]] = defaultdict(list)
        for e, entry_id in enumerate(self._entry_ids):
            if entry_id in families:
                members[families[entry_id]].append(e)
        out: list[tuple[frozenset[int], frozenset[str]] | None] = [None] * len(self._entry_ids)
        stems = {t: word for word, t in self._vocab.items()}
        for entries in members.values():
            counts: Counter[int] = Counter(t for e in entries for t in self._entry_bag[e])
            common = [t for t, c in counts.items() if c >= FAMILY_VOCABULARY_SHARE * len(entries)]
            content = frozenset(
                t for t in common if stems[t] not in STOPWORDS and stems[t] not in QUESTION_WORDS
            )
            asks = frozenset(stems[t] for t in common if stems[t] in QUESTION_WORDS)
            for e in entries:
                out[e] = (content, asks)
        return out

    def _word_families(self) -> dict[int, tuple[int, ...]]:
        """Words that share a long prefix (define/definition, ratify/ratification) meet.

        The light stemmer leaves derived forms apart; a shared prefix of FAMILY_PREFIX letters
        that is most of the shorter word joins them, with partial credit (FAMILY_CREDIT).
        """
        self._prefix_groups: dict[str, list[int]] = defaultdict(list)
        for t, word in enumerate(self._stems):
            if len(word) >= FAMILY_PREFIX and word.isalpha() and word not in STOPWORDS:
                self._prefix_groups[word[:FAMILY_PREFIX]].append(t)
        families: dict[int, list[int]] = defaultdict(list)
        for members in self._prefix_groups.values():
            for a in members:
                for b in members:
                    if a != b and related_words(self._stems[a], self._stems[b], FAMILY_PREFIX):
                        families[a].append(b)
        return {t: tuple(m) for t, m in families.items()}

    @staticmethod
    def _content(stems: Iterable[str]) -> str:
        words = list(stems)
        content = [w for w in words if w not in STOPWORDS]
        return " ".join(content or words)

    # -- introspection used by the linter, eval and benchmarks -----------------------------
    @property
    def entry_ids(self) -> tuple[str, ...]:
        """Every indexed entry id, in index order."""
        return tuple(self._entry_ids)

    def normalized_phrasings(self) -> list[tuple[str, str, str]]:
        """(entry id, phrasing as written, normalized phrasing) for every indexed phrasing."""
        return [(self._entry_ids[p.entry], p.original, p.normalized) for p in self._phrasings]

    # -- querying -----------------------------------------------------------------------
    def _correct(self, word: str) -> str | None:
        """Map an unknown word to a known one if it is a likely typo of it (and not a real
        English word that our knowledge base simply doesn't use)."""
        if word in self._corrections:
            return self._corrections[word]
        fixed: str | None = None
        if len(word) >= 4 and word.isalpha() and self._surface_list and not self._is_word(word):
            cutoff = 80.0 if len(word) >= 5 else 75.0
            close = process.extract(
                word, self._surface_list, scorer=fuzz.ratio, score_cutoff=cutoff, limit=20
            )
            if close:
                # ties on the ratio go to the fewest edits counting a swap of two neighbouring
                # letters as one, then to the same letters swapped: "loas" is "laos", not
                # "last" nor "load"
                top = close[0][1]
                fixed = str(
                    min(
                        (c for c in close if c[1] == top),
                        key=lambda c: (
                            OSA.distance(word, c[0]),
                            sorted(c[0]) != sorted(word),
                            c[2],
                        ),
                    )[0]
                )
        if len(self._corrections) < 100_000:
            self._corrections[word] = fixed
        return fixed

    def _family_of_unknown(self, stemmed: str) -> tuple[int, ...]:
        """Known words of an unknown word's family (remembered, as typo corrections are:
        a word not in the index recurs in a long message's parts and in other messages)."""
        family = self._unknown_families.get(stemmed)
        if family is None:
            family = ()
            if len(stemmed) >= FAMILY_PREFIX and stemmed.isalpha():
                family = tuple(
                    t
                    for t in self._prefix_groups.get(stemmed[:FAMILY_PREFIX], ())
                    if related_words(self._stems[t], stemmed, FAMILY_PREFIX)
                )
            if len(self._unknown_families) < 100_000:
                self._unknown_families[stemmed] = family
        return family

    def respell(self, normalized: str) -> str:
        """Fix typos word by word, then re-apply synonyms ("cluster munitons convetion")."""
        words = normalized.split()
        changed = False
        for i, word in enumerate(words):
            if (
                word in self._surface
                or word in self.normalizer.variant_words
                or stem(word) in self._vocab
            ):
                continue
            fixed = self._correct(word)
            if fixed is not None and fixed != word:
                words[i] = fixed
                changed = True
        return self.normalizer.canonicalize(" ".join(words)) if changed else normalized

    def parse(self, normalized: str) -> Query:
        """Words -> weighted terms: known words (with their derived-form family), relatives of
        unknown words, and unknown words, which weigh heavily and match nothing."""
        tokens: list[str] = []
        terms: list[tuple[float, dict[int, float]]] = []  # (weight, {vocab id: credit})
        informative = False
        function_words = False
        seen: set[int] = set()
        for word in dict.fromkeys(normalized.split()):
            stemmed = stem(word)
            if stemmed in STOPWORDS or word in STOPWORDS or word in QUESTION_WORDS:
                function_words = True
            t = self._vocab.get(stemmed, self._surface.get(word))  # typos: fixed by respell()
            if t is not None:
                if t in seen:
                    continue
                seen.add(t)
                terms.append((self._weights[t], self._credits[t]))
                tokens.append(self._stems[t])
                informative |= self._informative[t]
                continue
            family = self._family_of_unknown(stemmed)
            tokens.append(stemmed)
            if family:
                weight = max(self._weights[f] for f in family)
                terms.append((weight, dict.fromkeys(family, FAMILY_CREDIT)))
                informative = True
                continue
            # a function word, hedge or chat word the index never saw says nothing about the
            # subject: it is no unknown weight ("my grandma reckons", "teh", "irl"), where an
            # unknown content word is evidence of another subject
            unknown_function_word = word in STOPWORDS or stemmed in STOPWORDS
            terms.append((0.0 if unknown_function_word else self._unknown_weight, {}))
        return Query(
            text=normalized,
            tokens=tuple(tokens),
            terms=tuple(terms),
            weight=sum(w for w, _ in terms) or 1e-9,
            content=self._content(tokens),
            has_function_words=function_words,
            informative=informative,
        )

    def search(
        self,
        normalized: str,
        *,
        limit: int = 5,
        exhaustive: bool = False,
        reference: bool = False,
        query: Query | None = None,
    ) -> tuple[Query, list[Candidate]]:
        """Best phrasing per entry, best entries first (at most `limit`).

        The overlap is computed with arrays over the postings (`_overlap_arrays`).
        `reference` computes it with the pure-Python loop over the same postings it replaced,
        and `exhaustive` scores every phrasing with no postings shortcut at all: the slow
        references the fast path is tested against (tests/unit/answer/test_matcher.py).
        `query`: `parse(respell(normalized))`, when the caller has read it already.
        """
        if query is None:
            query = self.parse(self.respell(normalized))
        if exhaustive or reference:
            overlap = self._overlap_everywhere(query) if exhaustive else self._overlap(query)
            shortlist = self._shortlist(query, overlap)
            f1s = [f1 for f1, _, _, _ in shortlist]
            indices = [i for _, i, _, _ in shortlist]
            recalls = [recall for _, _, recall, _ in shortlist]
            precisions = [precision for _, _, _, precision in shortlist]
        else:
            f1s, indices, recalls, precisions = self._shortlist_columns(query)
        if not indices:
            return query, []
        if exhaustive or reference:
            extracted = process.extract(
                query.content,
                {i: self._phrasings[i].content for i in indices},
                scorer=fuzz.token_sort_ratio,
                limit=None,
            )
            char_by_index = {key: score / 100.0 for _, score, key in extracted}
            chars = [char_by_index.get(i, 0.0) for i in indices]
        else:
            # token_sort_ratio is the ratio of the words sorted: the phrasings' are sorted once,
            # at load, and one call scores the whole shortlist
            sorted_content = self._sorted_content
            chars = (
                process.cdist(
                    [" ".join(sorted(query.content.split()))],
                    [sorted_content[i] for i in indices],
                    scorer=fuzz.ratio,
                    dtype=np.float64,
                )[0]
                / 100.0
            ).tolist()

        entry_of = self._phrasing_entry
        entries = list(dict.fromkeys([entry_of[i] for i in indices]))
        if exhaustive or reference:
            signals = self._entry_signals_reference(query, entries)
            scores = [(coverage, penalty) for coverage, _, _, penalty in signals]
            details: dict[int, tuple[float, float]] = {
                e: (uncovered, in_answer)
                for e, (_, uncovered, in_answer, _) in zip(entries, signals, strict=True)
            }
            terms = None
        else:
            terms = _SignalTerms(query, self._term)
            scores = self._entry_scores(query, terms, entries)
            details = {}
        #: per entry: its penalty, its coverage's part of the score and its coverage
        weighed = {
            e: (penalty, COVERAGE_SHARE * coverage, coverage)
            for e, (coverage, penalty) in zip(entries, scores, strict=True)
        }
        #: per entry: its best phrasing so far as (score capped at 1, its place in the
        #: shortlist); a Candidate is made only for the entries returned
        best: dict[int, tuple[float, int]] = {}
        normalized_of, text = self._phrasing_normalized, query.text
        # (no phrasing is the question word for word, most often: then none is compared)
        verbatim = text in self._phrasing_texts
        for k, index in enumerate(indices):
            e = entry_of[index]
            if verbatim and normalized_of[index] == text:
                score = 1.0
            else:
                penalty, covered, _ = weighed[e]
                score = penalty * (PHRASING_SHARE * f1s[k] + CHAR_SHARE * chars[k] + covered)
            current = best.get(e)
            if current is None or score > current[0]:
                best[e] = (score if score <= 1.0 else 1.0, k)
        ids = self._entry_ids
        # best score first, ties by entry id (unique: the rest of the tuple never decides)
        ranked = sorted([(-score, ids[e], e, k) for e, (score, k) in best.items()])
        out: list[Candidate] = []
        for negated, _, e, k in ranked[:limit]:
            score = -negated
            coverage = weighed[e][2]
            uncovered, in_answer = (
                self._entry_details(terms, e) if terms is not None else details[e]
            )
            out.append(
                Candidate(
                    entry_id=self._entry_ids[e],
                    score=score,
                    phrasing=self._phrasings[indices[k]].original,
                    recall=min(max(recalls[k], coverage), 1.0),
                    precision=min(precisions[k], 1.0),
                    char=chars[k],
                    overlap=f1s[k],
                    coverage=coverage,
                    uncovered=uncovered,
                    in_answer=in_answer,
                )
            )
        return query, out

    def score_bound(self, query: Query) -> float:
        """An upper bound on the score of any candidate `search` can find for this query,
        from the query alone (no search): what lets a reading be skipped when all that
        matters of it is that it cannot answer (`Answerer._cannot_answer`).

        A phrasing's score is `penalty * (PHRASING_SHARE * f + CHAR_SHARE * char +
        COVERAGE_SHARE * coverage)`, capped at 1, or 1 for a phrasing the text is word for
        word. Each of the question's terms adds to a phrasing's overlap and to an entry's
        coverage at most once, at most its weight times its best credit, so recall and
        coverage are at most `known`, that share of the question's weight; the F-score
        `(1 + b2) r p / (b2 p + r)` is below `(1 + b2) r / b2` whatever the precision;
        penalties are at most 1 and the character score at most 1. Words the index never
        saw (no credits) add nothing: the more of them, the lower the bound."""
        if query.text in self._phrasing_texts:
            return 1.0
        known = sum(weight * max(credits.values()) for weight, credits in query.terms if credits)
        share = known / query.weight
        b2 = RECALL_EMPHASIS**2
        bound = PHRASING_SHARE * (1 + b2) / b2 * share + CHAR_SHARE + COVERAGE_SHARE * share
        return min(bound + 1e-9, 1.0)  # (room for the rounding of the real sums)

    def _entry_signals_reference(
        self, query: Query, entries: list[int]
    ) -> list[tuple[float, float, float, float]]:
        """Per entry: (coverage, uncovered, in_answer, penalty), one entry at a time in
        Python: the reference `_entry_signals` is tested against."""
        name_terms = self._name_terms(query)
        signals = _EntrySignals(query, self._stems)
        out: list[tuple[float, float, float, float]] = []
        for e in entries:
            coverage, uncovered = signals.coverage(self._entry_bag[e], self._answer_bag[e])
            in_answer = signals.in_answer(self._answer_words[e])
            missing = sum(1 for credits in name_terms if not self._mentions(e, credits))
            penalty = MISSING_NAME_FACTOR**missing
            if not self._in_family_terms(query, e):
                penalty *= OFF_FAMILY_FACTOR
            out.append((coverage, uncovered, in_answer, penalty))
        return out

    def _entry_signals(
        self, query: Query, entries: list[int]
    ) -> list[tuple[float, float, float, float]]:
        """`_entry_signals_reference` in one pass over the question's terms per entry, with
        what does not depend on the entry worked out once: the same products, sums in the
        same order and maxima, so the same values to the last bit. `search` reads it in
        its two halves (`_entry_scores` for every entry, `_entry_details` for the entries it
        returns); this whole is what the reference test compares.

        Measured on the gold set's shortlists (2026-12-02): 0.036 ms a question against the
        reference's 0.065, 0.028 with each word's term read at load (`_term`). Arrays over
        (entry, word) keys took 0.080 ms and a word-by-word pass over set intersections
        0.052: at a few dozen entries, numpy's cost per call and a set per word outweigh the
        work. One dict per entry (word -> its credit factor and answer mark) in place of the
        three set lookups saved 0.003 ms and held 45 MB more at 100,000 phrasings: dropped.
        """
        terms = _SignalTerms(query, self._term)
        return [
            (coverage, *self._entry_details(terms, e), penalty)
            for e, (coverage, penalty) in zip(
                entries, self._entry_scores(query, terms, entries), strict=True
            )
        ]

    def _entry_scores(
        self, query: Query, terms: _SignalTerms, entries: list[int]
    ) -> list[tuple[float, float]]:
        """Per entry: (coverage, penalty), what every shortlisted phrasing's score needs.

        The heaviest word missing and the answer's share are read only for the entries a
        search returns (`_entry_details`): split off, the pass over a few dozen entries
        does a third of the work (a chatty message's long parts: 0.033 -> 0.0xx ms). A
        word found adds its product worked out once per question (`weight * credit`, or
        `weight * (credit * ANSWER_CREDIT)`: the very products the one-pass sums add), a
        word not found adds nothing (x + 0.0 is x)."""
        scored = terms.scored
        factors = terms.factors
        entry_bag, answer_bag, family_words = self._entry_bag, self._answer_bag, self._family_words
        weight_total = query.weight
        #: per family (its entries share one vocabulary): does the question use it?
        in_family: dict[tuple[frozenset[int], frozenset[str]], bool] = {}
        out: list[tuple[float, float]] = []
        for e in entries:
            bag, answer = entry_bag[e], answer_bag[e]
            covered = 0.0
            unnamed = 0
            for t, found, hinted, weight, credits, name in scored:
                if t >= 0:  # most words: one form, no family to weigh
                    if t in bag:
                        covered += found
                    elif t in answer:
                        covered += hinted
                    elif name:
                        unnamed += 1  # a name the entry never mentions
                    continue
                best = 0.0
                for t, credit in credits:
                    if t in bag:
                        if credit > best:
                            best = credit
                    elif t in answer and credit * ANSWER_CREDIT > best:
                        best = credit * ANSWER_CREDIT
                covered += weight * best
                if best == 0.0:
                    unnamed += name
            penalty = factors[unnamed]
            family = family_words[e]
            if family is not None:
                ok = in_family.get(family)
                if ok is None:
                    ok = in_family[family] = self._in_family_terms(query, e)
                if not ok:
                    penalty *= OFF_FAMILY_FACTOR
            out.append((covered / weight_total, penalty))
        return out

    def _entry_details(self, terms: _SignalTerms, e: int) -> tuple[float, float]:
        """(uncovered, in_answer) of one entry: the heaviest question word it never
        mentions and the share of the question the answer text has, as the one pass
        worked them out."""
        bag, answer, words = self._entry_bag[e], self._answer_bag[e], self._answer_words[e]
        found = 0.0
        missing = terms.floor
        for weight, t, credit, credits, asks, _ in terms.terms:
            if t >= 0:
                # one form (most words): its credit is positive (1 or FAMILY_CREDIT), so it is
                # missing only where neither the entry nor its answer has it, and where the
                # answer text does not say it, it adds nothing (x + 0.0 is x)
                if weight > missing and t not in bag and t not in answer:
                    missing = weight
                if asks and t in words:
                    found += weight * credit
                continue
            best = said = 0.0
            for t, credit in credits:
                if t in bag:
                    if credit > best:
                        best = credit
                elif t in answer and credit * ANSWER_CREDIT > best:
                    best = credit * ANSWER_CREDIT
                if asks and credit > said and t in words:
                    said = credit
            if best == 0.0 and weight > missing:
                missing = weight
            if asks:
                found += weight * said
        total = terms.total
        return missing / terms.weight, found / total if total else 0.0

    def _term(
        self, credits: dict[int, float]
    ) -> tuple[int, float, tuple[tuple[int, float], ...], bool, bool]:
        """`_read_term(credits)`, read at load for a known word's own credits (a query's
        terms are those very dicts: `parse` hands them out), worked out for the others."""
        if credits:
            t = next(iter(credits))
            if credits is self._credits[t]:
                return self._term_reads[t]
        return self._read_term(credits)

    def _read_term(
        self, credits: dict[int, float]
    ) -> tuple[int, float, tuple[tuple[int, float], ...], bool, bool]:
        """A question's term as `_entry_signals` reads it: (the word when it has one form
        else -1, its credit, every (word, credit), does the answer-text signal count it, is
        it a name)."""
        t, credit = next(iter(credits.items())) if len(credits) == 1 else (-1, 0.0)
        return (
            t,
            credit,
            tuple(credits.items()),
            # the answer-text signal leaves out terms that are function words alone
            not (credits and all(self._stems[t] in STOPWORDS for t in credits)),
            any(t in self._names for t in credits),
        )

    def _shortlist(
        self, query: Query, overlap: dict[int, tuple[float, float]]
    ) -> list[tuple[float, int, float, float]]:
        """(F-score, phrasing, recall, precision) of the SHORTLIST best phrasings, best
        first (ties: the later phrasing first), from a reference overlap."""
        scored: list[tuple[float, int, float, float]] = []
        b2 = RECALL_EMPHASIS**2
        for index, (matched, matched_phrasing) in overlap.items():
            recall = matched / query.weight
            precision = matched_phrasing / self._phrasings[index].weight
            if recall <= 0 or precision <= 0:
                continue
            f1 = (1 + b2) * recall * precision / (b2 * precision + recall)
            scored.append((f1, index, recall, precision))
        scored.sort(reverse=True)
        return scored[:SHORTLIST]

    def _shortlist_columns(
        self, query: Query
    ) -> tuple[list[float], list[int], list[float], list[float]]:
        """`_shortlist` of `_overlap`, computed with arrays: the same candidates, the same
        sums in the same order, at a fraction of the cost of a Python loop per posting; as
        columns (F-scores, phrasings, recalls, precisions), which `search` reads by place."""
        candidates, matched, matched_phrasing = self._overlap_arrays(query)
        if not len(candidates):
            return [], [], [], []
        b2 = RECALL_EMPHASIS**2
        recall = matched / query.weight
        precision = matched_phrasing / self._phrasing_weights[candidates]
        if not (recall.min() > 0 and precision.min() > 0):  # (each got a positive gain)
            keep = (recall > 0) & (precision > 0)
            candidates, recall, precision = candidates[keep], recall[keep], precision[keep]
        f1 = (1 + b2) * recall * precision / (b2 * precision + recall)
        # best first, ties: the later phrasing first. The candidates are in phrasing order:
        # a stable sort of them backwards is that order (`np.lexsort((-candidates, -f1))`
        # without its second key), on what can reach the shortlist (ties at its edge kept)
        if len(f1) > SHORTLIST:
            edge = np.partition(f1, len(f1) - SHORTLIST)[len(f1) - SHORTLIST]
            places = (f1 >= edge).nonzero()[0][::-1]
        else:
            places = np.arange(len(f1))[::-1]
        order = places[np.argsort(-f1[places], kind="stable")[:SHORTLIST]]
        return (
            f1[order].tolist(),
            candidates[order].tolist(),
            recall[order].tolist(),
            precision[order].tolist(),
        )

    def _overlap_arrays(
        self, query: Query
    ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """`_overlap` with arrays: the candidate phrasings (the same ones), the question
        weight each covers and its own weight covered.

        Every word adds its best credit to every phrasing in its postings (a word of many
        forms: the highest credit a phrasing has, as `_overlap_everywhere` does); candidates
        are the phrasings reached through selective words, or, with only common words, the
        same bounded pool `_overlap` takes.
        """
        size = len(self._phrasings)
        # every (phrasing, gain) a word brings, selective words first and each in the
        # question's order: `bincount` then adds them up phrasing by phrasing in that very
        # order (it sums sequentially), as a `+=` per word would, in one pass. One pass over
        # the words files each one's postings and gains with the selective or common words
        selective: _Postings = ([], [], [])
        common: _Postings = ([], [], [])
        cheap: list[int] = []
        for i, (weight, credits) in enumerate(query.terms):
            if not credits:
                continue
            if len(credits) == 1:  # most words: one form, classified at load
                ((t, credit),) = credits.items()
                is_cheap = self._cheap[t]
                postings, word_gains, word_own = common if is_cheap else selective
                postings.append(self._posting_arrays.get(t, _EMPTY))
                word_gains.append(weight * credit)
                word_own.append(self._weights[t] * credit)
            else:
                is_cheap = sum(
                    self._posting_sizes.get(t, 0) for t in credits
                ) > self._common_limit or all(self._stems[t] in STOPWORDS for t in credits)
                postings, word_gains, word_own = common if is_cheap else selective
                taken = np.zeros(size, dtype=bool)
                for t, credit in sorted(credits.items(), key=lambda kv: -kv[1]):
                    # a phrasing counts a word once, at its best credit
                    posting = self._posting_arrays.get(t, _EMPTY)
                    posting = posting[~taken[posting]]
                    taken[posting] = True
                    postings.append(posting)
                    word_gains.append(weight * credit)
                    word_own.append(self._weights[t] * credit)
            if is_cheap:
                cheap.append(i)
        indices = selective[0] + common[0]
        found = np.zeros(size, dtype=bool)
        reached = any(len(posting) for posting in selective[0])
        if reached:
            found[np.concatenate(selective[0])] = True
        if cheap and not reached:
            # only common words: candidates from the least common of them, bounded
            words = dict.fromkeys(t for i in cheap for t in query.terms[i][1])
            for t in sorted(words, key=lambda t: self._posting_sizes.get(t, 0)):
                found[self._posting_arrays.get(t, _EMPTY)[:MIN_POOL]] = True
                if np.count_nonzero(found) >= MIN_POOL:
                    break
        candidates = found.nonzero()[0]  # (`np.flatnonzero`, without its Python wrapper)
        if not indices or not len(candidates):
            return candidates, np.zeros(len(candidates)), np.zeros(len(candidates))
        flat = np.concatenate(indices)
        lengths = [len(posting) for posting in indices]
        gains, own_gains = selective[1] + common[1], selective[2] + common[2]
        # (bincount with weights gives float64; asarray only tells the type checker)
        covered = np.asarray(
            np.bincount(flat, np.array(gains).repeat(lengths), minlength=size), dtype=np.float64
        )[candidates]
        if own_gains == gains:
            # a known word of one form weighs the same in the question and in a phrasing:
            # with no derived forms or unknown words' relatives, the two sums are one
            return candidates, covered, covered
        own = np.asarray(
            np.bincount(flat, np.array(own_gains).repeat(lengths), minlength=size),
            dtype=np.float64,
        )
        return candidates, covered, own[candidates]

    def _overlap(self, query: Query) -> dict[int, tuple[float, float]]:
        """Per candidate phrasing: (question weight it covers, its own weight covered).

        Selective words (rare enough) find candidates through their postings; function words
        and very common words only add to candidates already found, through a set
        intersection per candidate, so a query costs about the length of its rare words'
        postings, at any size of index.
        """
        selective: list[int] = []
        cheap: dict[int, list[tuple[int, float]]] = defaultdict(list)  # vocab id -> terms
        for i, (_, credits) in enumerate(query.terms):
            if not credits:
                continue
            size = sum(len(self._postings.get(t, ())) for t in credits)
            if size > self._common_limit or all(self._stems[t] in STOPWORDS for t in credits):
                for t, credit in credits.items():
                    cheap[t].append((i, credit))
            else:
                selective.append(i)
        found: dict[int, dict[int, tuple[float, float]]] = defaultdict(dict)
        for i in selective:
            weight, credits = query.terms[i]
            for t, credit in sorted(credits.items(), key=lambda kv: -kv[1]):
                gain = (weight * credit, self._weights[t] * credit)
                for index in self._postings.get(t, ()):
                    found[index].setdefault(i, gain)
        if not found and cheap:
            # only common words: take candidates from the least common of them, bounded
            for t in sorted(cheap, key=lambda t: len(self._postings.get(t, ()))):
                for index in self._postings.get(t, ())[:MIN_POOL]:
                    found.setdefault(index, {})
                if len(found) >= MIN_POOL:
                    break
        cheap_ids = cheap.keys()
        out: dict[int, tuple[float, float]] = {}
        for index, terms in found.items():
            for t in self._phrasings[index].tokens & cheap_ids:
                for i, credit in cheap[t]:
                    gain = (query.terms[i][0] * credit, self._weights[t] * credit)
                    if gain[0] > terms.get(i, (0.0, 0.0))[0]:
                        terms[i] = gain
            out[index] = (sum(g[0] for g in terms.values()), sum(g[1] for g in terms.values()))
        return out

    def _overlap_everywhere(self, query: Query) -> dict[int, tuple[float, float]]:
        """The reference for `_overlap`: every phrasing, every word, no shortcut."""
        out: dict[int, tuple[float, float]] = {}
        for index, phrasing in enumerate(self._phrasings):
            covered = own = 0.0
            for weight, credits in query.terms:
                best_t, best_credit = -1, 0.0
                for t, credit in credits.items():
                    if t in phrasing.tokens and credit > best_credit:
                        best_t, best_credit = t, credit
                if best_t >= 0:
                    covered += weight * best_credit
                    own += self._weights[best_t] * best_credit
            if covered > 0:
                out[index] = (covered, own)
        return out

    def missing_names(self, query: Query, entry_id: str) -> list[str]:
        """Names (countries, people, organisations) in the question that the entry never
        mentions: "thailand" in "who is the prime minister of thailand" against "who is
        cambodia's prime minister" is strong evidence the question is about something else."""
        return self._missing_names(self._name_terms(query), self._entry_index[entry_id])

    def _missing_names(self, name_terms: list[dict[int, float]], e: int) -> list[str]:
        return [
            self._stems[next(iter(credits))]
            for credits in name_terms
            if not self._mentions(e, credits)
        ]

    def is_name(self, word: str) -> bool:
        """Is this normalized word a name the knowledge base uses (a country, a person, an
        organisation)? For mixed Khmer questions: "biden" in Khmer text is still a name."""
        t = self._vocab.get(stem(word), self._surface.get(word))
        return t is not None and t in self._names

    def _stems_of(self, t: int) -> str:
        return next(word for word, i in self._vocab.items() if i == t)

    def names(self, normalized: str, kind: str | None = None) -> list[str]:
        """The words of a question that are names, in order, typos fixed: what a follow-up
        like "and laos?" swaps in. `kind`: "person", "country", "other" or None for all."""
        out = []
        for w in self.respell(normalized).split():
            t = self._vocab.get(stem(w), self._surface.get(w))
            if t is None or t not in self._names:
                continue
            category = (
                "person" if t in self._people else "country" if t in self._countries else "other"
            )
            if kind is None or kind == category:
                out.append(w)
        return out

    def missing_subjects(self, query: Query, normalized: str, entry_id: str) -> list[str]:
        """What the question is about that this entry is not: names it never mentions
        (`missing_names`), years it never mentions ("in 2019"), article numbers it never
        cites ("article 9"), an office it never names ("who is the president of..."), an age
        it never gives ("how old is..."), and another speaker ("what did zelensky say"
        against a position entry reporting Hun Sen's words)."""
        e = self._entry_index[entry_id]
        name_terms = self._name_terms(query)
        missing = self._missing_names(name_terms, e)
        bag = self._entry_bag[e]
        if name_terms:
            missing += self._other_country(name_terms, e, missing)
            missing += self._compared(name_terms, e, normalized, missing)
        if (
            self._family_words[e] is not None
            and not any(t in self._countries for credits in name_terms for t in credits)
            and not _WHICH_COUNTRY.search(normalized)
            and not bag.isdisjoint(self._countries)
        ):
            # "what is its status under the ccm" with no country named: a table's row is
            # about its country, and the question names none (asked back, not guessed);
            # "which country became the 111th state party" asks for the country, and "is my
            # country in the ccm" is the row about what the table covers, which names none
            missing.append("country")
        # each pattern below runs only when the text has a piece every match of it has (a
        # year's first digits, "art", "old"/"age"/"born", "how "): most questions have none,
        # and a long message is read by several of them for every part
        years = _YEAR.findall(normalized) if "19" in normalized or "20" in normalized else ()
        for year in years:
            t = self._vocab.get(year)
            # (a generated answer, the country table's, has no bag of its own: its words)
            if t is None or (t not in bag and t not in self._answer_words[e]):
                missing.append(year)
            elif year in self._unconfirmed_years[e] and t not in bag:
                missing.append(year)  # "we could not confirm the 2024 total"
        text = self._entry_text[e]
        for digits, word in _ORDINAL.findall(normalized):
            n = int(digits) if digits else _ORDINAL_WORDS.index(word) + 1
            forms = [f" {n}th", f" {n}st", f" {n}nd", f" {n}rd"]
            if n <= len(_ORDINAL_WORDS):
                forms.append(f" {_ORDINAL_WORDS[n - 1]}")
            else:
                forms.append(f" {n}")  # "State Party No. 111" (a small one is any figure)
            if not any(f"{form} " in text for form in forms):
                missing.append(f"{digits or word} one")
        for number in _ARTICLE.findall(normalized) if "art" in normalized else ():
            if not re.search(rf" (?:article|art|articles|arts) {number} ", text):
                missing.append(f"article {number}")
        if " who " in f" {normalized} ":
            for role in dict.fromkeys(_ROLE.findall(normalized)):
                offices = _LEADS if role in _LEADS else (role,)
                if not any(f" {office}" in text for office in offices):
                    missing.append(role)
            # "who was the defence minister": an entry naming the prime minister does not say
            for office in dict.fromkeys(_MINISTRY.findall(normalized)):
                if f" {office}" not in text:
                    missing.append(office)
            for act in dict.fromkeys(_WHO_ACTS.findall(normalized)):
                if f" {_ACT_STEMS[act]}" not in text:
                    missing.append(act)
        if _ANY_EVENT.search(normalized):
            for asks, speaks, event in _EVENTS:
                if asks.search(normalized) and not speaks.search(text):
                    missing.append(event)
        aged = "old" in normalized or "age" in normalized or "born" in normalized
        if aged and _AGE.search(normalized) and not _AGE_IN_ENTRY.search(text):
            missing.append("age")
        for match in _ATTRIBUTE.finditer(normalized):
            word = "codename" if match[2] else match[1]
            if not _ATTRIBUTES[word].search(f" {self._answer_text[e]} "):
                missing.append(word)
        # (in ASCII, exactly 0-9 are digits: a scan per digit, not a call per character)
        if (
            any(d in normalized for d in "0123456789")
            if normalized.isascii()
            else any(c.isdigit() for c in normalized)
        ):
            for code in _MODEL_CODE.findall(normalized):
                if f" {code} " not in text:
                    missing.append(code)
        if "how " in normalized and _QUANTITY.search(normalized) and not self._counts(e):
            missing.append("quantity")
        if e in self._speaker:
            speaker = self._speaker_names[e]
            for match in _SPEAKER.finditer(normalized):
                phrase = next((g for g in match.groups() if g), "")
                words = {self._vocab.get(stem(w)) for w in phrase.split()}
                named = {t for t in words if t is not None and t in self._names}
                if named and not any(self._same_name(t, s) for t in named for s in speaker):
                    missing.append(phrase.strip())
        return missing

    def asked_in(self, entry_id: str, word: str) -> bool:
        """Do the entry's own questions (not only its answer) use this word? A year an answer
        mentions in passing ("ratified it on 28 Jul 1999") is not what the entry is about."""
        t = self._vocab.get(stem(word))
        return t is not None and t in self._entry_bag[self._entry_index[entry_id]]

    def gives_quantity(self, entry_id: str) -> bool:
        """Does this entry's answer give a quantity (a count or an amount, not only years
        and dates)? What a "how many" question needs, in English or in Khmer."""
        return self._counts(self._entry_index[entry_id])

    def _counts(self, entry: int) -> bool:
        """Does the entry's answer give a quantity (not only years and dates)?"""
        answer = self._answer_text[entry]
        for match in _COUNT.finditer(answer):
            before = answer[max(0, match.start() - 4) : match.start()]
            # "dec 3" is a date; "3 4 dec 94 states" (punctuation gone) is a count
            day = match.group(0).isdigit() and int(match.group(0)) <= 31
            if not (day and before.endswith(tuple(f"{m} " for m in _MONTHS.split()))):
                return True
        return False

    def _same_name(self, a: int, b: int) -> bool:
        """The same name, or a country and its people ("germany", "german government")."""
        x, y = self._stems[a], self._stems[b]
        return a == b or (len(x) >= 5 and len(y) >= 5 and x[:5] == y[:5])

    def _in_family_terms(self, query: Query, entry: int) -> bool:
        """False when the entry belongs to a family (entries generated from one table) and
        the question uses none of the content words the family's phrasings share, or a
        question word none of them uses."""
        family = self._family_words[entry]
        if family is None:
            return True
        content, asks = family
        if any(t in QUESTION_WORDS and t not in asks for t in query.tokens):
            return False
        return any(t in content for _, credits in query.terms for t in credits)

    def _other_country(
        self, name_terms: list[dict[int, float]], e: int, missing: list[str]
    ) -> list[str]:
        """Countries the question names that the entry's questions do not, when those name
        another: "laos remaining contamination" against an entry asked as "how much
        contamination does Cambodia still have" is about Cambodia, though its answer mentions
        Lao PDR in passing. Entries whose questions name no country (the treaty, the world),
        and questions that also name one the entry's questions name, are not held to it."""
        # the question's countries first: most questions name none, and then nothing is read
        named = [
            (credits, countries)
            for credits in name_terms
            if (countries := [t for t in credits if t in self._countries])
        ]
        if not named:
            return []
        bag = self._entry_bag[e]
        if bag.isdisjoint(self._countries):
            return []
        if any(t in bag for credits, _ in named for t in credits):
            return []  # it names the entry's country too ("did Lithuania quit because of Russia")
        out = []
        for _, countries in named:
            if self._stems[countries[0]] not in missing:
                out.append(self._stems[countries[0]])
        return out

    def _compared(
        self, name_terms: list[dict[int, float]], e: int, normalized: str, missing: list[str]
    ) -> list[str]:
        """Countries a comparison names that the entry's questions do not: "compare cambodia
        and laos" against an entry asked about Cambodia alone, whose answer mentions Lao PDR
        in passing, gives one side of it."""
        countries = [c for c in name_terms if not self._countries.isdisjoint(c)]
        if len(countries) < 2 or not _COMPARE.search(normalized):
            return []
        bag = self._entry_bag[e]
        return [
            self._stems[next(iter(c))]
            for c in countries
            if bag.isdisjoint(c) and self._stems[next(iter(c))] not in missing
        ]

    def _name_terms(self, query: Query) -> list[dict[int, float]]:
        """The question's terms that are names (`_term(credits)[4]`): a known word's own
        credits read at load, without a call per word."""
        credits_of, reads, names = self._credits, self._term_reads, self._names
        out = []
        for _, credits in query.terms:
            if not credits:
                continue  # (an unknown word with no relatives is no name)
            t = next(iter(credits))
            if credits is credits_of[t]:
                if reads[t][4]:
                    out.append(credits)
            elif any(t in names for t in credits):
                out.append(credits)
        return out

    def _mentions(self, entry: int, credits: dict[int, float]) -> bool:
        bag, answer = self._entry_bag[entry], self._answer_bag[entry]
        return any(t in bag or t in answer for t in credits)

    def focus_found(self, normalized: str, entry_id: str) -> float:
        """Does the entry's answer speak of what the question asks for? 1 yes, 0 no, 0.5 when
        the question names no such thing ("how many *deminers*", "which *month*")."""
        e = self._entry_index[entry_id]
        found: list[bool] = []
        for match in _FOCUS.finditer(normalized):
            word = next(g for g in match.groups() if g)
            if word in _DATE_WORDS:
                found.append(bool(re.search(_DATE_WORDS[word], self._answer_text[e])))
                continue
            t = self._vocab.get(stem(word))
            if t is None or self._stems[t] in STOPWORDS or word in QUESTION_WORDS:
                continue
            family = {t, *self._families.get(t, ())}
            found.append(bool(family & self._answer_words[e]))
        return 0.5 if not found else float(all(found))

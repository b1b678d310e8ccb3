"""`python -m bot kb check`: what the loader cannot see in a single entry.

The loader guarantees each entry is well-formed; the linter checks the knowledge base as a
whole through the real engine: every phrasing must find its own entry first (otherwise users
asking it get another answer), no two entries may share a phrasing, answers must fit Discord,
and positions must name whose position they are.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from bot.answer.answerer import Answerer
from bot.answer.language import ascii_digits, fold_khmer, has_khmer
from bot.answer.messages import unreviewed_footer
from bot.kb.loader import SOURCES_FILE
from bot.kb.models import ANSWER_SOFT_LIMIT, Entry, KnowledgeBase, page_key

Severity = Literal["error", "warning"]

MIN_PHRASINGS = 6
ANSWER_AIM = 600  # a warning above this, an error above ANSWER_SOFT_LIMIT
#: Discord limits that entries feed into: embed title, button label, select option label
EMBED_TITLE_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
EMBED_DESCRIPTION_LIMIT = 4096
_COUNT = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\s?(?:%|km²|km2|million)")
#: an opening sentence made only of these words says nothing about the subject ("No.",
#: "Not quite."): shown after the wrong question, it reads as a reply to that question
_REPLY_WORDS = frozenset(
    "yes yeah yep no nope not quite probably possibly maybe correct incorrect true false "
    "right wrong partly sure indeed".split()
)
_FIRST_SENTENCE = re.compile(r"(?<=[.!?])\s|\n")
#: an error: every answer restates its subject (the README, "Curating the knowledge base")
BARE_OPENING_SEVERITY: Severity = "error"
#: a Khmer answer longer than this is worth shortening: Khmer runs a little longer than the
#: English in characters (1.1 times, median of the first 36 translated entries; the longest
#: was 641), so a Khmer answer above 1,000 says more than its English; the model refuses
#: KM_ANSWER_HARD_LIMIT
KM_ANSWER_AIM = 1000
#: what a Khmer answer and its footer must fit in: an embed description, less the 200
#: characters the renderer keeps for the rest
KM_DESCRIPTION_ROOM = EMBED_DESCRIPTION_LIMIT - 200
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")


@dataclass(frozen=True)
class Finding:
    """One problem the linter found, located by file, entry and field."""
    severity: Severity
    file: str
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        where += f" entry '{self.entry}'" if self.entry else ""
        where += f" field '{self.field}'" if self.field else ""
        return f"{self.severity}: {where}: {self.message}"


@dataclass(frozen=True)
class SelfRetrieval:
    """How many phrasings find their own entry first (English, and Khmer in the Khmer index)."""
    phrasings: int
    retrieved: int
    km_phrasings: int = 0
    km_retrieved: int = 0

    @property
    def rate(self) -> float:
        """The share of phrasings that find their own entry first."""
        return self.retrieved / self.phrasings if self.phrasings else 1.0

    @property
    def km_rate(self) -> float:
        """The share of Khmer phrasings that find their own entry first."""
        return self.km_retrieved / self.km_phrasings if self.km_phrasings else 1.0


def figures(text: str) -> frozenset[str]:
    """The numbers in a text, as the set compared between the English and Khmer answers:
    Khmer digits folded, thousands separators dropped, leading zeros ignored.

    >>> sorted(figures("19,822 killed in 2007–09, ១២ signatories, 2.5%"), key=float)
    ['2.5', '9', '12', '2007', '19822']
    """
    out: set[str] = set()
    for number in _FIGURE.findall(ascii_digits(text)):
        parts = [number.replace(",", "")] if _THOUSANDS.fullmatch(number) else number.split(",")
        for part in parts:
            whole, dot, decimals = part.partition(".")
            out.add((whole.lstrip("0") or "0") + (dot + decimals if decimals else ""))
    return frozenset(out)


class Ranked(Protocol):
    """An entry found for a phrasing, by either index (English or Khmer)."""

    @property
    def entry_id(self) -> str:
        """The entry found."""

    @property
    def score(self) -> float:
        """How well it matched."""

    @property
    def phrasing(self) -> str:
        """Which of its phrasings matched."""


def retrieval_problem(
    phrasing: str, entry_id: str, ranked: Sequence[Ranked], *, index: str = ""
) -> str | None:
    """Why `phrasing` does not find its own entry first (None when it does): what people
    who ask it that way would get instead."""
    if ranked and ranked[0].entry_id == entry_id:
        return None
    if not ranked:
        return f"{phrasing!r} retrieves nothing{index}"
    own = next((c for c in ranked if c.entry_id == entry_id), None)
    own_score = f"{own.score:.2f}" if own else "below the top 2"
    return (
        f"{phrasing!r} retrieves {ranked[0].entry_id} first{index} (score "
        f"{ranked[0].score:.2f}, via {ranked[0].phrasing!r}); its own entry scores {own_score}"
    )


def lint(
    kb: KnowledgeBase, answerer: Answerer | None = None
) -> tuple[list[Finding], SelfRetrieval]:
    """Check the knowledge base as a whole through the real engine."""
    answerer = answerer or Answerer(kb)
    files = kb.entry_files
    findings: list[Finding] = []

    def add(severity: Severity, entry: str, field: str, message: str) -> None:
        findings.append(Finding(severity, files.get(entry, "knowledge/"), entry, field, message))

    # the same normalized phrasing under two entries: the engine cannot tell them apart
    owners: dict[str, set[str]] = defaultdict(set)
    for entry_id, _, normalized in answerer.matcher.normalized_phrasings():
        owners[normalized].add(entry_id)
    for normalized, ids in sorted(owners.items()):
        if len(ids) > 1:
            for entry_id in sorted(ids):
                others = ", ".join(sorted(ids - {entry_id}))
                add(
                    "error",
                    entry_id,
                    "alternates",
                    f"the phrasing {normalized!r} (after normalization) is also used by {others}",
                )

    # the gate's per-entry words (bot/answer/entry_words.json) for an entry renamed or removed
    # since the fit: harmless (a new id is judged on its other evidence) but stale
    known = {entry.id for entry in kb.entries}
    stale = sorted(set(answerer.entry_words.weights) - known)
    if stale:
        shown = ", ".join(stale[:5]) + (", ..." if len(stale) > 5 else "")
        findings.append(
            Finding(
                "warning",
                "bot/answer/entry_words.json",
                "",
                "weights",
                f"the gate's per-entry words name {len(stale)} entries this knowledge base "
                f"does not have ({shown}): after renaming or removing entries, refit with "
                "`python -m bot.quality.fit_gate` (about a minute)",
            )
        )

    total = retrieved = 0
    for entry in kb.entries:
        for field, phrasings in (
            ("question", (entry.question,)),
            ("alternates", entry.alternates),
            ("keywords", entry.keywords),
        ):
            for phrasing in phrasings:
                total += 1
                problem = retrieval_problem(phrasing, entry.id, answerer.rank(phrasing, limit=2))
                if problem is None:
                    retrieved += 1
                else:
                    add("error", entry.id, field, problem)

        count = len(entry.phrasings)
        if count < MIN_PHRASINGS and entry.kind != "about":
            add(
                "warning",
                entry.id,
                "alternates",
                f"only {count} ways of asking; aim for at least {MIN_PHRASINGS}",
            )
        if len(entry.answer) > ANSWER_AIM:
            add(
                "error" if len(entry.answer) > ANSWER_SOFT_LIMIT else "warning",
                entry.id,
                "answer",
                f"{len(entry.answer)} characters; aim for {ANSWER_AIM}, never more than "
                f"{ANSWER_SOFT_LIMIT}",
            )
        if len(entry.question) > EMBED_TITLE_LIMIT:
            add("error", entry.id, "question", f"longer than an embed title ({EMBED_TITLE_LIMIT})")
        for i, source in enumerate(entry.sources):
            title, url = kb.source_label(source)
            if len(title) + len(url or "") + 40 > FIELD_VALUE_LIMIT:
                add("error", entry.id, f"sources[{i}]", "too long to show in an embed field")
        if entry.kind == "position" and entry.attributed_to:
            names = [
                w
                for w in re.findall(r"[A-Z][\w'’-]{2,}", entry.attributed_to)
                if w not in {"Government", "President", "Minister", "Secretary", "General"}
            ]
            if names and not any(name in entry.answer for name in names):
                add(
                    "error",
                    entry.id,
                    "answer",
                    f"a position must name whose it is; mention one of {', '.join(names)}",
                )
        if (
            entry.volatile is None
            and _COUNT.search(entry.answer)
            and not any(s.as_of for s in entry.sources)
        ):
            add(
                "warning",
                entry.id,
                "volatile",
                "the answer has figures but no source has as_of: if they can change, set "
                "'volatile: true' and add as_of; if they are historical, set 'volatile: false'",
            )
        opening = bare_opening(entry.answer)
        if opening:
            add(
                BARE_OPENING_SEVERITY,
                entry.id,
                "answer",
                f"opens with a bare {opening!r}, which reads as a reply to whatever was asked; "
                "restate the subject ('No, Cambodia has not joined the CCM.', not 'No.')",
            )
    findings += source_findings(kb)
    km_findings, km_total, km_retrieved = khmer_findings(kb, answerer)
    findings += km_findings
    return findings, SelfRetrieval(total, retrieved, km_total, km_retrieved)


def khmer_findings(kb: KnowledgeBase, answerer: Answerer) -> tuple[list[Finding], int, int]:
    """Khmer text beside the English: written in Khmer, the same figures as the English
    answer, short enough for an embed, found first by every Khmer way of asking, not shared
    with another entry; unreviewed text listed as warnings. Returns (findings, Khmer
    phrasings, those that find their own entry first)."""
    files = kb.entry_files
    findings: list[Finding] = []

    def add(severity: Severity, entry: str, field: str, message: str) -> None:
        findings.append(Finding(severity, files.get(entry, "knowledge/"), entry, field, message))

    owners: dict[str, set[str]] = defaultdict(set)
    for entry_id, phrasing in answerer.khmer.phrasings():
        owners[" ".join(fold_khmer(phrasing).split())].add(entry_id)
    for phrasing, ids in sorted(owners.items()):
        for entry_id in sorted(ids) if len(ids) > 1 else ():
            others = ", ".join(sorted(ids - {entry_id}))
            add("error", entry_id, "km.alternates", f"{phrasing!r} is also used by {others}")
    total = retrieved = 0
    for entry in kb.entries:
        km = entry.km
        if km is None:
            continue
        fields = [("km.question", km.question), ("km.answer", km.answer)]
        fields += [(f"km.alternates[{i}]", a) for i, a in enumerate(km.alternates)]
        for field, text in fields:
            if not has_khmer(text):
                add("error", entry.id, field, f"{text[:60]!r} has no Khmer script: write in Khmer")
        english, khmer = figures(entry.answer), figures(km.answer)
        if english != khmer:
            missing = ", ".join(sorted(english - khmer, key=float)) or "none"
            extra = ", ".join(sorted(khmer - english, key=float)) or "none"
            add(
                "error",
                entry.id,
                "km.answer",
                f"its figures differ from the English answer's: missing {missing}; not in the "
                f"English {extra} (write the same numbers, in ASCII digits)",
            )
        footer = len(unreviewed_footer()) if not km.reviewed else 0
        if len(km.answer) + footer > KM_DESCRIPTION_ROOM:
            add("error", entry.id, "km.answer", f"{len(km.answer)} characters: too long to show")
        elif len(km.answer) > KM_ANSWER_AIM:
            add(
                "warning",
                entry.id,
                "km.answer",
                f"{len(km.answer)} characters; aim for at most {KM_ANSWER_AIM} in Khmer",
            )
        if not km.reviewed:
            add(
                "warning",
                entry.id,
                "km.reviewed",
                "Khmer text not yet reviewed by a native speaker: replies say so until a "
                "reviewer sets 'reviewed: true'",
            )
        for i, phrasing in enumerate(km.phrasings):
            field = "km.question" if i == 0 else f"km.alternates[{i - 1}]"
            total += 1
            ranked = answerer.khmer.search(phrasing, limit=2)
            problem = retrieval_problem(phrasing, entry.id, ranked, index=" in the Khmer index")
            if problem is None:
                retrieved += 1
            else:
                add("error", entry.id, field, problem)
    return findings, total, retrieved


def bare_opening(answer: str) -> str | None:
    """The opening of an answer that does not restate its subject ("No.", "Probably nothing
    as written."), or None when the answer opens with a real sentence.

    >>> bare_opening("**No.** Cambodia is neither a State Party nor a signatory.")
    'No.'
    >>> bare_opening("No, Cambodia has not joined the CCM.") is None
    True
    """
    text = re.sub(r"[*_`~]", "", answer).strip()
    first = _FIRST_SENTENCE.split(text, maxsplit=1)[0].strip()
    if first.casefold().startswith("probably nothing"):
        return first
    words = re.findall(r"[a-z']+", first.casefold())
    return first if words and all(w in _REPLY_WORDS for w in words) else None


def _same_title(a: str, b: str) -> bool:
    """Titles match whatever the case, spacing or markdown stars (`*(secondary)*`)."""

    def norm(text: str) -> str:
        return " ".join(text.replace("*", "").split()).casefold()

    return norm(a) == norm(b)


def source_findings(kb: KnowledgeBase) -> list[Finding]:
    """Every web page an entry cites must be in the sources list, under the same title."""
    folder = kb.files[0].rsplit("/", 1)[0] if kb.files else "knowledge"
    listing = f"{folder}/{SOURCES_FILE}"
    if kb.listed_sources is None:
        return [
            Finding(
                "error",
                listing,
                "",
                "",
                "missing: list there every source the entries cite (key, title, url, "
                "strength), so that `kb check` can check citations",
            )
        ]
    findings: list[Finding] = []
    for entry in kb.entries:
        file = kb.entry_files.get(entry.id, f"{folder}/")
        for i in range(len(entry.sources)):
            findings += _citation_findings(kb, entry, i, file, listing)
    return findings


def _citation_findings(
    kb: KnowledgeBase, entry: Entry, i: int, file: str, listing: str
) -> list[Finding]:
    source = entry.sources[i]
    if source.url is None:  # a seed article: its own address must be listed
        doc = kb.seeds.get(source.seed or "")
        if doc is None or doc.url is None or page_key(doc.url) in kb.sources_by_url:
            return []
        return [
            Finding(
                "error",
                file,
                entry.id,
                f"sources[{i}].seed",
                f"the seed article's address {doc.url} is not in {listing}",
            )
        ]
    listed = kb.sources_by_url.get(page_key(source.url))
    if listed is None:
        return [
            Finding(
                "error",
                file,
                entry.id,
                f"sources[{i}].url",
                f"{source.url} is not in {listing}: cite a listed page, or add this one "
                "there (key, title, url, date, strength) once you have read it",
            )
        ]
    found = []
    if not _same_title(source.title or "", listed.title):
        found.append(
            Finding(
                "error",
                file,
                entry.id,
                f"sources[{i}].title",
                f"{listing} calls this page {listed.title!r} ({listed.key}); copy that title",
            )
        )
    if listed.avoid:
        found.append(
            Finding(
                "warning",
                file,
                entry.id,
                f"sources[{i}]",
                f"{listed.key} should not be cited: {listed.avoid}",
            )
        )
    return found

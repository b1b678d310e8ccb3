"""`python -m bot kb check`: what the loader cannot see in a single entry.

The loader guarantees each entry is well-formed; the linter checks the knowledge base as a
whole through the real engine: every phrasing must find its own entry first (otherwise users
asking it get another answer), no two entries may share a phrasing, answers must fit Discord,
and positions must name whose position they are.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from bot.answer.answerer import Answerer
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
    """How many phrasings find their own entry first."""
    phrasings: int
    retrieved: int

    @property
    def rate(self) -> float:
        """The share of phrasings that find their own entry first."""
        return self.retrieved / self.phrasings if self.phrasings else 1.0


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

    total = retrieved = 0
    for entry in kb.entries:
        for field, phrasings in (
            ("question", (entry.question,)),
            ("alternates", entry.alternates),
            ("keywords", entry.keywords),
        ):
            for phrasing in phrasings:
                total += 1
                candidates = answerer.rank(phrasing, limit=2)
                if candidates and candidates[0].entry_id == entry.id:
                    retrieved += 1
                    continue
                if not candidates:
                    add("error", entry.id, field, f"{phrasing!r} retrieves nothing")
                    continue
                own = next((c for c in candidates if c.entry_id == entry.id), None)
                own_score = f"{own.score:.2f}" if own else "below the top 2"
                add(
                    "error",
                    entry.id,
                    field,
                    f"{phrasing!r} retrieves {candidates[0].entry_id} first "
                    f"(score {candidates[0].score:.2f}, via {candidates[0].phrasing!r}); "
                    f"its own entry scores {own_score}",
                )

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
    return findings, SelfRetrieval(total, retrieved)


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

"""Pydantic models for the knowledge base (the README's "Curating the knowledge base").

Validation lives here so that every adapter (Discord, terminal, CLI, reload) gets the same
guarantees: an entry that loads is safe to show.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
#: Discord embed description limit is 4096; we keep answers far shorter so one embed holds
#: the answer, its sources and the buttons. The linter warns from ANSWER_SOFT_LIMIT on.
ANSWER_HARD_LIMIT = 1500
ANSWER_SOFT_LIMIT = 700
QUESTION_LIMIT = 256  # an embed title
PHRASING_LIMIT = 200
#: a Khmer answer may be this long (vowel signs and subscripts are characters of their own;
#: translations so far run about 1.1 times their English): it still fits an embed with the
#: unreviewed footer, and the linter warns long before
KM_ANSWER_HARD_LIMIT = 3000
#: the Khmer ways of asking an entry needs, besides its Khmer question
KM_MIN_ALTERNATES = 4
#: a full web address: scheme, a host with a dot, no spaces
URL_PATTERN = re.compile(r"^https?://[^\s/]+\.[^\s]+$")
URL_HINT = "must be a full http(s) address, e.g. https://example.org/page"

Kind = Literal["fact", "position", "about", "safety"]


def entry_ids(values: tuple[str, ...]) -> tuple[str, ...]:
    """`values` if every one is written as an entry id (for `related` lists)."""
    for v in values:
        if not re.match(ID_PATTERN, v):
            raise ValueError(f"{v!r} is not an entry id")
    return values


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(_Strict):
    """Where an answer comes from: a web page, or a numbered paragraph of a seed article."""

    title: str | None = Field(default=None, min_length=3, max_length=200)
    url: str | None = Field(default=None, max_length=500)
    seed: str | None = Field(default=None, min_length=1, max_length=200)
    paragraph: int | None = Field(default=None, ge=1)
    as_of: str | None = Field(
        default=None,
        description="When the figure was true: '2025-09', 'Sep 2025', '2023-07-07'...",
        min_length=4,
        max_length=40,
    )

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not URL_PATTERN.match(value):
            raise ValueError(URL_HINT)
        return value

    @model_validator(mode="after")
    def _web_or_seed(self) -> Source:
        web = self.url is not None
        seed = self.seed is not None
        if web == seed:
            raise ValueError(
                "a source is either {title, url} or {seed, paragraph}, not both/neither"
            )
        if web and not self.title:
            raise ValueError("a web source needs a title as well as its url")
        if seed and self.paragraph is None:
            raise ValueError("a seed source needs the paragraph number it cites")
        if not seed and self.paragraph is not None:
            raise ValueError("'paragraph' only goes with 'seed'")
        return self


def _numbers_as_text(values: object) -> object:
    """Curators write `keywords: [344, k5]`; YAML reads 344 as a number. Keep it as text."""
    if isinstance(values, list | tuple):
        return [
            str(v) if isinstance(v, int | float) and not isinstance(v, bool) else v for v in values
        ]
    return values


def _clean_phrasings(values: tuple[str, ...]) -> tuple[str, ...]:
    cleaned = tuple(v.strip() for v in values)
    for v in cleaned:
        if not v:
            raise ValueError("empty phrasing")
        if len(v) > PHRASING_LIMIT:
            raise ValueError(f"phrasing longer than {PHRASING_LIMIT} characters: {v[:40]}...")
    return cleaned


class KhmerText(_Strict):
    """An entry's Khmer text, beside its English: the question, ways of asking, the answer.

    The Khmer answer says the same as the English one (same figures, dates, attribution; the
    entry's sources are shown with it). `reviewed` stays false until a native speaker has
    checked the text: until then every reply shows that it has not been (`kb check` lists
    the unreviewed ones).
    """

    question: str = Field(min_length=2, max_length=QUESTION_LIMIT)
    alternates: tuple[str, ...] = ()
    answer: str = Field(min_length=10, max_length=KM_ANSWER_HARD_LIMIT)
    reviewed: bool = False

    @field_validator("alternates", mode="before")
    @classmethod
    def _numbers_are_text(cls, values: object) -> object:
        return _numbers_as_text(values)

    @field_validator("alternates")
    @classmethod
    def _phrasings(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = _clean_phrasings(values)
        if len(cleaned) < KM_MIN_ALTERNATES:
            raise ValueError(
                f"give at least {KM_MIN_ALTERNATES} Khmer ways of asking (found {len(cleaned)})"
            )
        return cleaned

    @property
    def phrasings(self) -> tuple[str, ...]:
        """Every Khmer way of asking: the question first, then the alternates."""
        return (self.question, *self.alternates)


class Entry(_Strict):
    """One curated question and its sourced answer."""

    id: str = Field(pattern=ID_PATTERN, max_length=80)
    topic: str = Field(min_length=2, max_length=60)
    kind: Kind = "fact"
    question: str = Field(min_length=3, max_length=QUESTION_LIMIT)
    alternates: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    answer: str = Field(min_length=10, max_length=ANSWER_HARD_LIMIT)
    sources: tuple[Source, ...] = ()
    related: tuple[str, ...] = Field(default=(), max_length=3)
    attributed_to: str | None = Field(default=None, min_length=2, max_length=100)
    #: true when the answer states a figure that changes over time (then a source must carry
    #: as_of); false to say its figures are historical; unset lets the linter ask
    volatile: bool | None = None
    #: a curator's remark (why a claim stands, what was checked, what to re-check); kept with
    #: the entry for the next reviewer and never shown to users
    note: str | None = Field(default=None, min_length=3, max_length=2000)
    #: the entry in Khmer (optional): answered in Khmer to Khmer questions
    km: KhmerText | None = None

    @field_validator("alternates", "keywords", mode="before")
    @classmethod
    def _numbers_are_text(cls, values: object) -> object:
        """Curators write `keywords: [344, k5]`; YAML reads 344 as a number. Keep it as text."""
        return _numbers_as_text(values)

    @field_validator("alternates", "keywords")
    @classmethod
    def _phrasings(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return _clean_phrasings(values)

    @field_validator("related")
    @classmethod
    def _related_ids(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return entry_ids(values)

    @model_validator(mode="after")
    def _kind_rules(self) -> Entry:
        if self.kind == "position" and not self.attributed_to:
            raise ValueError("a 'position' entry needs attributed_to (whose position it is)")
        if self.kind != "about" and not self.sources:
            raise ValueError("a fact or position needs at least one source")
        if self.volatile and not any(s.as_of for s in self.sources):
            raise ValueError("volatile: true (a figure that changes) needs a source with as_of")
        if self.id in self.related:
            raise ValueError("an entry cannot list itself in related")
        return self

    @property
    def phrasings(self) -> tuple[str, ...]:
        """Every way of asking this entry: canonical question first, then alternates, keywords."""
        return (self.question, *self.alternates, *self.keywords)

    @property
    def as_of(self) -> str | None:
        """The most specific as-of stamp among the sources, for display next to figures."""
        stamps = [s.as_of for s in self.sources if s.as_of]
        return stamps[0] if stamps else None


#: how far a listed source can be trusted (knowledge/CURATING.md, "Which sources count")
STRENGTHS = ("official", "research", "news", "reference", "secondary")
_LISTED_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def page_key(url: str) -> str:
    """The form two addresses are compared in: `https://a.org/x/` and `https://a.org/x` match."""
    return url.strip().rstrip("/")


class ListedSource(_Strict):
    """One row of knowledge/sources.yaml: a page entries may cite, and how far to trust it.

    The list lives in the repository so that curators can check and cite sources without
    anything from outside it; `kb check` refuses citations of pages that are not listed.
    """

    key: str = Field(pattern=r"^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$", max_length=40)
    title: str = Field(min_length=3, max_length=200)
    url: str = Field(max_length=500)
    publisher: str | None = Field(default=None, min_length=2, max_length=120)
    date: str | None = Field(
        default=None, description="publication date: 2023, 2023-07 or 2023-07-07"
    )
    strength: str = Field(min_length=4, max_length=300)
    #: why this page should not be cited (kept listed because entries still cite it)
    avoid: str | None = Field(default=None, min_length=10, max_length=300)

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not URL_PATTERN.match(value):
            raise ValueError(URL_HINT)
        return value

    @field_validator("date", mode="before")
    @classmethod
    def _year_is_text(cls, value: object) -> object:
        """`date: 2021` reads as a number in YAML; keep it as the text the curator wrote."""
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("date")
    @classmethod
    def _real_date(cls, value: str | None) -> str | None:
        if value is None:
            return value
        full = {4: value + "-01-01", 7: value + "-01"}.get(len(value), value)
        try:
            if _LISTED_DATE.match(value):
                date.fromisoformat(full)
                return value
        except ValueError:
            pass
        raise ValueError("expected a date as 2023, 2023-07 or 2023-07-07")

    @field_validator("strength")
    @classmethod
    def _known_strength(cls, value: str) -> str:
        kind = value.split(":", 1)[0].strip()
        if kind not in STRENGTHS:
            raise ValueError(
                f"must start with one of {', '.join(STRENGTHS)} (then ': a note'), not {kind!r}"
            )
        return value

    @property
    def kind(self) -> str:
        """The strength class alone: official, research, news, reference or secondary."""
        return self.strength.split(":", 1)[0].strip()


class SeedDocument(_Strict):
    """A source article kept in seeds/, with numbered paragraphs a `seed` source can cite."""

    stem: str
    title: str
    url: str | None = None
    paragraphs: tuple[str, ...]


class KnowledgeBase(_Strict):
    """Everything the engine answers from. Immutable after load: reload builds a new one."""

    entries: tuple[Entry, ...]
    synonyms: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    #: knowledge/khmer-glossary.yaml: English term -> its Khmer words, to read a Khmer question
    #: in English terms (`words`), and the things a question can be about that an entry must
    #: mention to answer it (`subjects`: "director", "salary"...; see bot/answer/glossary.py)
    khmer_glossary: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    khmer_subjects: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    seeds: dict[str, SeedDocument] = Field(default_factory=dict)
    #: when the whole knowledge base was last reviewed (shown by /about)
    reviewed: date | None = None
    #: entry id -> when that entry was last reviewed on its own (knowledge/meta.yaml `entries:`)
    entry_reviews: dict[str, date] = Field(default_factory=dict)
    #: the pages entries may cite (knowledge/sources.yaml); None when the file is missing
    listed_sources: tuple[ListedSource, ...] | None = None
    files: tuple[str, ...] = ()
    #: entry id -> the file it came from, so messages can point curators to it
    entry_files: dict[str, str] = Field(default_factory=dict)
    #: rows of the country table by status (state-party, signatory, withdrawn, non-signatory)
    country_counts: dict[str, int] = Field(default_factory=dict)
    #: entry id -> the table it was generated from ("countries"): the matcher weighs words
    #: counting a family as one entry (see bot/answer/matcher.py)
    families: dict[str, str] = Field(default_factory=dict)

    def get(self, entry_id: str) -> Entry | None:
        """The entry with this id, or None."""
        return self.by_id.get(entry_id)

    @cached_property
    def by_id(self) -> dict[str, Entry]:
        """Entries by id."""
        return {e.id: e for e in self.entries}

    @cached_property
    def sources_by_url(self) -> dict[str, ListedSource]:
        """The listed sources by `page_key` of their address (empty when there is no list)."""
        return {page_key(s.url): s for s in self.listed_sources or ()}

    @cached_property
    def topics(self) -> tuple[str, ...]:
        """Topics in the order curators first used them (file order), for browsing."""
        return tuple(dict.fromkeys(e.topic for e in self.entries))

    def source_label(self, source: Source) -> tuple[str, str | None]:
        """A human title and link for a source, resolving seed citations to their article."""
        if source.seed is not None:
            doc = self.seeds.get(source.seed)
            title = doc.title if doc else source.seed
            return f"{title}, paragraph {source.paragraph}", doc.url if doc else None
        return source.title or "", source.url

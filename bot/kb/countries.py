"""The country table (`knowledge/countries.yaml`): one sourced row per country, one entry each.

"Is France in the CCM?" is among the most common questions, and there are some 165 countries
to answer it for. Writing 165 entries by hand would give 165 chances to mistype a date and no
way to see the whole table at once, so curators keep one row per country (status, dates,
source with its as-of date) and this module turns each row into a fact entry: a canonical
question, the ways people ask, and a plain-English answer built from the row's dates, citing
the row's source. The date the Convention started to bind a State Party is not typed in but
computed from the date it deposited its instrument (Article 17, `entry_into_force`).

A country without a row gets no entry, so the bot declines rather than guess. A row may name
a curated entry (`entry:`) that already answers its status; then no entry is generated for it.

The loader (bot/kb/loader.py) reads the file and reports mistakes by file, line, row and
field; this module holds the row model, the checks across rows, and the generation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from bot.kb.models import ID_PATTERN, PHRASING_LIMIT, Entry, Source, entry_ids

COUNTRIES_FILE = "countries.yaml"
#: the family (bot/answer/matcher.py) of every entry generated from the table
FAMILY = "countries"
TOPIC = "Countries"
ID_PREFIX = "country-"

Status = Literal["state-party", "signatory", "withdrawn", "non-signatory"]
ConsentKind = Literal["ratification", "acceptance", "approval", "accession"]
STATUSES: tuple[Status, ...] = ("state-party", "signatory", "withdrawn", "non-signatory")

#: the Convention opened for signature in Oslo on 3 Dec 2008 (facts.md item 6)
OPENED_FOR_SIGNATURE = date(2008, 12, 3)
#: the day it entered into force, after which states can only join by accession (items 7, 10)
IN_FORCE = date(2010, 8, 1)
#: the day the 30th instrument was deposited (Burkina Faso and Moldova, 16 Feb 2010; item 7)
THIRTIETH_DEPOSIT = date(2010, 2, 16)

_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")
_AS_OF = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CONSENT_VERB = {
    "ratification": "ratified",
    "acceptance": "accepted",
    "approval": "approved",
    "accession": "acceded",
}


def entry_into_force(deposit: date) -> date:
    """The day the Convention starts to bind a state that deposited its instrument on `deposit`.

    Article 17: for instruments deposited up to the 30th (16 Feb 2010), the day the Convention
    itself entered into force, 1 Aug 2010; for later ones, the first day of the sixth month
    after the month of deposit.

    >>> [str(entry_into_force(d)) for d in (date(2009, 9, 25), date(2010, 5, 4),
    ...                                     date(2023, 2, 28), date(2023, 8, 3))]
    ['2010-08-01', '2010-11-01', '2023-08-01', '2024-02-01']
    """
    if deposit <= THIRTIETH_DEPOSIT:
        return IN_FORCE
    months = deposit.year * 12 + (deposit.month - 1) + 6
    return date(months // 12, months % 12 + 1, 1)


def day_text(value: date) -> str:
    """A date the way the answers write it.

    >>> day_text(date(2008, 12, 3))
    '3 Dec 2008'
    """
    return f"{value.day} {value:%b} {value.year}"


def as_of_text(as_of: str) -> str:
    """An as-of stamp (2022-08-01, 2022-08 or 2022) the way the answers write it.

    >>> as_of_text("2022-08-01"), as_of_text("2013-10"), as_of_text("2019")
    ('1 Aug 2022', 'Oct 2013', '2019')
    """
    parts = [int(p) for p in as_of.split("-")]
    if len(parts) == 3:
        return day_text(date(parts[0], parts[1], parts[2]))
    if len(parts) == 2:
        return f"{date(parts[0], parts[1], 1):%b} {parts[0]}"
    return str(parts[0])


def name_key(name: str) -> str:
    """A country name or alias folded for comparison: accents, case and punctuation go.

    >>> name_key("Côte d’Ivoire"), name_key("St. Lucia")
    ('cote divoire', 'st lucia')
    """
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = re.sub(r"['’‘`´]", "", folded)
    return " ".join(re.sub(r"[^\w]+", " ", folded).split())


def country_id(country: str) -> str:
    """The id of a country's generated entry.

    >>> country_id("Côte d'Ivoire"), country_id("Guinea-Bissau")
    ('country-cote-divoire', 'country-guinea-bissau')
    """
    return ID_PREFIX + name_key(country).replace("_", " ").replace(" ", "-")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _as_of_stamp(value: object, *, required: bool) -> object:
    """An as-of stamp as curators write it (2022-08-01, 2022-08 or 2022; YAML may hand us a
    date or a number), checked to be a real date."""
    if value is None:
        if required:
            raise ValueError("the date this status was true is needed, e.g. 2022-08-01")
        return None
    if isinstance(value, date):
        value = value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not _AS_OF.match(value.strip()):
        raise ValueError("write the as-of date as 2022-08-01, 2022-08 or 2022")
    try:
        as_of_text(value.strip())
    except ValueError as exc:
        raise ValueError(f"not a real date: {value}") from exc
    return value.strip()


class _WebPage(_Strict):
    title: str = Field(min_length=3, max_length=200)
    url: str = Field(max_length=500)

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not _URL.match(value):
            raise ValueError("must be a full http(s) address, e.g. https://example.org/page")
        return value


class RowSource(_WebPage):
    """Where a row's dates were read: a web page and the date its status was true."""

    as_of: str

    @field_validator("as_of", mode="before")
    @classmethod
    def _as_of(cls, value: object) -> object:
        return _as_of_stamp(value, required=True)

    def to_source(self) -> Source:
        """The entry source this row cites."""
        return Source(title=self.title, url=self.url, as_of=self.as_of)


class RemarkSource(_WebPage):
    """The page a remark comes from, when it is not the row's source."""

    as_of: str | None = None

    @field_validator("as_of", mode="before")
    @classmethod
    def _as_of(cls, value: object) -> object:
        return _as_of_stamp(value, required=False)

    def to_source(self) -> Source:
        """The entry source this remark cites."""
        return Source(title=self.title, url=self.url, as_of=self.as_of)


def _status(info: ValidationInfo) -> Status | None:
    status = info.data.get("status")
    return status if status in STATUSES else None


class CountryRow(_Strict):
    """One country's status in the CCM, with the dates read in its source.

    Field order matters: the checks of each date read the status (and earlier dates) above it.
    """

    country: str = Field(min_length=2, max_length=60)
    #: the name as written inside a sentence, when it takes "the": "the Netherlands"
    display: str | None = Field(default=None, min_length=2, max_length=70)
    aliases: tuple[str, ...] = ()
    status: Status
    signed: date | None = Field(default=None, validate_default=True)
    consent: date | None = Field(default=None, validate_default=True)
    consent_kind: ConsentKind | None = Field(default=None, validate_default=True)
    withdrawal_effective: date | None = Field(default=None, validate_default=True)
    source: RowSource
    #: a curated entry that already answers this country's status: no entry is generated
    entry: str | None = Field(default=None, pattern=ID_PATTERN, max_length=80)
    related: tuple[str, ...] = Field(default=(), max_length=3)
    alternates: tuple[str, ...] = ()
    #: one or two sentences added to the answer ("It was State Party No. 112."), from
    #: `source`, or from `remark_source` when another page says it
    remark: str | None = Field(default=None, min_length=10, max_length=250)
    remark_source: RemarkSource | None = None
    note: str | None = None

    @field_validator("signed", "consent", "withdrawal_effective", mode="before")
    @classmethod
    def _a_date(cls, value: object) -> object:
        """YAML reads 2009-09-25 as a date; anything else must be text in that form."""
        if value is None or isinstance(value, date):
            return value
        if isinstance(value, str) and _ISO_DATE.match(value.strip()):
            return value.strip()
        raise ValueError("write the date as 2009-09-25 (year-month-day), or leave it out")

    @field_validator("aliases", "alternates")
    @classmethod
    def _phrasings(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        for v in values:
            if not v:
                raise ValueError("empty name")
            if len(v) > PHRASING_LIMIT - 40:
                raise ValueError(f"longer than {PHRASING_LIMIT - 40} characters: {v[:40]}...")
        return values

    @field_validator("related")
    @classmethod
    def _related_ids(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return entry_ids(values)

    @field_validator("signed")
    @classmethod
    def _signed(cls, value: date | None, info: ValidationInfo) -> date | None:
        status = _status(info)
        if status == "non-signatory" and value is not None:
            raise ValueError("a non-signatory has no signature date: remove it or fix status")
        if status == "signatory" and value is None:
            raise ValueError("a signatory needs the date it signed")
        if value is not None and not OPENED_FOR_SIGNATURE <= value < IN_FORCE:
            raise ValueError(
                "the CCM was open for signature from 3 Dec 2008 until it entered into force "
                "on 1 Aug 2010"
            )
        return value

    @field_validator("consent")
    @classmethod
    def _consent(cls, value: date | None, info: ValidationInfo) -> date | None:
        status = _status(info)
        if status in ("state-party", "withdrawn") and value is None:
            raise ValueError(
                f"a {status} row needs the date it ratified or acceded (deposit of its instrument)"
            )
        if status in ("signatory", "non-signatory") and value is not None:
            raise ValueError(
                f"a {status} has not ratified or acceded: remove the date, or set status: "
                "state-party"
            )
        signed = info.data.get("signed")
        if value is not None and value < OPENED_FOR_SIGNATURE:
            raise ValueError("before the CCM opened for signature on 3 Dec 2008")
        if value is not None and isinstance(signed, date) and value < signed:
            raise ValueError("earlier than the signature date")
        return value

    @field_validator("consent_kind")
    @classmethod
    def _consent_kind(cls, value: ConsentKind | None, info: ValidationInfo) -> ConsentKind | None:
        status = _status(info)
        consent = info.data.get("consent")
        if value is None and (consent is not None or status in ("state-party", "withdrawn")):
            raise ValueError("say how it joined: ratification, acceptance, approval or accession")
        if value is not None and consent is None and "consent" in info.data:
            raise ValueError("only goes with a consent date")
        signed = info.data.get("signed")
        if "signed" in info.data and value == "accession" and signed is not None:
            raise ValueError(
                "a state that signed joins by ratification (or acceptance, approval); "
                "accession is for states that never signed"
            )
        if "signed" in info.data and value not in (None, "accession") and signed is None:
            raise ValueError(f"{value} follows a signature: add the signed date, or use accession")
        return value

    @field_validator("withdrawal_effective")
    @classmethod
    def _withdrawal(cls, value: date | None, info: ValidationInfo) -> date | None:
        status = _status(info)
        if status == "withdrawn" and value is None:
            raise ValueError("a withdrawn row needs the date its withdrawal took effect")
        if status not in (None, "withdrawn") and value is not None:
            raise ValueError("only a withdrawn row has a withdrawal date: set status: withdrawn")
        consent = info.data.get("consent")
        if value is not None and isinstance(consent, date) and value <= consent:
            raise ValueError("a withdrawal takes effect after the state joined")
        return value

    @field_validator("remark_source")
    @classmethod
    def _remark_first(cls, value: RemarkSource | None, info: ValidationInfo) -> object:
        if value is not None and info.data.get("remark") is None and "remark" in info.data:
            raise ValueError("a remark_source goes with a remark")
        return value

    @property
    def name(self) -> str:
        """The name as written inside a sentence ("the Netherlands", "France")."""
        return self.display or self.country

    @property
    def sentence_name(self) -> str:
        """The name at the start of a sentence ("The Netherlands")."""
        return self.name[:1].upper() + self.name[1:]

    @property
    def in_force(self) -> date | None:
        """When the Convention started (or starts) to bind this country, if it joined."""
        return entry_into_force(self.consent) if self.consent else None


class TableSettings(_Strict):
    """The part of the table file that is not rows: follow-ups offered by status, and the
    sources of the entry that says which countries the table covers."""

    related_by_status: dict[Status, tuple[str, ...]] = Field(default_factory=dict)
    #: the references for every country's status (the depositary's list, the Monitor): with
    #: them, an entry COVERAGE_ID says what the table covers and where to look for the rest
    coverage_sources: tuple[RowSource, ...] = ()
    coverage_related: tuple[str, ...] = Field(default=(), max_length=3)

    @field_validator("related_by_status")
    @classmethod
    def _ids(cls, value: dict[Status, tuple[str, ...]]) -> dict[Status, tuple[str, ...]]:
        for ids in value.values():
            for v in ids:
                if not re.match(ID_PATTERN, v):
                    raise ValueError(f"{v!r} is not an entry id")
        return value

    @field_validator("coverage_related")
    @classmethod
    def _coverage_ids(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for v in value:
            if not re.match(ID_PATTERN, v):
                raise ValueError(f"{v!r} is not an entry id")
        return value


@dataclass(frozen=True)
class RowProblem:
    """A mistake that only shows across rows (a name used twice), located by row and field."""

    index: int
    field: str
    message: str


def check_rows(rows: Sequence[CountryRow]) -> list[RowProblem]:
    """Names and aliases must each point to one country, and ids must not collide."""
    problems: list[RowProblem] = []
    owner: dict[str, str] = {}
    ids: dict[str, str] = {}
    for index, row in enumerate(rows):
        for field, name in [("country", row.country), *(("aliases", a) for a in row.aliases)]:
            key = name_key(name)
            # the same name spelt with or without accents or dots in one row is harmless
            if key in owner and owner[key] != row.country:
                problems.append(RowProblem(index, field, f"{name!r} already names {owner[key]}"))
            owner.setdefault(key, row.country)
        entry_id = country_id(row.country)
        if entry_id in ids and ids[entry_id] != row.country:
            problems.append(
                RowProblem(index, "country", f"its entry id {entry_id} is also {ids[entry_id]}'s")
            )
        ids.setdefault(entry_id, row.country)
    return problems


#: how people ask about one country, {n} being its name (the first is the exact form of
#: the most common question); aliases get ALIAS_TEMPLATES only
TEMPLATES = (
    "is {n} in the ccm",
    "is {n} a state party to the ccm",
    "has {n} joined the ccm",
    "when did {n} join the convention on cluster munitions",
    "how did {n} join the ccm",
    "in which year did {n} ratify the ccm",
    "what is the ccm status of {n}",
    "when did {n} ratify the ccm",
    "when did {n} sign the ccm",
    "did {n} sign the cluster munitions convention",
    "has {n} acceded to the ccm",
    "is {n} a member of the ccm",
    "is {n} a signatory of the ccm",
    "is {n} bound by the ccm",
    "{n} ccm status",
)
ALIAS_TEMPLATES = (
    "is {n} in the ccm",
    "has {n} joined the ccm",
    "{n} ccm status",
)


def adds_a_name(alias: str, country: str) -> bool:
    """False for an official long form that only dresses the name up ("Republic of
    Albania"): the name already matches it, and its extra words ("republic", "kingdom")
    would only make other questions look like questions about this country.

    >>> adds_a_name("republic of albania", "Albania"), adds_a_name("lao pdr", "Laos")
    (False, True)
    """
    return not set(name_key(country).split()) <= set(name_key(alias).split())


def phrasings(row: CountryRow) -> tuple[str, ...]:
    """The alternates of a country's entry: templates over its name and the aliases that add
    a name, then the row's own alternates."""
    main = row.country.casefold()
    out = [t.format(n=main) for t in TEMPLATES]
    for alias in row.aliases:
        if adds_a_name(alias, row.country):
            out += [t.format(n=alias.casefold()) for t in ALIAS_TEMPLATES]
    out += row.alternates
    return tuple(dict.fromkeys(out))


def _bound_clause(row: CountryRow, today: date) -> str:
    """When the Convention binds a State Party; how that date was derived only when it is
    still ahead (why a party is not bound yet needs saying)."""
    assert row.consent is not None
    eif = entry_into_force(row.consent)
    if eif > today:
        return (
            f"the Convention binds it from {day_text(eif)}, the first day of the sixth month "
            "after it deposited its instrument (Article 17)"
        )
    if row.consent <= THIRTIETH_DEPOSIT:
        return f"the Convention has bound it since it entered into force on {day_text(eif)}"
    return f"the Convention has bound it since {day_text(eif)}"


def _joined_clause(row: CountryRow) -> str:
    """How and when it joined: 'signed on X and ratified on Y', or 'acceded on Y'."""
    assert row.consent is not None and row.consent_kind is not None
    verb = _CONSENT_VERB[row.consent_kind]
    if row.signed is None:
        return f"it {verb} on {day_text(row.consent)} (joining without signing first)"
    if row.signed == row.consent:
        return f"it signed and {verb} on the same day, {day_text(row.consent)}"
    return f"it signed on {day_text(row.signed)} and {verb} on {day_text(row.consent)}"


def answer_text(row: CountryRow, today: date) -> str:
    """The plain-English answer for a row: status first, then its dates, then its remark."""
    text = _status_text(row, today)
    return f"{text} {row.remark}" if row.remark else text


def _status_text(row: CountryRow, today: date) -> str:
    name, start = row.name, row.sentence_name
    if row.status == "state-party":
        joined, bound = _joined_clause(row), _bound_clause(row, today)
        return f"{start} is a State Party to the CCM: {joined}; {bound}."
    if row.status == "withdrawn":
        assert row.withdrawal_effective is not None
        joined = _joined_clause(row)
        when = day_text(row.withdrawal_effective)
        if row.withdrawal_effective > today:
            return (
                f"{start} is leaving the CCM: {joined}, and has notified its withdrawal, which "
                f"takes effect on {when}; until then the Convention still binds it."
            )
        return (
            f"{start} is no longer a party to the CCM: {joined}, but withdrew. Its withdrawal "
            f"took effect on {when}, so the Convention no longer binds it."
        )
    as_of = as_of_text(row.source.as_of)
    if row.status == "signatory":
        assert row.signed is not None
        return (
            f"{start} is a signatory of the CCM, not a State Party: it signed on "
            f"{day_text(row.signed)} but, as of {as_of}, had not ratified, so the Convention's "
            "obligations do not bind it yet."
        )
    return (
        f"{start} is a non-signatory of the CCM: as of {as_of} it had neither signed nor "
        "acceded, so the Convention does not bind it. Signature closed when the Convention "
        f"entered into force on {day_text(IN_FORCE)}; {name} could now join only by accession."
    )


def generate_entries(
    rows: Iterable[CountryRow],
    settings: TableSettings,
    today: date,
) -> list[tuple[int, Entry]]:
    """One fact entry per row that has no curated `entry:`, with the row's index."""
    rows = list(rows)
    out: list[tuple[int, Entry]] = []
    for index, row in enumerate(rows):
        if row.entry is not None:
            continue
        entry_id = country_id(row.country)
        related = [r for r in (*row.related, *settings.related_by_status.get(row.status, ()))]
        related = [r for r in dict.fromkeys(related) if r != entry_id][:3]
        out.append(
            (
                index,
                Entry(
                    id=entry_id,
                    topic=TOPIC,
                    kind="fact",
                    question=f"Is {row.name} a party to the Convention on Cluster Munitions?",
                    alternates=phrasings(row),
                    answer=answer_text(row, today),
                    sources=(row.source.to_source(),)
                    + ((row.remark_source.to_source(),) if row.remark_source else ()),
                    related=tuple(related),
                    volatile=True,
                ),
            )
        )
    return out


COVERAGE_ID = "countries-covered"
#: how people ask about a country the table may not have, or what it covers
#: how people ask about a country the table may lack. Each has a word of its own ("my",
#: "list", "table"): a phrasing of only "is ... in the ccm" would draw every question on the
#: CCM; none says "which countries", which the curated membership entries answer
COVERAGE_PHRASINGS = (
    "is my country in the ccm",
    "my country is not on your list",
    "do you have the ccm status of every country",
    "what if a country is not in your table",
    "a country is missing from your list",
    "does your country table cover every country",
)


def coverage_entry(rows: Sequence[CountryRow], settings: TableSettings) -> Entry | None:
    """The entry that says which countries have a sourced status, and that there is none for
    the others: the question a person meets when they name a country the table lacks."""
    if not settings.coverage_sources:
        return None
    counts = status_counts(rows)
    covered = (
        f"every State Party ({counts['state-party']}) and signatory ({counts['signatory']})"
    )
    if counts["withdrawn"]:
        covered += f", the {counts['withdrawn']} that withdrew"
    if counts["non-signatory"]:
        n = counts["non-signatory"]
        covered += f" and {n} notable non-signator{'y' if n == 1 else 'ies'}"
    answer = (
        f"I have a sourced CCM status for {len(rows)} countries: {covered}, each with its "
        "dates, its source and the date that source was true. For any other country I have "
        "no sourced status, and I don't guess: the UN Treaty Collection (the depositary's "
        "list) and the Cluster Munition Monitor give every country's status."
    )
    return Entry(
        id=COVERAGE_ID,
        topic=TOPIC,
        kind="fact",
        question="Which countries can the bot give the CCM status of?",
        alternates=COVERAGE_PHRASINGS,
        answer=answer,
        sources=tuple(s.to_source() for s in settings.coverage_sources),
        related=settings.coverage_related,
        volatile=True,
    )


def status_counts(rows: Iterable[CountryRow]) -> dict[str, int]:
    """Rows by status, in the order of STATUSES (for `kb check`)."""
    counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
    for row in rows:
        counts[row.status] += 1
    return counts


def row_label(raw: Any, index: int) -> str:
    """How an error names a row: its country when it has one, else its position."""
    if isinstance(raw, dict) and isinstance(raw.get("country"), str) and raw["country"].strip():
        return repr(raw["country"].strip())
    return f"#{index + 1}"

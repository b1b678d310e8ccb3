"""The country table: rows are validated like entries, and each row becomes a sourced entry."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.answer.lexicon import COUNTRIES
from bot.answer.names import is_country
from bot.answer.normalize import Normalizer
from bot.kb.countries import adds_a_name, country_id, entry_into_force
from bot.kb.loader import KnowledgeBaseError, load_knowledge_base
from bot.kb.models import KnowledgeBase
from tests.paths import ROOT

CURATED = """\
- id: membership
  topic: Membership
  question: How many countries are in the CCM?
  answer: A curated answer about membership, long enough.
  sources:
  - title: A source
    url: https://example.org/members
"""

SOURCE = """\
  source:
    title: Cluster Munition Monitor 2022 - Treaty Status
    url: https://example.org/status
    as_of: "2022-08-01"
"""

ROWS = {
    "France": """\
- country: France
  aliases: [french republic, republic of france]
  status: state-party
  signed: 2008-12-03
  consent: 2009-09-25
  consent_kind: ratification
""",
    "Andorra": """\
- country: Andorra
  status: state-party
  consent: 2013-04-09
  consent_kind: accession
""",
    "Vanuatu": """\
- country: Vanuatu
  status: state-party
  consent: 2025-09-05
  consent_kind: accession
  remark: It became the 112th State Party.
""",
    "Lithuania": """\
- country: Lithuania
  status: withdrawn
  signed: 2008-12-03
  consent: 2011-03-24
  consent_kind: ratification
  withdrawal_effective: 2025-03-06
  remark: It is the first state ever to leave the Convention.
  remark_source:
    title: An HRW release
    url: https://example.org/hrw
""",
    "Kenya": """\
- country: Kenya
  status: signatory
  signed: 2008-12-03
""",
    "Netherlands": """\
- country: Netherlands
  display: the Netherlands
  aliases: [holland]
  status: state-party
  signed: 2008-12-03
  consent: 2011-02-23
  consent_kind: ratification
""",
    "India": """\
- country: India
  status: non-signatory
""",
    "United States": """\
- country: United States
  status: non-signatory
  entry: membership
""",
}


def table(*names: str, extra: str = "", rows: dict[str, str] | None = None) -> str:
    """A country table with the named rows (each given the same source)."""
    body = rows or ROWS
    text = "related_by_status:\n  non-signatory: [membership]\n" + extra + "countries:\n"
    return text + "".join(body[n] + SOURCE for n in names)


def make_kb(tmp_path: Path, countries: str) -> Path:
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    (knowledge / "curated.yaml").write_text(CURATED, encoding="utf-8")
    (knowledge / "countries.yaml").write_text(countries, encoding="utf-8")
    return knowledge


def load(tmp_path: Path, countries: str, today: date = date(2025, 10, 1)) -> KnowledgeBase:
    return load_knowledge_base(make_kb(tmp_path, countries), tmp_path / "seeds", today=today)


def issues_of(tmp_path: Path, countries: str) -> list[str]:
    with pytest.raises(KnowledgeBaseError) as caught:
        load(tmp_path, countries)
    return [str(issue) for issue in caught.value.issues]


# -- entry into force (Article 17) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("deposit", "in_force"),
    [
        (date(2009, 9, 25), date(2010, 8, 1)),  # France: before the 30th instrument
        (date(2010, 1, 25), date(2010, 8, 1)),  # Montenegro: a month-plus-six rule would say Jul
        (date(2010, 2, 16), date(2010, 8, 1)),  # Burkina Faso and Moldova: the 30th
        (date(2010, 5, 4), date(2010, 11, 1)),  # UK
        (date(2010, 7, 28), date(2011, 1, 1)),  # Comoros: across the new year
        (date(2011, 12, 20), date(2012, 6, 1)),  # Dominican Republic: from December
        (date(2023, 2, 28), date(2023, 8, 1)),  # Nigeria
        (date(2023, 8, 3), date(2024, 2, 1)),  # South Sudan
        (date(2025, 9, 5), date(2026, 3, 1)),  # Vanuatu
    ],
)
def test_entry_into_force_follows_article_17(deposit: date, in_force: date) -> None:
    assert entry_into_force(deposit) == in_force


def test_computed_dates_agree_with_the_dates_the_sources_state(kb: KnowledgeBase) -> None:
    """Where a row's note quotes the in-force date its source gives, the computation agrees."""
    rows = yaml.safe_load((ROOT / "knowledge" / "countries.yaml").read_text(encoding="utf-8"))
    checked = 0
    for row in rows["countries"]:
        stated = re.search(
            r"(?:in|into) force (?:for [\w ]+? )?(?:from|only on|on) (\d{1,2} \w{3} \d{4})",
            row.get("note", ""),
            re.IGNORECASE,
        )
        if stated and row.get("consent"):
            day = date.fromisoformat(str(row["consent"]))
            expected = entry_into_force(day)
            assert f"{expected.day} {expected:%b} {expected.year}" == stated.group(1), row
            entry = kb.get(country_id(row["country"]))
            assert entry is not None and stated.group(1) in entry.answer
            checked += 1
    assert checked == 6  # UK, Nigeria, South Sudan, Maldives, Niue, Vanuatu


# -- generated answers -----------------------------------------------------------------------


def test_each_status_gets_a_plain_answer_with_its_dates(tmp_path: Path) -> None:
    names = ("France", "Andorra", "Vanuatu", "Lithuania", "Kenya", "Netherlands", "India")
    kb = load(tmp_path, table(*names), today=date(2025, 10, 1))
    answers = {e.id: e.answer for e in kb.entries if e.topic == "Countries"}
    assert answers["country-france"] == (
        "France is a State Party to the CCM: it signed on 3 Dec 2008 and ratified on "
        "25 Sep 2009; the Convention has bound it since it entered into force on 1 Aug 2010."
    )
    assert "acceded on 9 Apr 2013" in answers["country-andorra"]
    assert "has bound it since 1 Oct 2013" in answers["country-andorra"]
    # not yet bound on `today`: the date and how it was derived
    assert (
        "binds it from 1 Mar 2026, the first day of the sixth month" in answers["country-vanuatu"]
    )
    assert answers["country-vanuatu"].endswith("It became the 112th State Party.")
    assert "no longer a party" in answers["country-lithuania"]
    assert "took effect on 6 Mar 2025" in answers["country-lithuania"]
    assert answers["country-kenya"].startswith("Kenya is a signatory of the CCM, not a State Party")
    assert (
        "signed on 3 Dec 2008 but, as of 1 Aug 2022, had not ratified" in answers["country-kenya"]
    )
    assert answers["country-netherlands"].startswith("The Netherlands is a State Party")
    assert answers["country-india"].startswith(
        "India is a non-signatory of the CCM: as of 1 Aug 2022 it had neither signed nor acceded"
    )


def test_the_same_row_reads_differently_once_its_date_has_passed(tmp_path: Path) -> None:
    kb = load(tmp_path, table("Vanuatu"), today=date(2026, 3, 1))
    entry = kb.get("country-vanuatu")
    assert entry is not None and "has bound it since 1 Mar 2026" in entry.answer


def test_generated_entries_cite_their_row_with_its_as_of(tmp_path: Path) -> None:
    kb = load(tmp_path, table("France", "Lithuania", "India", "United States"))
    france = kb.get("country-france")
    assert france is not None
    assert france.topic == "Countries" and france.kind == "fact" and france.volatile is True
    assert france.question == "Is France a party to the Convention on Cluster Munitions?"
    [source] = france.sources
    assert (source.title, source.url, source.as_of) == (
        "Cluster Munition Monitor 2022 - Treaty Status",
        "https://example.org/status",
        "2022-08-01",
    )
    lithuania = kb.get("country-lithuania")
    assert lithuania is not None
    assert [s.url for s in lithuania.sources] == [
        "https://example.org/status",
        "https://example.org/hrw",
    ]
    # defaults by status follow the row's own related ids
    india = kb.get("country-india")
    assert india is not None and india.related == ("membership",)
    assert kb.entry_files["country-india"] == "knowledge/countries.yaml"
    assert set(kb.families) == {"country-france", "country-lithuania", "country-india"}
    assert kb.country_counts == {
        "state-party": 1,
        "signatory": 0,
        "withdrawn": 1,
        "non-signatory": 2,
    }


def test_with_its_references_the_table_says_what_it_covers(tmp_path: Path) -> None:
    extra = (
        "coverage_sources:\n- title: UN Treaty Collection\n  url: https://example.org/un\n"
        '  as_of: "2025-06-22"\ncoverage_related: [membership]\n'
    )
    kb = load(tmp_path, table("France", "Kenya", "Lithuania", "India", extra=extra))
    coverage = kb.get("countries-covered")
    assert coverage is not None and coverage.related == ("membership",)
    assert coverage.answer.startswith(
        "I have a sourced CCM status for 4 countries: every State Party (1) and signatory (1), "
        "the 1 that withdrew and 1 notable non-signatory"
    )
    assert "no sourced status" in coverage.answer
    assert [s.as_of for s in coverage.sources] == ["2025-06-22"]
    assert "countries-covered" in kb.families  # generated from the table: weighed with it
    (tmp_path / "other").mkdir()
    assert load(tmp_path / "other", table("France")).get("countries-covered") is None


def test_a_row_naming_a_curated_entry_generates_nothing(tmp_path: Path) -> None:
    kb = load(tmp_path, table("United States"))
    assert [e.id for e in kb.entries] == ["membership"]
    assert kb.country_counts["non-signatory"] == 1


def test_phrasings_cover_how_people_ask_and_the_aliases(tmp_path: Path) -> None:
    kb = load(tmp_path, table("France", "Netherlands"))
    france = kb.get("country-france")
    netherlands = kb.get("country-netherlands")
    assert france is not None and netherlands is not None
    for asked in ("is france in the ccm", "when did france ratify the ccm", "france ccm status"):
        assert asked in france.alternates
    assert "is holland in the ccm" in netherlands.alternates
    assert "is french republic in the ccm" in france.alternates
    # an official long form that only adds "republic of" to the name is not a way of asking
    assert not any("republic of france" in a for a in france.alternates)
    assert len(france.phrasings) >= 6


def test_aliases_that_only_dress_the_name_up_are_not_used() -> None:
    assert not adds_a_name("Republic of Albania", "Albania")
    assert adds_a_name("Swaziland", "Eswatini")
    assert adds_a_name("Lao PDR", "Laos")


# -- mistakes in rows --------------------------------------------------------------------------


def one_issue(tmp_path: Path, countries: str) -> str:
    [issue] = issues_of(tmp_path, countries)
    return issue


def test_a_missing_as_of_names_file_line_row_and_field(tmp_path: Path) -> None:
    broken = table("France").replace('    as_of: "2022-08-01"\n', "")
    issue = one_issue(tmp_path, broken)
    assert issue.startswith("knowledge/countries.yaml:")
    assert "row 'France' field 'source.as_of'" in issue and "missing" in issue


def test_a_bad_as_of_is_explained(tmp_path: Path) -> None:
    broken = table("France").replace('as_of: "2022-08-01"', 'as_of: "last summer"')
    assert "2022-08-01, 2022-08 or 2022" in one_issue(tmp_path, broken)


def test_a_state_party_needs_its_consent_date(tmp_path: Path) -> None:
    broken = table("France").replace("  consent: 2009-09-25\n", "")
    issues = issues_of(tmp_path, broken)
    assert any("row 'France' field 'consent'" in i and "ratified or acceded" in i for i in issues)


def test_a_signatory_has_no_ratification(tmp_path: Path) -> None:
    broken = table("Kenya").replace(
        "  signed: 2008-12-03\n", "  signed: 2008-12-03\n  consent: 2020-01-01\n"
    )
    issue = one_issue(tmp_path, broken)
    assert "row 'Kenya' field 'consent'" in issue and "has not ratified" in issue


def test_accession_is_for_states_that_never_signed(tmp_path: Path) -> None:
    broken = table("Andorra").replace(
        "  status: state-party\n", "  status: state-party\n  signed: 2008-12-03\n"
    )
    issue = one_issue(tmp_path, broken)
    assert "field 'consent_kind'" in issue and "never signed" in issue


def test_signature_closed_when_the_convention_entered_into_force(tmp_path: Path) -> None:
    broken = table("France").replace("signed: 2008-12-03", "signed: 2011-01-05")
    issues = issues_of(tmp_path, broken)
    assert any("field 'signed'" in i and "1 Aug 2010" in i for i in issues)


def test_a_date_must_be_a_date(tmp_path: Path) -> None:
    broken = table("France").replace("consent: 2009-09-25", "consent: 2009")
    issues = issues_of(tmp_path, broken)
    assert any("field 'consent'" in i and "2009-09-25 (year-month-day)" in i for i in issues)


def test_an_unknown_status_lists_the_right_ones(tmp_path: Path) -> None:
    broken = table("India").replace("status: non-signatory", "status: observer")
    issue = one_issue(tmp_path, broken)
    assert "row 'India' field 'status'" in issue and "'non-signatory'" in issue


def test_a_misspelt_field_is_a_spelling_hint(tmp_path: Path) -> None:
    broken = table("India").replace("  status:", "  remarks: x\n  status:")
    assert "field 'remarks': unknown field" in one_issue(tmp_path, broken)


def test_a_withdrawal_date_only_with_status_withdrawn(tmp_path: Path) -> None:
    broken = table("Lithuania").replace("status: withdrawn", "status: state-party")
    issues = issues_of(tmp_path, broken)
    assert any("field 'withdrawal_effective'" in i and "status: withdrawn" in i for i in issues)


def test_a_name_may_point_to_one_country_only(tmp_path: Path) -> None:
    rows = dict(ROWS, India=ROWS["India"].replace("  status:", "  aliases: [holland]\n  status:"))
    issue = one_issue(tmp_path, table("Netherlands", "India", rows=rows))
    assert "row 'India' field 'aliases'" in issue and "already names Netherlands" in issue


def test_entry_must_name_a_curated_entry(tmp_path: Path) -> None:
    broken = table("United States").replace("entry: membership", "entry: us-status")
    issue = one_issue(tmp_path, broken)
    assert "row 'United States' field 'entry'" in issue and "'us-status'" in issue


def test_a_generated_id_may_not_reuse_a_curated_one(tmp_path: Path) -> None:
    knowledge = make_kb(tmp_path, table("India"))
    clash = CURATED.replace("id: membership", "id: country-india")
    (knowledge / "clash.yaml").write_text(clash, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(knowledge, tmp_path / "seeds")
    assert any(
        i.file == "knowledge/countries.yaml" and "duplicate id" in i.message
        for i in caught.value.issues
    )


def test_related_ids_must_exist(tmp_path: Path) -> None:
    broken = table("India").replace("[membership]", "[no-such-entry]")
    issue = one_issue(tmp_path, broken)
    assert "country-india" in issue and "no entry has the id 'no-such-entry'" in issue


def test_every_mistake_is_reported_at_once(tmp_path: Path) -> None:
    broken = table("France", "Kenya", "India")
    broken = broken.replace("consent: 2009-09-25", "consent: soon")
    broken = broken.replace("status: non-signatory", "status: maybe")
    issues = issues_of(tmp_path, broken)
    assert any("row 'France'" in i for i in issues) and any("row 'India'" in i for i in issues)


def test_a_table_that_is_not_rows_says_what_is_expected(tmp_path: Path) -> None:
    issue = one_issue(tmp_path, "- country: France\n")
    assert "'countries:', a list of rows" in issue


def test_a_row_that_is_not_a_block(tmp_path: Path) -> None:
    issue = one_issue(tmp_path, "countries:\n- France\n")
    assert "row #1" in issue and "'field: value' lines" in issue


# -- the bundled table -----------------------------------------------------------------------


def test_the_bundled_table_loads_every_row(kb: KnowledgeBase) -> None:
    assert kb.country_counts == {
        "state-party": 112,
        "signatory": 12,
        "withdrawn": 1,
        "non-signatory": 40,
    }
    generated = [e for e in kb.entries if e.topic == "Countries"]
    # a row each, but US, Russia, Ukraine and Cambodia have curated entries; plus coverage
    assert len(generated) == len(kb.families) == 165 - 4 + 1
    assert all(e.volatile and e.sources[0].as_of for e in generated)


def test_every_country_name_in_the_table_is_a_name_to_the_engine(kb: KnowledgeBase) -> None:
    """The matcher reads country words as names (bot/answer/lexicon.py COUNTRIES): a question
    naming a country an entry never mentions is not that entry's question."""
    rows = yaml.safe_load((ROOT / "knowledge" / "countries.yaml").read_text(encoding="utf-8"))
    normalizer = Normalizer(kb.synonyms)
    for row in rows["countries"]:
        for name in [row["country"], *row.get("aliases", [])]:
            if not adds_a_name(name, row["country"]) and name != row["country"]:
                continue
            words = normalizer(name).split()
            assert any(is_country(w) for w in words), (name, words)
    assert "honduras" in COUNTRIES and "hondura" in COUNTRIES  # stems too

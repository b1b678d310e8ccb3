"""Khmer text in knowledge files: loading (mistakes named by file, entry, field) and the
`kb check` rules (figures, Khmer script, review status, Khmer self-retrieval)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.answerer import Answerer
from bot.kb.lint import Finding, figures, lint
from bot.kb.loader import load_knowledge_base
from bot.kb.models import KnowledgeBase
from tests.unit.kb.test_loader import issues_of, make_kb

KM = """\
- id: ccm-adopted
  topic: Testing
  question: When was the CCM adopted?
  alternates: [ccm adoption date]
  answer: The CCM was adopted in Dublin on 30 May 2008 by 107 states.
  sources:
  - title: A source
    url: https://example.org/a
  km:
    question: "តើ CCM ត្រូវបានអនុម័តនៅពេលណា?"
    alternates:
    - "CCM អនុម័តឆ្នាំណា"
    - "អនុសញ្ញាស្តីពីអាវុធចង្កោមត្រូវបានអនុម័តនៅពេលណា"
    - "ថ្ងៃអនុម័ត CCM"
    - "CCM ត្រូវបានអនុម័តនៅទីក្រុងណា"
    answer: "CCM ត្រូវបានអនុម័តនៅទីក្រុងឌុយប្លាំង នៅថ្ងៃទី30 ខែឧសភា ឆ្នាំ2008 ដោយរដ្ឋចំនួន 107។"
    reviewed: true

- id: k5-belt
  topic: Testing
  question: What is the K5 belt?
  alternates: [k5 mines]
  answer: The K5 belt is a 1,046 km barrier of minefields built in 1985-1989.
  sources:
  - title: A source
    url: https://example.org/a
  km:
    question: "ខ្សែក្រវាត់ K5 ជាអ្វី?"
    alternates: ["ផែនការក៥ ជាអ្វី", "ខ្សែមីន K5", "របាំងឫស្សីជាអ្វី", "ខ្សែក្រវាត់មីននៅព្រំដែនថៃ"]
    answer: "ខ្សែក្រវាត់ K5 គឺជារបាំងវាលមីនប្រវែង ១,០៤៦ គីឡូម៉ែត្រ ដែលសាងសង់ក្នុងឆ្នាំ១៩៨៥-១៩៨៩។"
    reviewed: false
"""


def _kb(tmp_path: Path, text: str = KM) -> KnowledgeBase:
    return load_knowledge_base(make_kb(tmp_path, {"a.yaml": text}))


def _findings(kb: KnowledgeBase) -> list[Finding]:
    """The findings about Khmer text (the tiny knowledge base has others: no sources.yaml,
    few English phrasings)."""
    findings, _ = lint(kb, Answerer(kb))
    return [f for f in findings if f.field.startswith("km")]


def test_khmer_text_loads_beside_the_english(tmp_path: Path) -> None:
    kb = _kb(tmp_path)
    entry = kb.get("ccm-adopted")
    assert entry is not None and entry.km is not None
    assert entry.km.question == "តើ CCM ត្រូវបានអនុម័តនៅពេលណា?"
    assert entry.km.reviewed and len(entry.km.alternates) == 4
    assert entry.km.phrasings[0] == entry.km.question


def test_a_clean_khmer_knowledge_base_has_only_the_review_warning(tmp_path: Path) -> None:
    kb = _kb(tmp_path)
    findings = _findings(kb)
    _, retrieval = lint(kb)
    assert [(f.severity, f.entry, f.field) for f in findings] == [
        ("warning", "k5-belt", "km.reviewed")
    ]
    assert "not yet reviewed by a native speaker" in findings[0].message
    assert retrieval.km_phrasings == 10 and retrieval.km_retrieved == 10


def test_fewer_than_four_khmer_alternates_names_file_entry_and_field(tmp_path: Path) -> None:
    broken = KM.replace('    - "ថ្ងៃអនុម័ត CCM"\n    - "CCM ត្រូវបានអនុម័តនៅទីក្រុងណា"\n', "")
    [issue] = issues_of(make_kb(tmp_path, {"a.yaml": broken}))
    assert issue.startswith("knowledge/a.yaml:")
    assert "entry 'ccm-adopted'" in issue and "field 'km.alternates'" in issue
    assert "at least 4 Khmer ways of asking (found 2)" in issue


def test_unknown_khmer_field_is_a_spelling_hint(tmp_path: Path) -> None:
    broken = KM.replace("    reviewed: true", "    reviewd: true")
    [issue] = issues_of(make_kb(tmp_path, {"a.yaml": broken}))
    assert "field 'km.reviewd'" in issue and "unknown field" in issue


def test_khmer_without_an_english_entry_is_refused(tmp_path: Path) -> None:
    orphan = """\
- id: orphan
  topic: Testing
  km:
    question: "CCM ជាអ្វី?"
    alternates: ["ក", "ខ", "គ", "ឃ"]
    answer: "CCM គឺជាសន្ធិសញ្ញាហាមឃាត់អាវុធចង្កោម។"
"""
    issues = issues_of(make_kb(tmp_path, {"a.yaml": orphan}))
    assert any(
        "entry 'orphan' field 'km'" in i and "needs the English entry it translates" in i
        for i in issues
    )
    assert any("field 'question'" in i for i in issues)


def test_figures_that_differ_from_the_english_are_an_error(tmp_path: Path) -> None:
    kb = _kb(tmp_path, KM.replace("ដោយរដ្ឋចំនួន 107", "ដោយរដ្ឋចំនួន 111"))
    [finding] = [f for f in _findings(kb) if f.severity == "error"]
    assert (finding.entry, finding.field) == ("ccm-adopted", "km.answer")
    assert "missing 107" in finding.message and "not in the English 111" in finding.message


def test_latin_only_text_in_a_khmer_field_is_an_error(tmp_path: Path) -> None:
    kb = _kb(tmp_path, KM.replace('    - "ថ្ងៃអនុម័ត CCM"', '    - "ccm adoption day"'))
    errors = [f for f in _findings(kb) if f.severity == "error"]
    assert [(f.entry, f.field) for f in errors] == [("ccm-adopted", "km.alternates[2]")]
    assert "no Khmer script" in errors[0].message


def test_a_khmer_phrasing_finding_another_entry_is_an_error(tmp_path: Path) -> None:
    kb = _kb(tmp_path, KM.replace('"ខ្សែមីន K5"', '"CCM អនុម័តឆ្នាំណា"'))
    errors = [f for f in _findings(kb) if f.severity == "error"]
    assert any("is also used by" in f.message for f in errors)
    assert any("first in the Khmer index" in f.message for f in errors)


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("killed 19,822 and injured 45,215", {"19822", "45215"}),
        ("ស្លាប់ ១៩,៨២២ នាក់", {"19822"}),
        ("from 2007–09, over 90%", {"2007", "9", "90"}),
        ("Art. 2(2) and 38½ years", {"2", "38"}),
        ("2.5 million and 1, 2, 3", {"2.5", "1", "2", "3"}),
    ],
)
def test_figures_are_the_numbers_of_an_answer(text: str, numbers: set[str]) -> None:
    assert figures(text) == numbers


def test_the_fixture_passes_kb_check_with_its_unreviewed_text_listed(km_kb: KnowledgeBase) -> None:
    findings, retrieval = lint(km_kb)
    assert not [f for f in findings if f.severity == "error"]
    unreviewed = {f.entry for f in findings if f.field == "km.reviewed"}
    assert unreviewed == {e.id for e in km_kb.entries if e.km and not e.km.reviewed}
    assert "hun-manet-who" not in unreviewed  # the one the fixture marks reviewed
    assert retrieval.km_rate == 1.0


def test_a_long_khmer_answer_is_a_warning(tmp_path: Path) -> None:
    padding = " ជាការពិត" * 120  # no figures: the figures rule stays quiet
    kb = _kb(tmp_path, KM.replace("ដោយរដ្ឋចំនួន 107។", "ដោយរដ្ឋចំនួន 107។" + padding))
    [finding] = [f for f in _findings(kb) if f.field == "km.answer"]
    assert finding.severity == "warning" and "aim for at most 1000" in finding.message

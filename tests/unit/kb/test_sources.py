"""knowledge/sources.yaml: the loader validates the list, `kb check` checks citations against it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.kb.lint import Finding, lint, source_findings
from bot.kb.loader import KnowledgeBaseError, load_knowledge_base
from bot.kb.models import KnowledgeBase
from tests.unit.kb.test_loader import GOOD, make_kb

LISTED = """\
- key: S1
  title: "A source"
  url: "https://example.org/a"
  publisher: Example
  date: 2021
  strength: "research: an example"

- key: S2
  title: "The test article (seed)"
  url: "https://example.org/article"
  date: "2023-07"
  strength: news
"""


def issues_of(knowledge: Path) -> list[str]:
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(knowledge)
    return [str(issue) for issue in caught.value.issues]


def kb_with(tmp_path: Path, listed: str | None = LISTED, entries: str = GOOD) -> KnowledgeBase:
    files = {"a.yaml": entries}
    if listed is not None:
        files["sources.yaml"] = listed
    return load_knowledge_base(make_kb(tmp_path, files))


def messages(findings: list[Finding]) -> list[str]:
    return [str(f) for f in findings]


def test_the_list_loads_and_is_not_a_topic_file(tmp_path: Path) -> None:
    kb = kb_with(tmp_path)
    assert kb.listed_sources is not None
    assert [s.key for s in kb.listed_sources] == ["S1", "S2"]
    assert kb.listed_sources[0].date == "2021" and kb.listed_sources[0].kind == "research"
    assert kb.files == ("knowledge/a.yaml",)
    assert source_findings(kb) == []


def test_duplicate_key_names_the_first_line(tmp_path: Path) -> None:
    twice = LISTED + LISTED.split("\n\n")[0].replace("example.org/a", "example.org/b") + "\n"
    [issue] = issues_of(make_kb(tmp_path, {"a.yaml": GOOD, "sources.yaml": twice}))
    assert issue.startswith("knowledge/sources.yaml:13 entry 'S1' field 'key'")
    assert "duplicate key: already used at knowledge/sources.yaml:1" in issue


def test_the_same_address_under_two_keys(tmp_path: Path) -> None:
    twice = LISTED + LISTED.split("\n\n")[0].replace("S1", "S3").replace("/a", "/a/") + "\n"
    [issue] = issues_of(make_kb(tmp_path, {"a.yaml": GOOD, "sources.yaml": twice}))
    assert "entry 'S3' field 'url'" in issue and "already listed as S1" in issue


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ('"https://example.org/a"', "example dot org", "url", "full http(s) address"),
        ("date: 2021", "date: 2021-13", "date", "expected a date"),
        ("date: 2021", "date: July 2021", "date", "expected a date"),
        ('"research: an example"', '"solid: trust me"', "strength", "must start with one of"),
        ("  publisher: Example\n", "  pubisher: Example\n", "pubisher", "unknown"),
        ('  title: "A source"\n', "", "title", "missing"),
    ],
)
def test_bad_rows_name_key_and_field(
    tmp_path: Path, old: str, new: str, field: str, words: str
) -> None:
    assert old in LISTED
    broken = LISTED.replace(old, new, 1)
    [issue] = issues_of(make_kb(tmp_path, {"a.yaml": GOOD, "sources.yaml": broken}))
    assert "knowledge/sources.yaml:" in issue and "entry 'S1'" in issue
    assert f"field '{field}'" in issue and words in issue


def test_not_a_list(tmp_path: Path) -> None:
    [issue] = issues_of(make_kb(tmp_path, {"a.yaml": GOOD, "sources.yaml": "key: S1\n"}))
    assert "sources.yaml" in issue and "list of sources" in issue


def test_an_unlisted_page_is_an_error_naming_file_entry_and_field(tmp_path: Path) -> None:
    kb = kb_with(tmp_path, entries=GOOD.replace("example.org/a", "example.org/elsewhere"))
    [finding] = source_findings(kb)
    assert finding.severity == "error"
    assert (finding.file, finding.entry, finding.field) == (
        "knowledge/a.yaml",
        "first-entry",
        "sources[0].url",
    )
    assert "https://example.org/elsewhere is not in knowledge/sources.yaml" in finding.message


def test_a_listed_page_under_another_title_is_an_error(tmp_path: Path) -> None:
    kb = kb_with(tmp_path, entries=GOOD.replace("title: A source", "title: Some other name"))
    [finding] = source_findings(kb)
    assert finding.severity == "error" and finding.field == "sources[0].title"
    assert "'A source' (S1)" in finding.message


def test_titles_match_whatever_the_case_spacing_or_stars(tmp_path: Path) -> None:
    kb = kb_with(tmp_path, entries=GOOD.replace("title: A source", 'title: "a  *SOURCE*"'))
    assert source_findings(kb) == []


def test_a_source_to_avoid_is_a_warning(tmp_path: Path) -> None:
    avoided = LISTED.replace(
        '  strength: "research: an example"',
        '  strength: "research: an example"\n  avoid: "a home page, not the article; cite S2"',
    )
    kb = kb_with(tmp_path, avoided)
    [finding] = source_findings(kb)
    assert finding.severity == "warning" and finding.field == "sources[0]"
    assert "S1 should not be cited: a home page" in finding.message


def test_the_seed_article_must_be_listed_too(tmp_path: Path) -> None:
    kb = kb_with(tmp_path, LISTED.split("\n\n")[0] + "\n")
    [finding] = source_findings(kb)
    assert (finding.entry, finding.field) == ("second-entry", "sources[0].seed")
    assert "https://example.org/article" in finding.message


def test_no_list_is_one_error(tmp_path: Path) -> None:
    kb = kb_with(tmp_path, None)
    assert kb.listed_sources is None
    [finding] = source_findings(kb)
    assert finding.severity == "error" and str(finding).startswith(
        "error: knowledge/sources.yaml: missing"
    )


def test_kb_check_reports_it(tmp_path: Path) -> None:
    kb = kb_with(tmp_path, entries=GOOD.replace("example.org/a", "example.org/elsewhere"))
    findings, _ = lint(kb)
    assert any(
        "error: knowledge/a.yaml entry 'first-entry' field 'sources[0].url'" in m
        for m in messages(findings)
    )


def test_the_bundled_list_covers_every_citation(kb: KnowledgeBase) -> None:
    assert kb.listed_sources is not None and len(kb.listed_sources) >= 150
    assert [f for f in source_findings(kb) if f.severity == "error"] == []
    kinds = {s.kind for s in kb.listed_sources}
    assert kinds == {"official", "research", "news", "reference", "secondary"}
    # Russian state media are listed as secondary, for quotations only
    tass = [s for s in kb.listed_sources if s.publisher == "TASS"]
    assert tass and all(s.kind == "secondary" for s in tass)

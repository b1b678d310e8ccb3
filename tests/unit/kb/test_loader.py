"""The loader reports every mistake at once, naming file, entry, field and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.kb.loader import KnowledgeBaseError, load_knowledge_base
from tests.paths import ROOT

GOOD = """\
- id: first-entry
  topic: Testing
  question: What is the first entry?
  alternates: [first one]
  answer: This is the first entry's answer, long enough.
  sources:
  - title: A source
    url: https://example.org/a
  related: [second-entry]

- id: second-entry
  topic: Testing
  question: What is the second entry?
  answer: This is the second entry's answer, long enough.
  sources:
  - seed: article
    paragraph: 2
"""

SEED = "# A test article\n# URL: https://example.org/article\n\n[1] One.\n\n[2] Two.\n"


def make_kb(tmp_path: Path, files: dict[str, str]) -> Path:
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "article.txt").write_text(SEED, encoding="utf-8")
    for name, text in files.items():
        (knowledge / name).write_text(text, encoding="utf-8")
    return knowledge


def issues_of(knowledge: Path) -> list[str]:
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(knowledge)
    return [str(issue) for issue in caught.value.issues]


def test_good_file_loads_with_seed_and_related(tmp_path: Path) -> None:
    kb = load_knowledge_base(make_kb(tmp_path, {"a.yaml": GOOD}))
    assert [e.id for e in kb.entries] == ["first-entry", "second-entry"]
    title, url = kb.source_label(kb.entries[1].sources[0])
    assert title == "A test article, paragraph 2" and url == "https://example.org/article"
    assert kb.entry_files["second-entry"] == "knowledge/a.yaml"


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    broken = GOOD.replace("  alternates: [first one]", "  alternates: [first one")
    [issue] = issues_of(make_kb(tmp_path, {"a.yaml": broken}))
    assert issue.startswith("knowledge/a.yaml:") and "YAML syntax error" in issue


def test_missing_field_names_entry_and_field(tmp_path: Path) -> None:
    broken = GOOD.replace("  question: What is the second entry?\n", "")
    [issue] = issues_of(make_kb(tmp_path, {"a.yaml": broken}))
    assert "entry 'second-entry'" in issue and "field 'question'" in issue
    assert "missing" in issue


def test_bad_url_points_at_the_line_of_the_field(tmp_path: Path) -> None:
    broken = GOOD.replace("https://example.org/a", "example dot org")
    [issue] = issues_of(make_kb(tmp_path, {"a.yaml": broken}))
    assert issue.startswith("knowledge/a.yaml:8 ")
    assert "field 'sources[0].url'" in issue


def test_unknown_field_is_a_spelling_hint(tmp_path: Path) -> None:
    broken = GOOD.replace("  alternates: [first one]", "  alternate: [first one]")
    [issue] = issues_of(make_kb(tmp_path, {"a.yaml": broken}))
    assert "field 'alternate'" in issue and "unknown field" in issue


def test_all_mistakes_are_reported_together(tmp_path: Path) -> None:
    broken = GOOD.replace("https://example.org/a", "nope").replace(
        "  question: What is the second entry?\n", ""
    )
    other = (
        GOOD.replace("first-entry", "third")
        .replace("second-entry", "fourth")
        .replace("related: [fourth]", "related: [nobody]")
    )
    issues = issues_of(make_kb(tmp_path, {"a.yaml": broken, "b.yaml": other}))
    assert len(issues) == 3
    assert any("b.yaml" in i and "no entry has the id 'nobody'" in i for i in issues)


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    issues = issues_of(make_kb(tmp_path, {"a.yaml": GOOD, "b.yaml": GOOD}))
    assert any("b.yaml" in i and "duplicate id" in i and "a.yaml" in i for i in issues)


def test_duplicate_key_in_one_entry(tmp_path: Path) -> None:
    broken = GOOD.replace(
        "  topic: Testing\n  question: What is the first",
        "  topic: Testing\n  topic: Again\n  question: What is the first",
    )
    [issue] = issues_of(make_kb(tmp_path, {"a.yaml": broken}))
    assert "field 'topic'" in issue and "twice" in issue


def test_position_needs_attribution_and_fact_needs_source(tmp_path: Path) -> None:
    broken = GOOD.replace(
        "  topic: Testing\n  question: What is the first",
        "  topic: Testing\n  kind: position\n  question: What is the first",
    )
    broken = broken.replace("  sources:\n  - seed: article\n    paragraph: 2\n", "")
    issues = issues_of(make_kb(tmp_path, {"a.yaml": broken}))
    assert any("attributed_to" in i and "first-entry" in i for i in issues)
    assert any("at least one source" in i and "second-entry" in i for i in issues)


def test_volatile_figure_needs_as_of(tmp_path: Path) -> None:
    broken = GOOD.replace(
        "  related: [second-entry]", "  related: [second-entry]\n  volatile: true"
    )
    [issue] = issues_of(make_kb(tmp_path, {"a.yaml": broken}))
    assert "as_of" in issue and "first-entry" in issue


def test_seed_paragraph_out_of_range(tmp_path: Path) -> None:
    broken = GOOD.replace("paragraph: 2", "paragraph: 9")
    [issue] = issues_of(make_kb(tmp_path, {"a.yaml": broken}))
    assert "only 2 paragraphs" in issue and "sources[0].paragraph" in issue


def test_not_a_list_and_invalid_utf8(tmp_path: Path) -> None:
    knowledge = make_kb(tmp_path, {"a.yaml": "id: lonely\n"})
    (knowledge / "b.yaml").write_bytes(b"- id: \xff\xfe\n")
    issues = issues_of(knowledge)
    assert any("a.yaml" in i and "list of entries" in i for i in issues)
    assert any("b.yaml" in i and "UTF-8" in i for i in issues)


def test_numbers_in_keywords_are_text(tmp_path: Path) -> None:
    kb = load_knowledge_base(
        make_kb(tmp_path, {"a.yaml": GOOD.replace("[first one]", "[first one, 344]")})
    )
    assert "344" in kb.entries[0].alternates


def test_note_is_kept_for_curators_and_never_searched_or_shown(tmp_path: Path) -> None:
    from bot.answer import Answerer
    from bot.terminal.render import reply_to_json

    remark = "Checked against facts.md item 69; zanzibar stays hedged."
    noted = GOOD.replace(
        "  related: [second-entry]", f"  related: [second-entry]\n  note: {remark}"
    )
    kb = load_knowledge_base(make_kb(tmp_path, {"a.yaml": noted}))
    first, second = kb.entries
    assert first.note == remark and second.note is None
    # a curator's remark is not a way of asking, and no reply carries it
    assert all("zanzibar" not in p for p in first.phrasings)
    answerer = Answerer(kb)
    assert not any(c.entry_id == "first-entry" for c in answerer.rank("zanzibar", limit=5))
    reply = answerer.answer_entry("first-entry")
    assert reply is not None and reply.answered
    assert "zanzibar" not in str(reply_to_json(reply, kb))


def test_empty_note_names_the_field(tmp_path: Path) -> None:
    broken = GOOD.replace("  related: [second-entry]", "  related: [second-entry]\n  note: ''")
    [issue] = issues_of(make_kb(tmp_path, {"a.yaml": broken}))
    assert "entry 'first-entry'" in issue and "field 'note'" in issue


def test_bundled_knowledge_base_loads() -> None:
    kb = load_knowledge_base(ROOT / "knowledge", ROOT / "seeds")
    assert len(kb.entries) >= 120
    assert kb.reviewed is not None


def test_bundled_copy_with_a_broken_file_is_refused(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "knowledge", tmp_path / "knowledge")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "knowledge" / "zz.yaml").write_text("- id: Bad Id\n", encoding="utf-8")
    issues = issues_of(tmp_path / "knowledge")
    assert any("zz.yaml" in i and "field 'id'" in i for i in issues)


def test_an_impossible_date_is_a_mistake_with_its_line_not_a_crash(tmp_path: Path) -> None:
    """YAML would build a date from `2026-02-30` and fail inside the library."""
    knowledge = make_kb(tmp_path, {"a.yaml": GOOD, "meta.yaml": "reviewed: 2026-02-30\n"})
    [issue] = issues_of(knowledge)
    assert issue.startswith("knowledge/meta.yaml:1 field 'reviewed'")
    assert "expected a date" in issue
    url = "    url: https://example.org/a"
    unquoted = GOOD.replace(url, url + "\n    as_of: 2025-09-08")
    (tmp_path / "b").mkdir()
    kb = load_knowledge_base(make_kb(tmp_path / "b", {"a.yaml": unquoted}))
    assert kb.entries[0].sources[0].as_of == "2025-09-08"


def test_a_bare_yes_or_no_in_synonyms_gets_a_quoting_hint(tmp_path: Path) -> None:
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "a.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "synonyms.yaml").write_text("no: [nah, nope]\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(folder)
    assert 'put the word in quotes, e.g. "no":' in caught.value.summary()


def test_a_syntax_error_comes_first_without_its_cascade(tmp_path: Path) -> None:
    """Links into a file that cannot be parsed are not reported as missing ids: the one real
    mistake is the syntax error, listed before anything else."""
    broken = GOOD.replace("- id: second-entry", "- id: second-entry\n  topic: [oops")
    other = GOOD.replace("first-entry", "third-entry").replace("second-entry", "fourth-entry")
    other = other.replace("related: [fourth-entry]", "related: [second-entry]")
    other = other.replace("url: https://example.org/a", "url: not-a-url")
    knowledge = make_kb(tmp_path, {"a.yaml": other, "b.yaml": broken})
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(knowledge, tmp_path / "seeds")
    issues = caught.value.issues
    assert issues[0].file.endswith("b.yaml") and "YAML syntax error" in issues[0].message
    assert not any("no entry has the id" in i.message for i in issues)
    assert any("url" in (i.field or "") for i in issues)  # real mistakes elsewhere stay


def test_one_problem_is_one_line(tmp_path: Path) -> None:
    knowledge = make_kb(tmp_path, {"a.yaml": GOOD.replace("topic: Testing", "topic: [x", 1)})
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(knowledge, tmp_path / "seeds")
    assert "\n" not in caught.value.summary()

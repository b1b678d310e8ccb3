"""`kb check` lint rules that look at one answer: bare openings."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.kb.lint import BARE_OPENING_SEVERITY, bare_opening, lint
from bot.kb.loader import load_knowledge_base
from tests.unit.kb.test_loader import GOOD, make_kb


@pytest.mark.parametrize(
    ("answer", "opening"),
    [
        ("No. Cambodia is neither a State Party nor a signatory.", "No."),
        ("**Yes.** States Parties report every year.", "Yes."),
        ("Yes! It was adopted in Dublin.", "Yes!"),
        ("Not quite. Only the 111 States Parties are bound.", "Not quite."),
        ("Probably nothing as written. No source gives 2,031.", "Probably nothing as written."),
        ("probably nothing, the figure is garbled.", "probably nothing, the figure is garbled."),
        ("No.\nCambodia is outside the treaty.", "No."),
    ],
)
def test_bare_openings_are_found(answer: str, opening: str) -> None:
    assert bare_opening(answer) == opening


@pytest.mark.parametrize(
    "answer",
    [
        "No, Cambodia has not joined the CCM.",
        "Yes: the Convention lets a State Party withdraw after six months.",
        "Nobody knows the exact date; the page shows none.",
        "No source shows that he called for an end to all weapons supplies.",
        "Notably, the treaty bans use in war and in peace.",
        "Probably about 10–11 July 2023; the page shows no date.",
        "Hi! I answer questions about the Convention on Cluster Munitions.",
    ],
)
def test_answers_that_restate_their_subject_pass(answer: str) -> None:
    assert bare_opening(answer) is None


def test_kb_check_flags_bare_openings_with_file_entry_and_field(tmp_path: Path) -> None:
    bare = GOOD.replace(
        "answer: This is the first entry's answer, long enough.",
        "answer: No. This is the first entry's answer, long enough.",
    )
    kb = load_knowledge_base(make_kb(tmp_path, {"a.yaml": bare}))
    findings, _ = lint(kb)
    [finding] = [f for f in findings if "bare" in f.message]
    assert BARE_OPENING_SEVERITY == "error" == finding.severity
    where = (finding.file, finding.entry, finding.field)
    assert where == ("knowledge/a.yaml", "first-entry", "answer")
    assert "'No.'" in finding.message and "restate the subject" in finding.message


def test_kb_check_warns_once_about_per_entry_words_for_entries_gone(tmp_path: Path) -> None:
    # a knowledge base without the bundled entries: every shipped weight table is stale
    kb = load_knowledge_base(make_kb(tmp_path, {"a.yaml": GOOD}))
    findings, _ = lint(kb)
    [finding] = [f for f in findings if f.file == "bot/answer/entry_words.json"]
    assert finding.severity == "warning" and "python -m bot.quality.fit_gate" in finding.message


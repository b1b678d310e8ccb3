"""`kb review`: per-entry review dates in meta.yaml, and the queue built from them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.kb.loader import KnowledgeBaseError, load_knowledge_base
from bot.kb.models import KnowledgeBase
from bot.kb.review import DayVotes, as_of_date, build_queue, format_text
from tests.unit.kb.test_loader import GOOD, make_kb

TODAY = date(2026, 12, 2)

#: three entries: one with a volatile figure, two plain ones
ENTRIES = (
    GOOD.replace(
        "  related: [second-entry]",
        '    as_of: "2025-03"\n  related: [second-entry]\n  volatile: true',
    )
    + """
- id: third-entry
  topic: Testing
  question: What is the third entry?
  answer: This is the third entry's answer, long enough.
  sources:
  - seed: article
    paragraph: 1
"""
)

META = """\
reviewed: 2026-11-28
entries:
  first-entry: 2026-11-28
  second-entry: 2026-11-30
"""


def kb_with(tmp_path: Path, meta: str = META, entries: str = ENTRIES) -> KnowledgeBase:
    return load_knowledge_base(
        make_kb(tmp_path, {"a.yaml": entries, "meta.yaml": meta}), today=TODAY
    )


def issues_of(tmp_path: Path, meta: str) -> list[str]:
    with pytest.raises(KnowledgeBaseError) as caught:
        kb_with(tmp_path, meta)
    return [str(issue) for issue in caught.value.issues]


# -- meta.yaml ----------------------------------------------------------------------------


def test_per_entry_dates_load_beside_the_whole_base_date(tmp_path: Path) -> None:
    kb = kb_with(tmp_path)
    assert kb.reviewed == date(2026, 11, 28)
    assert kb.entry_reviews == {
        "first-entry": date(2026, 11, 28),
        "second-entry": date(2026, 11, 30),
    }


def test_an_unknown_entry_id_names_its_line(tmp_path: Path) -> None:
    [issue] = issues_of(tmp_path, META + "  forth-entry: 2026-11-30\n")
    assert issue.startswith("knowledge/meta.yaml:5 entry 'forth-entry' field 'entries'")
    assert "no entry has the id 'forth-entry'" in issue


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("  third-entry: 2026-13-01\n", "expected a date"),
        ("  third-entry: last week\n", "expected a date"),
        ("  third-entry:\n", "expected a date"),
        ("  third-entry: 2027-01-01\n", "2027-01-01 is in the future"),
    ],
)
def test_bad_dates_are_refused(tmp_path: Path, line: str, words: str) -> None:
    [issue] = issues_of(tmp_path, META + line)
    assert "knowledge/meta.yaml:5 entry 'third-entry'" in issue and words in issue


def test_tomorrow_is_allowed_for_curators_east_of_utc(tmp_path: Path) -> None:
    kb = kb_with(tmp_path, META + "  third-entry: 2026-12-03\n")
    assert kb.entry_reviews["third-entry"] == date(2026, 12, 3)


@pytest.mark.parametrize(
    ("meta", "words"),
    [
        (META.replace("entries:", "entires:"), ["field 'entires'", "unknown field"]),
        ("reviewed: 2026-11-28\nentries: [first-entry]\n", ["field 'entries'", "entry-id: <date>"]),
        ("- 2026-11-28\n", ["meta.yaml", "expected 'reviewed: <date>'"]),
        ("reviewed: 2026-02-30\n", ["meta.yaml:1 field 'reviewed'", "expected a date"]),
    ],
)
def test_unknown_fields_and_shapes(tmp_path: Path, meta: str, words: list[str]) -> None:
    [issue] = issues_of(tmp_path, meta)
    assert all(w in issue for w in words), issue


# -- as_of ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "last_day"),
    [
        ("2025-09", date(2025, 9, 30)),
        ("2024-02", date(2024, 2, 29)),
        ("2025-09-08", date(2025, 9, 8)),
        ("2025", date(2025, 12, 31)),
        ("Sep 2025", date(2025, 9, 30)),
        ("September 2025", date(2025, 9, 30)),
        ("7 Jul 2023", date(2023, 7, 7)),
        ("Aug–Dec 2023", date(2023, 12, 31)),
        ("end-2023", date(2023, 12, 31)),
        ("2025-13", None),
        ("31 Feb 2025", None),
        ("recently", None),
    ],
)
def test_as_of_reads_as_the_last_day_it_can_mean(text: str, last_day: date | None) -> None:
    assert as_of_date(text) == last_day


# -- the queue -----------------------------------------------------------------------------


def reasons(
    kb: KnowledgeBase, votes: tuple[DayVotes, ...] = (), **options: int
) -> dict[str, list[str]]:
    queue = build_queue(kb, votes, today=TODAY, **options)
    return {item.id: [r.kind for r in item.reasons] for item in queue.items}


def test_old_figures_and_never_reviewed(tmp_path: Path) -> None:
    kb = kb_with(tmp_path)
    assert reasons(kb) == {"first-entry": ["old-figures"], "third-entry": ["never-reviewed"]}


def test_the_age_limit_is_an_option(tmp_path: Path) -> None:
    kb = kb_with(tmp_path)  # as of 2025-03 means up to 2025-03-31: 611 days before TODAY
    assert "first-entry" in reasons(kb, max_age_days=610)
    assert "first-entry" not in reasons(kb, max_age_days=611)


def test_a_review_does_not_hide_old_figures(tmp_path: Path) -> None:
    kb = kb_with(tmp_path, META.replace("first-entry: 2026-11-28", "first-entry: 2026-12-02"))
    assert reasons(kb)["first-entry"] == ["old-figures"]


def test_only_votes_after_the_last_review_count(tmp_path: Path) -> None:
    kb = kb_with(tmp_path)
    votes = [
        DayVotes("second-entry", date(2026, 11, 29), up=0, down=5),  # before its review
        DayVotes("second-entry", date(2026, 11, 30), up=0, down=5),  # the day of its review
        DayVotes("second-entry", date(2026, 12, 1), up=1, down=2),
        DayVotes("third-entry", date(2026, 1, 1), up=0, down=1),  # never reviewed: all count
        DayVotes("gone-entry", date(2026, 12, 1), up=0, down=9),  # no such entry any more
    ]
    queue = build_queue(kb, votes, today=TODAY)
    items = {item.id: item for item in queue.items}
    assert (items["second-entry"].down, items["second-entry"].up) == (2, 1)
    assert items["second-entry"].reasons[0].text == "👎 2 (👍 1) since its review on 2026-11-30"
    assert (items["third-entry"].down, items["third-entry"].up) == (1, 0)
    assert "gone-entry" not in items


def test_min_downvotes(tmp_path: Path) -> None:
    kb = kb_with(tmp_path)
    votes = (DayVotes("second-entry", date(2026, 12, 1), up=0, down=2),)
    assert "second-entry" in reasons(kb, votes, min_downvotes=2)
    assert "second-entry" not in reasons(kb, votes, min_downvotes=3)


def test_most_urgent_first(tmp_path: Path) -> None:
    kb = kb_with(tmp_path)
    votes = [
        DayVotes("second-entry", date(2026, 12, 1), up=0, down=1),
        DayVotes("third-entry", date(2026, 12, 1), up=0, down=3),
    ]
    queue = build_queue(kb, votes, today=TODAY)
    # most 👎 first; then old figures; then never reviewed
    assert [i.id for i in queue.items] == ["third-entry", "second-entry", "first-entry"]
    assert [r.kind for r in queue.items[0].reasons] == ["downvoted", "never-reviewed"]
    assert [i.id for i in build_queue(kb, [], today=TODAY).items] == [
        "first-entry",
        "third-entry",
    ]


def test_an_unreadable_as_of_is_listed(tmp_path: Path) -> None:
    kb = kb_with(tmp_path, entries=ENTRIES.replace('"2025-03"', '"the latest report"'))
    items = {item.id: item for item in build_queue(kb, today=TODAY).items}
    [reason] = items["first-entry"].reasons
    assert reason.kind == "unreadable-as-of" and "'the latest report'" in reason.text


def test_text_has_one_line_per_entry_with_its_reasons(tmp_path: Path) -> None:
    kb = kb_with(tmp_path)
    votes = [DayVotes("first-entry", date(2026, 12, 1), up=0, down=4)]
    text = format_text(build_queue(kb, votes, today=TODAY, votes_from="a store"))
    lines = text.splitlines()
    assert lines[0].startswith("Review queue on 2026-12-02: 2 entries due")
    assert "votes: a store" in lines[0]
    assert lines[1].split()[:2] == ["first-entry", "knowledge/a.yaml:"]
    assert "👎 4 (👍 0)" in lines[1] and "figures as of 2025-03 (611 days old)" in lines[1]
    assert lines[2].split()[0] == "third-entry" and lines[2].endswith("never reviewed")


def test_nothing_due(tmp_path: Path) -> None:
    meta = META + "  third-entry: 2026-12-01\n"
    queue = build_queue(kb_with(tmp_path, meta), today=TODAY, max_age_days=1000)
    assert queue.items == [] and "nothing is due" in format_text(queue)
    assert queue.as_json() == {
        "today": "2026-12-02",
        "max_age_days": 1000,
        "votes_from": "no curator store",
        "items": [],
    }

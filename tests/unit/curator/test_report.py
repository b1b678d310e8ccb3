"""The curator report: empty store, clusters, picks, escaping, and `kb suggest`."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from bot.answer.answerer import Answerer
from bot.cli import main
from bot.curator.html import format_html
from bot.curator.recording import Recorder
from bot.curator.report import build_report, cluster_questions, format_text
from bot.curator.store import Store
from bot.curator.suggest import format_suggestions

TODAY = date(2026, 11, 28)


def test_empty_store_gives_an_empty_report(tmp_path: Path) -> None:
    report = build_report(tmp_path / "missing.sqlite3", date(2026, 1, 1))
    assert report.unanswered_total == 0 and report.clusters == []
    assert "none recorded yet" in format_text(report)
    assert "<html" in format_html(report)


def test_near_duplicates_cluster_with_the_nearest_entry(tmp_path: Path, answerer: Answerer) -> None:
    path = tmp_path / "s.sqlite3"
    store = Store(path)
    for text in [
        "how do I volunteer as a deminer in Cambodia",
        "can i volunteer as a deminer in cambodia?",
        "volunteering as a deminer in cambodia",
        "how can I become a volunteer deminer in cambodia",
        "what is the capital of laos",
        "is the us in the ccm",
    ]:
        Recorder(store).reply(answerer.ask(text), guild_id=5, channel_kind="guild")
    store.close()
    report = build_report(path, date(2026, 1, 1))
    top = report.clusters[0]
    assert top.count == 4 and "volunteer" in top.representative
    assert top.nearest_id is not None
    assert report.most_asked == [("us-ccm-status", 1)]
    assert build_report(path, date(2026, 1, 1), guild=6).unanswered_total == 0


def test_picks_become_suggested_alternates(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = Store(path)
    store.record_pick("is cambo in the cluster treaty", "cambodia-ccm-status", None)
    store.record_pick("is cambo in the cluster treaty", "cambodia-ccm-status", None)
    store.record_unanswered(
        "where can i donate", "declined", "action-organisations", 0.4, None, "dm"
    )
    store.close()
    report = build_report(path, date(2026, 1, 1))
    assert report.picks == [("is cambo in the cluster treaty", "cambodia-ccm-status", 2)]
    yaml_text = format_suggestions(report, {"cambodia-ccm-status": "knowledge/cambodia.yaml"})
    assert '- "is cambo in the cluster treaty"  # picked 2x' in yaml_text
    assert "knowledge/cambodia.yaml" in yaml_text and "where can i donate" in yaml_text


def test_html_is_self_contained_and_escaped(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = Store(path)
    evil = '<script>alert("x")</script><img src=http://evil.example/x.png>'
    store.record_unanswered(evil, "declined", "ccm-what", 0.3, None, "guild")
    store.record_pick(evil, "ccm-what", None)
    store.record_hit("ccm-what")
    store.record_vote("ccm-what", up=False)
    store.close()
    page = format_html(build_report(path, date(2026, 1, 1)), {"ccm-what": "<b>Q</b>"})
    lowered = page.lower()
    assert "<script" not in lowered and "<img" not in lowered and "<link" not in lowered
    assert "src=" not in lowered.replace("&lt;img src=", "")
    assert "&lt;script&gt;" in page and "&lt;b&gt;Q&lt;/b&gt;" in page
    assert "http://evil" not in page.replace("src=http://evil", "") or "&lt;img" in page


def test_clustering_keeps_distinct_questions_apart() -> None:
    from collections import Counter

    clusters = cluster_questions(
        Counter(
            {
                "how do i volunteer as a deminer": 3,
                "what is the population of laos": 2,
                "volunteer deminer how": 1,
            }
        )
    )
    assert [c[1] for c in clusters] == [4, 2]


def test_report_cli_json_and_html(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.sqlite3"
    store = Store(path)
    store.record_unanswered("how do i volunteer", "declined", None, 0.2, 9, "guild")
    store.close()
    monkeypatch.setenv("BOT_DB_PATH", str(path))
    out = io.StringIO()
    assert (
        main(
            ["report", "--json", "--since", "3650", "--html", str(tmp_path / "r.html")], stdout=out
        )
        == 0
    )
    data = json.loads(out.getvalue())
    assert data["unanswered_total"] == 1 and data["clusters"][0]["count"] == 1
    assert (tmp_path / "r.html").read_text().startswith("<!doctype html>")
    out = io.StringIO()
    assert main(["kb", "suggest", "--since", "3650"], stdout=out) == 0
    assert "how do i volunteer" in out.getvalue()

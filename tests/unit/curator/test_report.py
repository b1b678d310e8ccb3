"""The curator report on both engines: empty store, clusters shown as people typed them
(redacted), picks that answered a question, every section filtered by guild, escaping, a
report that never writes, and `kb suggest`."""

from __future__ import annotations

import io
import json
import os
import time
from datetime import date
from pathlib import Path

import pytest

from bot.answer.answerer import Answerer
from bot.cli import main
from bot.curator.database import Database, DatabaseError, SchemaTooOld
from bot.curator.html import format_html
from bot.curator.recording import Recorder
from bot.curator.report import build_report, cluster_questions, format_text
from bot.curator.schema import MIGRATIONS, render
from bot.curator.store import Store
from bot.curator.suggest import format_suggestions
from tests.unit.curator.helpers import rows

SINCE = date(2026, 1, 1)


def test_empty_store_gives_an_empty_report(database: Database) -> None:
    report = build_report(database, SINCE)
    assert report.unanswered_total == 0 and report.clusters == []
    assert "none recorded yet" in format_text(report)
    assert "<html" in format_html(report)


def test_missing_sqlite_file_is_an_empty_report_and_stays_missing(tmp_path: Path) -> None:
    path = tmp_path / "missing.sqlite3"
    assert build_report(path, SINCE).clusters == []
    assert not path.exists()


def test_near_duplicates_cluster_with_the_nearest_entry(
    database: Database, answerer: Answerer
) -> None:
    store = Store(database)
    recorder = Recorder(store, normalize=answerer.normalizer)
    for text in [
        "how do I volunteer as a deminer in Cambodia",
        "can i volunteer as a deminer in cambodia?",
        "volunteering as a deminer in cambodia",
        "how can I become a volunteer deminer in cambodia",
        "what is the capital of laos",
        "is the us in the ccm",
    ]:
        recorder.reply(answerer.ask(text), guild_id=5, channel_kind="guild")
    store.close()
    report = build_report(database, SINCE)
    top = report.clusters[0]
    assert top.count == 4 and "volunteer" in top.representative
    assert top.nearest_id is not None
    assert report.most_asked == [("us-ccm-status", 1)]
    assert build_report(database, SINCE, guild=6).unanswered_total == 0


def test_report_shows_what_people_typed_redacted(database: Database, answerer: Answerer) -> None:
    """Not the normalized text ("hwo many country partys are there"), and nothing that could
    identify someone, in the report or in the database."""
    store = Store(database)
    recorder = Recorder(store, normalize=answerer.normalizer)
    typed = [
        "<@1000> hwo many states partys r there",
        "<@1000> my email is jo.doe@example.org, where do i send my cv to volunteer as a deminer",
        "call me on +855 12 345 678 or see https://example.org/me — @sokha_k said ask <@!4001>",
    ]
    for text in typed:
        reply = answerer.ask(text)
        assert not reply.answered
        recorder.reply(reply, guild_id=5, channel_kind="guild")
    store.close()
    report = build_report(database, SINCE)
    shown = [e for c in report.clusters for e in c.examples]
    assert "hwo many states partys r there" in shown
    assert not any("country" in e for e in shown)
    stored = json.dumps(rows(database, "SELECT question, asked FROM unanswered"))
    page = format_text(report) + format_html(report) + json.dumps(report.as_json())
    for secret in ("jo.doe", "example.org", "345 678", "345678", "sokha", "4001", "<@"):
        assert secret not in stored and secret not in page, secret
    assert any("[email]" in e for e in shown) and any("[number]" in e for e in shown)


def test_a_picked_suggestion_counts_as_answered_not_a_miss(
    database: Database, answerer: Answerer
) -> None:
    store = Store(database)
    recorder = Recorder(store, normalize=answerer.normalizer)
    asked = answerer.ask("what did the us send")
    assert not asked.answered and asked.suggestions
    recorder.reply(asked, guild_id=5, channel_kind="guild", offer_key=77)
    pick = asked.suggestions[0].id
    recorder.pick(pick, offer_key=77, guild_id=5)
    answer = answerer.answer_entry(pick)
    assert answer is not None
    recorder.reply(answer, guild_id=5, channel_kind="guild")  # the answer the pick gave
    recorder.reply(answerer.ask("what is the weather in paris"), guild_id=5, channel_kind="guild")
    store.close()
    report = build_report(database, SINCE)
    assert report.unanswered_total == 1 and report.answered_by_pick == 1
    assert [c.representative for c in report.clusters] == ["what is the weather in paris"]
    [(_, answered, not_answered)] = report.daily
    assert (answered, not_answered) == (1, 1)
    assert report.picks == [("what did the us send", pick, 1)]
    assert "1 more answered by a suggestion people picked" in format_text(report)


def test_guild_filters_every_section(database: Database) -> None:
    store = Store(database)
    for guild in (1, 2):
        store.record_unanswered(f"q{guild}", "declined", None, 0.1, guild, "guild")
        store.record_pick(f"p{guild}", "k5-belt", guild)
        store.record_vote(f"entry-{guild}", up=False, guild_id=guild)
        store.record_hit(f"entry-{guild}", guild)
    store.close()
    report = build_report(database, SINCE, guild=2)
    assert [c.representative for c in report.clusters] == ["q2"]
    assert report.picks == [("p2", "k5-belt", 1)]
    assert report.downvoted == [("entry-2", 1, 0)]
    assert report.most_asked == [("entry-2", 1)]
    assert [(a, n) for _, a, n in report.daily] == [(1, 1)]
    everything = build_report(database, SINCE)
    assert len(everything.downvoted) == 2 and len(everything.most_asked) == 2


def test_picks_become_suggested_alternates(database: Database) -> None:
    store = Store(database)
    store.record_pick("is cambo in the cluster treaty", "cambodia-ccm-status", None)
    store.record_pick("is cambo in the cluster treaty", "cambodia-ccm-status", None)
    store.record_unanswered(
        "where can i donate", "declined", "action-organisations", 0.4, None, "dm"
    )
    store.close()
    report = build_report(database, SINCE)
    assert report.picks == [("is cambo in the cluster treaty", "cambodia-ccm-status", 2)]
    yaml_text = format_suggestions(report, {"cambodia-ccm-status": "knowledge/cambodia.yaml"})
    assert '- "is cambo in the cluster treaty"  # picked 2x' in yaml_text
    assert "knowledge/cambodia.yaml" in yaml_text and "where can i donate" in yaml_text


def test_html_is_self_contained_and_escaped(database: Database) -> None:
    store = Store(database)
    evil = '<script>alert("x")</script><img src=http://evil.example/x.png>'
    store.record_unanswered(evil, "declined", "ccm-what", 0.3, None, "guild", asked=evil)
    store.record_pick(evil, "ccm-what", None, asked=evil)
    store.record_hit("ccm-what")
    store.record_vote("ccm-what", up=False)
    store.close()
    page = format_html(build_report(database, SINCE), {"ccm-what": "<b>Q</b>"})
    lowered = page.lower()
    assert "<script" not in lowered and "<img" not in lowered and "<link" not in lowered
    assert "src=" not in lowered.replace("&lt;img src=", "")
    assert "&lt;script&gt;" in page and "&lt;b&gt;Q&lt;/b&gt;" in page


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


def test_a_report_never_writes_to_the_sqlite_file_it_reads(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = Store(path)
    store.record_unanswered("how do i volunteer", "declined", None, 0.2, 9, "guild")
    store.close()
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    time.sleep(0.01)
    assert build_report(path, SINCE).unanswered_total == 1
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tmp_path.iterdir()}
    assert after == before  # same files, same bytes, not even touched


def test_a_report_on_an_older_schema_says_so_and_leaves_it(database: Database) -> None:
    db = database.connect()
    with db.transaction():
        for statement in MIGRATIONS[0]:
            db.execute(render(statement, database.engine))
        db.set_schema_version(1)
    db.close()
    with pytest.raises(SchemaTooOld, match="version 1"):
        build_report(database, SINCE)
    db = database.connect()
    try:
        assert db.schema_version() == 1
    finally:
        db.close()


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


def test_report_cli_reads_postgres_from_bot_db_url(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from bot.curator.database import PostgresDatabase

    store = Store(PostgresDatabase(postgres_url))
    store.record_unanswered("where is the nearest minefield", "declined", None, 0.2, 9, "guild")
    store.close()
    monkeypatch.setenv("BOT_DB_URL", postgres_url)
    monkeypatch.setenv("BOT_DB_PATH", str(tmp_path / "unused.sqlite3"))
    out = io.StringIO()
    assert main(["report", "--json"], stdout=out) == 0
    assert json.loads(out.getvalue())["clusters"][0]["representative"] == (
        "where is the nearest minefield"
    )
    assert not (tmp_path / "unused.sqlite3").exists()
    assert os.environ["BOT_DB_URL"] == postgres_url


def test_the_report_connection_cannot_write(database: Database) -> None:
    Store(database).close()  # create the schema
    db = database.connect(read_only=True)
    try:
        with pytest.raises(DatabaseError):
            db.execute("INSERT INTO hits (day, entry_id, guild_id, count) VALUES (1, 'x', 0, 1)")
    finally:
        db.close()
    assert rows(database, "SELECT COUNT(*) FROM hits") == [(0,)]

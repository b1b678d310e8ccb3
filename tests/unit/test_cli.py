"""The command-line contract: JSON shape, one line per input line, bad input never stops."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from tests.paths import ROOT

KEYS = {"question", "answered", "answer", "confidence", "id", "sources", "suggestions"}


def run(argv: list[str], stdin: bytes = b"") -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, stdin=io.BytesIO(stdin), stdout=out)
    return code, out.getvalue()


def test_ask_json_one_line_per_input_with_the_contract_shape() -> None:
    lines = [
        b"what is the ccm?",
        b"",
        b"   ",
        b"x" * 10_000,
        b"\x00\x07\x1b[31m",
        b"\xff\xfe not utf-8",
        b"wat did hun sen ask nato",
    ]
    code, out = run(["ask", "--json"], b"\n".join(lines) + b"\n")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == len(lines)
    for row in rows:
        assert row.keys() >= KEYS
        assert isinstance(row["answered"], bool) and 0.0 <= row["confidence"] <= 1.0
        if not row["answered"]:
            assert row["answer"] is None and row["id"] is None
    assert rows[0]["answered"] and rows[0]["id"] == "ccm-what"
    assert all(not r["answered"] for r in rows[1:6])
    assert rows[5]["reason"] == "invalid-utf8"
    assert rows[0]["matched_question"] == "What is the Convention on Cluster Munitions (CCM)?"
    assert all(r["matched_question"] is None for r in rows[1:6])
    assert rows[6]["answered"] and "Hun Sen" in rows[6]["answer"]
    assert all({"title", "url", "as_of"} == s.keys() for s in rows[6]["sources"])


def test_ask_with_argument_prints_text() -> None:
    code, out = run(["ask", "is", "cambodia", "in", "the", "ccm?"])
    assert code == 0
    flat = " ".join(out.split())  # the terminal wraps long lines
    assert "neither a State Party nor a signatory" in flat and "Sources:" in flat


def test_invalid_utf8_is_flagged_alike_in_ask_and_chat(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """ask says it skipped the line, ask --json flags it, the chat says the same as ask."""
    from bot.terminal.render import INVALID_UTF8_TEXT

    code, out = run(["ask"], b"\xff\xfe bad\nwhat is the ccm?\n")
    assert code == 0 and out.startswith(INVALID_UTF8_TEXT) and "Sources:" in out
    code, out = run(["ask", "--json"], b"\xff\xfe bad\n")
    assert json.loads(out)["reason"] == "invalid-utf8"
    monkeypatch.setenv("BOT_DB_PATH", str(tmp_path / "bot.sqlite3"))
    stdin = io.TextIOWrapper(io.BytesIO(b"\xff\xfe bad\nwhat is the ccm?\n"), "utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    chat_out = io.StringIO()
    assert main(["chat"], stdout=chat_out) == 0
    assert INVALID_UTF8_TEXT in chat_out.getvalue() and "Sources:" in chat_out.getvalue()


def test_kb_check_passes_on_the_bundled_knowledge_base() -> None:
    code, out = run(["kb", "check"])
    assert code == 0, out
    assert "self-retrieval" in out and "0 error(s)" in out
    assert "country table: 165 rows (112 state-party, 12 signatory, 1 withdrawn" in out


def test_kb_check_fails_on_a_broken_knowledge_base(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "knowledge").mkdir()
    (tmp_path / "knowledge" / "a.yaml").write_text("- id: x\n  topic: T\n", encoding="utf-8")
    monkeypatch.setenv("BOT_KNOWLEDGE_DIR", str(tmp_path / "knowledge"))
    code, _ = run(["kb", "check"])
    assert code == 1


def test_kb_export_json() -> None:
    code, out = run(["kb", "export", "--json"])
    data = json.loads(out)
    assert code == 0 and len(data["entries"]) >= 120
    first = data["entries"][0]
    assert {"id", "question", "answer", "sources", "file"} <= first.keys()


def test_run_without_token_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.chdir(ROOT / "tests")  # no .env here
    assert main(["run"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "DISCORD_TOKEN" in err[0]


def test_chat_reads_piped_lines_and_picks_suggestions(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BOT_DB_PATH", str(tmp_path / "bot.sqlite3"))
    monkeypatch.setattr(
        sys, "stdin", io.StringIO("what is the ccm?\n1\ntopics\n1\n1\nquit\n")
    )
    out = io.StringIO()
    assert main(["chat"], stdout=out) == 0
    text = out.getvalue()
    assert "Convention on Cluster Munitions" in text and "topics:" in text
    assert text.count("» ") == 3  # the question, the picked follow-up, the pick from a topic


def test_ask_json_streams_through_a_real_process() -> None:
    """One JSON line per input, flushed as it goes, through `python -m bot`."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DISCORD_TOKEN", None)
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json"],
        input=b"what is a bomblet\n\nhi\n",
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=True,
    )
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [r["answered"] for r in rows] == [True, False, True]


def test_unanswered_chat_questions_show_up_as_one_cluster(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BOT_DB_PATH", str(tmp_path / "bot.sqlite3"))
    asked = (
        "how do I volunteer as a deminer in Cambodia\n"
        "can i volunteer as a deminer in cambodia?\n"
        "volunteering as a deminer in cambodia, how?\n"
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO(asked))
    assert main(["chat"], stdout=io.StringIO()) == 0
    out = io.StringIO()
    assert main(["report", "--json", "--since", "1"], stdout=out) == 0
    report = json.loads(out.getvalue())
    [cluster] = report["clusters"]
    assert cluster["count"] == 3 and "volunteer" in cluster["representative"]
    assert cluster["nearest_id"]


def test_kb_review_lists_downvoted_entries_first(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import time

    from bot.curator.store import Store

    db = tmp_path / "bot.sqlite3"
    store = Store(db, clock=lambda: time.time() + 2 * 86_400)  # after any review in meta.yaml
    for _ in range(3):
        store.record_vote("k5-belt", up=False)
    store.record_vote("k5-belt", up=True)
    store.close()
    monkeypatch.setenv("BOT_DB_PATH", str(db))
    code, out = run(["kb", "review", "--json"])
    assert code == 0
    queue = json.loads(out)
    first = queue["items"][0]
    assert (first["id"], first["down"], first["up"]) == ("k5-belt", 3, 1)
    assert first["reasons"][0]["kind"] == "downvoted"
    assert queue["votes_from"] == str(db) and queue["max_age_days"] == 365
    code, out = run(["kb", "review"])
    assert code == 0
    assert out.splitlines()[1].split()[:2] == ["k5-belt", "knowledge/cambodia.yaml:"]


def test_kb_review_age_from_the_option_or_the_setting(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BOT_DB_PATH", str(tmp_path / "none.sqlite3"))
    _, out = run(["kb", "review", "--json", "--max-age", "100000"])
    assert not [i for i in json.loads(out)["items"] if i["figures_age_days"]]
    monkeypatch.setenv("BOT_REVIEW_MAX_AGE_DAYS", "30")
    _, out = run(["kb", "review", "--json"])
    queue = json.loads(out)
    assert queue["max_age_days"] == 30 and queue["items"]
    assert [i for i in queue["items"] if i["figures_age_days"]]
    assert not (tmp_path / "none.sqlite3").exists()


def test_kb_review_bad_input_is_one_line_and_loses_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["kb", "review", "--max-age", "0"])
    assert exit_.value.code == 2 and "expected 1 or more" in capsys.readouterr().err
    broken = tmp_path / "bot.sqlite3"
    broken.write_text("not a database", encoding="utf-8")
    monkeypatch.setenv("BOT_DB_PATH", str(broken))
    code, out = run(["kb", "review"])
    assert code == 0 and "Review queue" in out
    [warning] = capsys.readouterr().err.strip().splitlines()
    assert warning.startswith("warning: 👎 not counted: could not read")
    assert broken.read_text(encoding="utf-8") == "not a database"

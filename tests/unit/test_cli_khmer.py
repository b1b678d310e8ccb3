"""The command line in Khmer: `ask --json` says the language, answers Khmer in Khmer with the
entry's sources, gives other languages the notice; `kb check` lists unreviewed Khmer text."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.answer.messages import (
    LANGUAGES_EN,
    LANGUAGES_KM,
    SAFETY_LINE_EN,
    SAFETY_LINE_KM,
    UNREVIEWED_EN,
    UNREVIEWED_KM,
)
from bot.cli import main
from tests.paths import ROOT


def run(argv: list[str], stdin: bytes = b"") -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, stdin=io.BytesIO(stdin), stdout=out)
    return code, out.getvalue()


def test_the_brief_example_through_a_real_process(km_knowledge_dir: Path) -> None:
    """`echo "ហ៊ុន សែន ជានរណា?" | python -m bot ask --json` with Khmer text in knowledge/."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BOT_KNOWLEDGE_DIR": str(km_knowledge_dir)}
    env.pop("DISCORD_TOKEN", None)
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json"],
        input="ហ៊ុន សែន ជានរណា?\nЧто такое CCM?\nwhat is the ccm?\n".encode(),
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=True,
    )
    khmer, russian, english = (json.loads(line) for line in proc.stdout.decode().splitlines())
    assert khmer["answered"] and khmer["id"] == "hun-sen-who"
    assert khmer["lang"] == "km" and khmer["answer_lang"] == "km"
    assert "ហ៊ុន សែន" in khmer["answer"] and "Prime Minister" not in khmer["answer"]
    assert khmer["km_reviewed"] is False
    assert khmer["sources"] and all(s["url"].startswith("http") for s in khmer["sources"])
    assert not russian["answered"] and russian["reason"] == "other-language"
    assert russian["lang"] == "other" and russian["answer"] is None
    assert english["answered"] and english["lang"] == "en" and english["answer_lang"] == "en"
    assert english["km_reviewed"] is None


def test_ask_text_in_khmer_shows_the_unreviewed_note(
    km_knowledge_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOT_KNOWLEDGE_DIR", str(km_knowledge_dir))
    code, out = run(["ask", "ហ៊ុន", "សែន", "ជានរណា?"])
    assert code == 0
    assert "ប្រភព / Sources:" in out and UNREVIEWED_KM in out and UNREVIEWED_EN in out
    code, out = run(["ask", "ហ៊ុន ម៉ាណែត ជានរណា?"])  # the fixture's reviewed entry
    assert code == 0 and "ប្រភព / Sources:" in out and UNREVIEWED_KM not in out


def test_other_languages_get_the_notice_in_english_and_khmer() -> None:
    code, out = run(["ask", "Qui est Hun Sen ?"])
    assert code == 0
    assert LANGUAGES_EN in out and LANGUAGES_KM in out and "Safety" in out
    assert "Prime Minister" not in out  # never the English entry matched on the name


@pytest.mark.parametrize(
    "message",
    [
        "J'ai trouvé une bombe dans mon champ, que faire ?",
        "Encontré una mina cerca de mi casa, ¿qué hago?",
        "Я нашёл мину в поле, что делать?",
        "ฉันเจอระเบิดในนา ทำอย่างไรดี",
        "Tôi tìm thấy một quả bom trong ruộng, phải làm gì?",
    ],
)
def test_the_languages_notice_always_carries_the_safety_advice(message: str) -> None:
    code, out = run(["ask", message])
    shown = " ".join(out.split())  # the terminal wraps long lines
    assert code == 0 and SAFETY_LINE_EN in shown and SAFETY_LINE_KM in shown
    code, out = run(["ask", "--json"], (message + "\n").encode())
    line = json.loads(out)
    assert line["reason"] == "other-language" and line["answered"] is False
    assert SAFETY_LINE_EN in line["notice"] and SAFETY_LINE_KM in line["notice"]


def test_the_bundled_knowledge_base_answers_khmer_in_khmer_with_sources() -> None:
    code, out = run(["ask", "--json"], "ហ៊ុន សែន ជានរណា?\n".encode())
    row = json.loads(out)
    assert code == 0 and row["answered"] and row["id"] == "hun-sen-who"
    assert row["lang"] == "km" and row["answer_lang"] == "km" and row["sources"]


def test_kb_check_lists_unreviewed_khmer_as_warnings(
    km_knowledge_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOT_KNOWLEDGE_DIR", str(km_knowledge_dir))
    code, out = run(["kb", "check"])
    assert code == 0, out
    warnings = [line for line in out.splitlines() if "field 'km.reviewed'" in line]
    assert len(warnings) == 21 and all(w.startswith("warning: ") for w in warnings)
    assert "Khmer: 22 entries (1 reviewed), self-retrieval 113/113 (100.0%)" in out

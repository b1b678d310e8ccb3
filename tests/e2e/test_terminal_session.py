"""The terminal chat as a person uses it: a real terminal (tmux), keys typed, screen read.

Skipped with a reason where tmux is missing, except in CI; .ci/run installs it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.paths import ROOT

# skipped where tmux is missing, except in CI (CI=true), which installs it: there it fails
pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None and not os.environ.get("CI"), reason="tmux is not installed"
)


class Terminal:
    """One tmux server of our own (its own socket), running the chat in a 100x50 window."""

    def __init__(self, db: Path) -> None:
        self.socket = f"ccm-test-{uuid.uuid4().hex[:8]}"
        env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
        env.update(BOT_DB_PATH=str(db), PYTHONPATH=str(ROOT), TERM="xterm-256color")
        self.env = env
        self.tmux(
            "new-session",
            "-d",
            "-s",
            "chat",
            "-x",
            "100",
            "-y",
            "50",
            f"{sys.executable} -m bot chat",
        )
        self.tmux("set-option", "-t", "chat", "remain-on-exit", "on")

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env=self.env,
            timeout=10,
        ).stdout

    def screen(self, escapes: bool = False) -> str:
        """Everything the pane shows and scrolled past, wrapped lines joined."""
        return self.tmux("capture-pane", "-p", "-J", "-S", "-", *(["-e"] if escapes else []))

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "chat", "-l", text)
        self.tmux("send-keys", "-t", "chat", "Enter")

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared on the screen:\n{self.screen()}")

    def after(self, marker: str, text: str) -> str:
        """Type `text` and return what the screen shows from the last `marker` on."""
        count = self.screen().count(marker)
        self.type(text)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            screen = self.screen()
            if screen.count(marker) > count:
                return screen.rsplit(f"you> {text}", 1)[-1]
            time.sleep(0.1)
        raise AssertionError(f"no new {marker!r} after typing {text!r}:\n{self.screen()}")

    def dead(self) -> bool:
        return self.tmux("display-message", "-p", "-t", "chat", "#{pane_dead}").strip() == "1"

    def close(self) -> None:
        subprocess.run(
            ["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=10, check=False
        )


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(tmp_path / "bot.sqlite3")
    try:
        term.wait_for("you> ")
        yield term
    finally:
        term.close()


def wait_dead(term: Terminal) -> None:
    deadline = time.monotonic() + 15
    while not term.dead():
        assert time.monotonic() < deadline, term.screen()
        time.sleep(0.1)


def test_a_first_session_in_a_real_terminal(terminal: Terminal) -> None:
    prompt = "you> "
    topics = terminal.after(prompt, "topics")
    assert " 1. About this bot (" in topics and re.search(r"\d+\. People \(", topics)
    cambodia = next(line for line in topics.splitlines() if ". Cambodia (" in line)
    number = cambodia.split(".")[0].strip()

    listed = terminal.after(prompt, number)  # a pick by number: the topic's questions
    assert re.search(r"Cambodia: \d+ questions", listed)
    assert "1. Is Cambodia a party to the CCM?" in listed

    answer = terminal.after(prompt, "1")  # a follow-up pick from the topic's list
    assert "» Is Cambodia a party to the CCM?" in answer
    assert "neither a State Party nor a signatory" in answer
    assert "**" not in answer and "Sources:" in answer

    hint = terminal.after(prompt, "99")  # out of range: a hint, not a question
    assert "There is no number 99 in the list above" in hint and "»" not in hint

    about = terminal.after(prompt, "what can you do?")
    assert "» What can you do?" in about
    for discord_only in ("/ask", "/topics", "mentioning me", "in a DM", "**"):
        assert discord_only not in about
    assert "topics" in about
    bold = "\x1b[1m"
    assert bold in terminal.screen(escapes=True)  # emphasis is shown as emphasis

    assert "Ctrl-D" in terminal.after(prompt, "help")
    terminal.type("bye")
    wait_dead(terminal)
    assert "Bye!" in terminal.screen()


def test_ctrl_d_leaves(terminal: Terminal) -> None:
    terminal.tmux("send-keys", "-t", "chat", "C-d")
    wait_dead(terminal)
    assert "Bye!" in terminal.screen()

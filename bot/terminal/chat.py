"""The terminal chat: the first thing a newcomer sees, and a quick way to try the engine.

Reads lines from stdin (with a prompt and line editing when stdin is a terminal), so it also
works piped: `printf 'what is the ccm?\\n' | python -m bot chat`.

Numbered lists are how people move around: `topics` numbers the topics, a topic's number (or
`topics NAME`) lists its questions, numbered, and a number always picks from the list shown
last; a number that is not on it is answered with a hint, never taken as a question.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, TextIO

from rapidfuzz import fuzz, process
from rich.console import Console, Group, RenderableType
from rich.text import Text

from bot.answer import Answerer, Reply
from bot.answer.language import Language
from bot.curator.recording import Recorder
from bot.curator.store import Store
from bot.terminal.lines import Line, clean, decode
from bot.terminal.render import (
    INVALID_UTF8_TEXT,
    Choice,
    choices_of,
    numbered,
    reply_renderable,
)

#: where the chat's suggestions are offered, for pairing a picked number with the question
OFFER_KEY = "terminal"
LEAVE = {"bye", "exit", "quit", "q", ":q", "/quit", "/exit", "/bye", "goodbye"}
HELP = {"help", "/help", "?", "commands"}
TOPICS = {"topics", "/topics", "topic"}

BANNER = (
    "CCM Q&A bot — terminal chat on the bundled knowledge base ({count} entries).\n"
    "Ask about the Convention on Cluster Munitions, Cambodia's clearance record or July 2023,\n"
    "in English or Khmer (ខ្មែរ).\n"
    "Type 'topics' to browse, 'help' for what I understand, 'bye' to leave."
)
HELP_ROWS = (
    ("a question, in your own words", "an answer with its sources, or suggestions"),
    ("topics", "the topics, numbered"),
    ("topics NAME  or  topics N", "that topic's questions, numbered"),
    ("a number", "pick from the list shown last"),
    ("help", "this list"),
    ("bye, exit, quit  or  Ctrl-D", "leave"),
)


@dataclass
class Listing:
    """The numbered list shown last: what a typed number picks from."""

    kind: Literal["none", "topics", "questions"] = "none"
    items: list[Choice] = field(default_factory=list)
    #: True when the list answers a question the bot could not answer (a pick pairs with it)
    offered: bool = False
    #: the language of the reply the list is under: a pick answers in it
    lang: Language = "en"


class ChatSession:
    """One person's chat: turns a typed line into what to print, remembering the last list."""

    def __init__(self, answerer: Answerer, recorder: Recorder | None = None) -> None:
        self.answerer = answerer
        self.recorder = recorder or Recorder(Store.disabled())
        self.listing = Listing()
        #: the last question asked, so that "and laos?" or "who is he?" can follow it
        self.previous: str | None = None

    @property
    def topics(self) -> tuple[str, ...]:
        """The knowledge base's topics, in browsing order."""
        return self.answerer.kb.topics

    def handle(self, line: Line) -> RenderableType | None:
        """What to print for one line; None means the person is leaving."""
        if line.text is None:
            return Text(INVALID_UTF8_TEXT)
        text = " ".join(line.text.split())
        if not text:
            return Text("")
        word = text.casefold()
        if word in LEAVE:
            return None
        if word in HELP:
            return self.help()
        first, _, rest = text.partition(" ")
        if first.casefold() in TOPICS:
            return self.show_topic(rest) if rest else self.show_topics()
        if text.isascii() and text.isdigit():
            return self.pick(int(text))
        return self.ask(text)

    # -- commands -------------------------------------------------------------------------
    def help(self) -> RenderableType:
        """What the chat understands."""
        width = max(len(left) for left, _ in HELP_ROWS)
        text = Text("What I understand:\n", style="bold")
        for i, (left, right) in enumerate(HELP_ROWS):
            text.append(f"  {left:<{width}}  ", style="cyan")
            text.append(right + ("\n" if i < len(HELP_ROWS) - 1 else ""))
        return text

    def show_topics(self) -> RenderableType:
        """Every topic, numbered, with how many questions it holds."""
        kb = self.answerer.kb
        counts = {t: sum(1 for e in kb.entries if e.topic == t) for t in self.topics}
        self.listing = Listing("topics", [Choice(t, t) for t in self.topics])
        return Group(
            Text(f"{len(self.topics)} topics:", style="bold"),
            numbered([f"{t} ({counts[t]})" for t in self.topics]),
            Text("Type a topic's number (or 'topics NAME') to see its questions.", style="dim"),
        )

    def find_topic(self, name: str) -> str | None:
        """A topic by number or name: exact, then start, then part of a name, then typo."""
        if name.isascii() and name.isdigit():
            n = int(name)
            return self.topics[n - 1] if 1 <= n <= len(self.topics) else None
        wanted = name.casefold()
        folded = {t.casefold(): t for t in self.topics}
        for test in (
            lambda t: t == wanted,
            lambda t: t.startswith(wanted),
            lambda t: wanted in t,
        ):
            hits = [topic for key, topic in folded.items() if test(key)]
            if hits:
                return hits[0]
        hit = process.extractOne(wanted, list(folded), scorer=fuzz.WRatio, score_cutoff=80)
        return folded[hit[0]] if hit else None

    def show_topic(self, name: str) -> RenderableType:
        """One topic's questions, numbered; an unknown name lists the topics instead."""
        topic = self.find_topic(name.strip())
        if topic is None:
            return Group(
                Text(f"There is no topic '{name.strip()}'. Here are the topics:"),
                self.show_topics(),
            )
        entries = [e for e in self.answerer.kb.entries if e.topic == topic]
        self.listing = Listing("questions", [Choice(e.id, e.question) for e in entries])
        plural = "" if len(entries) == 1 else "s"
        return Group(
            Text(f"{topic}: {len(entries)} question{plural}", style="bold"),
            numbered([e.question for e in entries]),
            Text("Type a number to read the answer, or 'topics' for all topics.", style="dim"),
        )

    def pick(self, number: int) -> RenderableType:
        """A number picks from the list shown last; one that isn't on it gets a hint."""
        items = self.listing.items
        if not items:
            return Text(
                f"There is no numbered list to pick {number} from yet. Type 'topics' to browse, "
                "or ask a question in words."
            )
        if not 1 <= number <= len(items):
            return Text(
                f"There is no number {number} in the list above: pick a number from 1 to "
                f"{len(items)}, type 'topics' to browse, or ask a question in words."
            )
        choice = items[number - 1]
        if self.listing.kind == "topics":
            return self.show_topic(choice.id)
        reply = self.answerer.answer_entry(choice.id, lang=self.listing.lang)
        if reply is None:  # the knowledge base changed under the list
            return Text("That question is no longer in the knowledge base; type 'topics'.")
        if self.listing.offered and reply.entry is not None:
            self.recorder.pick(reply.entry.id, offer_key=OFFER_KEY, guild_id=None)
        # a picked suggestion or follow-up is an answer given, as on Discord
        self.recorder.reply(reply, guild_id=None, channel_kind="terminal")
        return self._show(reply)

    def ask(self, text: str) -> RenderableType:
        """A question in words, answered by the engine and recorded for the curators."""
        reply = self.answerer.ask(text, previous=self.previous)
        last = reply.shown[-1]
        self.previous = last.normalized or self.previous
        self.recorder.forget(OFFER_KEY)
        self.recorder.reply(reply, guild_id=None, channel_kind="terminal", offer_key=OFFER_KEY)
        return self._show(reply)

    def _show(self, reply: Reply) -> RenderableType:
        choices = choices_of(reply, self.answerer.kb)
        lang: Language = "km" if reply.lang == "km" else "en"
        self.listing = Listing("questions", choices, offered=not reply.answered, lang=lang)
        return reply_renderable(reply, self.answerer.kb)


def _interactive_lines(console: Console) -> Iterator[Line]:
    """Lines typed at a terminal, with line editing and history where readline exists."""
    with contextlib.suppress(ImportError):  # not on every platform
        import readline  # noqa: F401  (imported for its side effect on input())
    while True:
        try:
            console.print()
            raw = console.input(Text("you> ", style="bold green"))
        except UnicodeDecodeError:
            yield Line(None, "")
            continue
        except EOFError:  # Ctrl-D
            console.print()
            return
        yield decode(raw)


def _piped_lines(stdin: TextIO) -> Iterator[Line]:
    """Lines from a pipe or file: bytes when the stream has them, so bad UTF-8 is caught."""
    source = getattr(stdin, "buffer", stdin)
    for raw in iter(source.readline, b"" if source is not stdin else ""):
        yield decode(raw)


def chat(
    answerer: Answerer,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    store: Store | None = None,
) -> int:
    """Questions in, answers out. With a store, what could not be answered is recorded for
    the curators (`python -m bot report`), with the suggestion picked afterwards."""
    console = Console(file=stdout, highlight=False, emoji=False, markup=False)
    recorder = Recorder(store or Store.disabled(), normalize=answerer.normalizer)
    session = ChatSession(answerer, recorder)
    interactive = stdin.isatty()
    console.print(BANNER.format(count=len(answerer.kb.entries)), soft_wrap=True)
    lines = _interactive_lines(console) if interactive else _piped_lines(stdin)
    try:
        for line in lines:
            if not interactive:
                if not (line.text or "").strip() and line.readable:
                    continue
                echo = line.text if line.text is not None else clean(line.original)
                console.print(Text(f"\nyou> {echo}"))
            shown = session.handle(line)
            if shown is None:
                break
            console.print(shown)
            stdout.flush()
    except KeyboardInterrupt:  # Ctrl-C leaves as quietly as Ctrl-D
        console.print()
    console.print("Bye!")
    return 0

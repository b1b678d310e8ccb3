"""The terminal chat: the first thing a newcomer sees, and a quick way to try the engine.

Reads lines from stdin (with a prompt only when stdin is a terminal), so it also works piped:
`printf 'what is the ccm?\\n' | python -m bot chat`.
"""

from __future__ import annotations

import sys
from typing import TextIO

from bot.answer import Answerer, Reply
from bot.curator.recording import Recorder
from bot.curator.store import Store
from bot.terminal.render import reply_to_text

#: where the chat's suggestions are offered, for pairing a picked number with the question
OFFER_KEY = "terminal"

BANNER = (
    "CCM Q&A bot — terminal chat on the bundled knowledge base ({count} entries).\n"
    "Ask about the Convention on Cluster Munitions, Cambodia's clearance record or July 2023.\n"
    "Commands: 'topics' to browse, 'quit' to leave."
)


#: a topic with more questions than this (the 160 countries) lists only its first ones
TOPIC_LISTING_LIMIT = 12


def _topics_text(answerer: Answerer) -> str:
    kb = answerer.kb
    lines = ["Topics:"]
    for topic in kb.topics:
        questions = [e.question for e in kb.entries if e.topic == topic]
        lines.append(f"  {topic}")
        lines += [f"    - {q}" for q in questions[:TOPIC_LISTING_LIMIT]]
        if len(questions) > TOPIC_LISTING_LIMIT:
            rest = len(questions) - TOPIC_LISTING_LIMIT
            lines.append(f"    ... and {rest} more like these: just ask")
    return "\n".join(lines)


def chat(
    answerer: Answerer,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    store: Store | None = None,
) -> int:
    """Questions in, answers out. With a store, what could not be answered is recorded for
    the curators (`python -m bot report`), with the suggestion picked afterwards."""
    recorder = Recorder(store or Store.disabled(), normalize=answerer.normalizer)
    interactive = stdin.isatty()
    print(BANNER.format(count=len(answerer.kb.entries)), file=stdout)
    last_choices: list[str] = []
    while True:
        if interactive:
            print("\nyou> ", end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line:
            break
        text = line.strip()
        if not text:
            continue
        if text.casefold() in {"quit", "exit", "/quit", "/exit", ":q"}:
            break
        if text.casefold() in {"topics", "/topics"}:
            print(_topics_text(answerer), file=stdout)
            continue
        reply: Reply | None = None
        if text.isdigit() and 1 <= int(text) <= len(last_choices):
            reply = answerer.answer_entry(last_choices[int(text) - 1])
            if reply is not None and reply.entry is not None:
                recorder.pick(reply.entry.id, offer_key=OFFER_KEY, guild_id=None)
        if reply is None:
            reply = answerer.ask(text)
            recorder.forget(OFFER_KEY)
            recorder.reply(reply, guild_id=None, channel_kind="terminal", offer_key=OFFER_KEY)
        else:  # a picked suggestion or follow-up: an answer given, as on Discord
            recorder.reply(reply, guild_id=None, channel_kind="terminal")
        if not interactive:
            print(f"\nyou> {text}", file=stdout)
        print(f"bot> {reply_to_text(reply, answerer.kb)}", file=stdout, flush=True)
        if reply.answered and reply.entry is not None:
            related = [s.id for s in reply.suggestions] + list(reply.entry.related)
            last_choices = list(dict.fromkeys(related))
        else:
            last_choices = [s.id for s in reply.suggestions]
    return 0

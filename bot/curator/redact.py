"""What people typed, made fit to keep: anything that could identify someone is removed.

Curators read the questions people asked as they typed them (typos and all: that is what
alternates are made of), but the store keeps no user ids or names. Before anything is stored,
`redact` removes Discord mentions (users, roles, channels), @everyone / @here, @handles and
old-style `name#1234` tags, links and invites, email addresses, phone numbers and long numbers
(Discord ids, account numbers), each replaced by a short marker so the sentence still reads.
Mentions at the start of a message (addressing the bot) are dropped. It cannot know that
"my neighbour Sokha" is a name: the README says so.
"""

from __future__ import annotations

import re

MAX_CHARS = 500

_LEADING_MENTIONS = re.compile(r"^(?:\s*<@[!&]?\d+>)+\s*")
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"<@[!&]?\d+>"), "[mention]"),
    (re.compile(r"<#\d+>"), "[channel]"),
    (re.compile(r"<t:-?\d+(?::[a-zA-Z])?>"), "[time]"),
    (re.compile(r"<(a?):(\w{1,32}):\d+>"), r":\2:"),  # custom emoji: keep the name
    (re.compile(r"@(?:everyone|here)\b", re.IGNORECASE), ""),
    # a link, but not the punctuation closing the sentence around it
    (
        re.compile(
            r"(?:https?://|www\.|\b(?:discord\.gg|discord(?:app)?\.com/invite)/)\S*?"
            r"(?=[)\]}>.,;:!?'\"]*(?:\s|$))",
            re.IGNORECASE,
        ),
        "[link]",
    ),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
    (re.compile(r"(?<![\w@])@[\w.]{2,32}"), "[user]"),
    (re.compile(r"\b[\w.]{2,32}#\d{4}\b"), "[user]"),
)
#: a run of digits with the separators people put in phone numbers, ids and account numbers
_NUMBER = re.compile(r"(?<![\w\[])\+?\(?\d[\d\s().\-/]{5,}\d(?![\w\]])")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SPACES = re.compile(r"[ \t]{2,}")


def _number(match: re.Match[str]) -> str:
    text = match.group(0)
    digits = sum(c.isdigit() for c in text)
    if _ISO_DATE.fullmatch(text.strip()):
        return text
    if digits >= 8 or (text.startswith("+") and digits >= 6):
        return "[number]"
    return text


def redact(text: str) -> str:
    """The message as typed, minus what could identify someone; at most MAX_CHARS characters.

    >>> redact("<@1000> hwo many states partys r there?")
    'hwo many states partys r there?'
    >>> redact("mail jo.doe@example.org or call +855 12 345 678 (see https://x.io/a)")
    'mail [email] or call [number] (see [link])'
    >>> redact("@sokha_k said 120 states joined in 2008-12-03, ask <@!4001>")
    '[user] said 120 states joined in 2008-12-03, ask [mention]'
    """
    text = _LEADING_MENTIONS.sub("", text)
    for pattern, marker in _PATTERNS:
        text = pattern.sub(marker, text)
    text = _NUMBER.sub(_number, text)
    text = " ".join(line.strip() for line in text.splitlines() if line.strip())
    return _SPACES.sub(" ", text).strip()[:MAX_CHARS]

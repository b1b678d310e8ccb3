"""Reading what people type or pipe in: one line at a time, never trusting its bytes.

`ask`, `ask --json` and the chat share this, so invalid UTF-8 and control characters are
treated alike everywhere: a line that is not UTF-8 is flagged and skipped (never guessed at),
and control characters (terminal escapes included) become spaces before anything echoes them.
"""

from __future__ import annotations

from dataclasses import dataclass

_CONTROL = {c: " " for c in range(32) if c != 9} | {127: " "}


@dataclass(frozen=True)
class Line:
    """One input line: `text` is None when it could not be read as UTF-8."""

    text: str | None
    original: str

    @property
    def readable(self) -> bool:
        """True when the line was valid UTF-8."""
        return self.text is not None


def clean(text: str) -> str:
    """Control characters (escapes, NUL, bell...) to spaces; tabs stay.

    >>> clean("hi\\x1b[31m there\\x00")
    'hi [31m there '
    """
    return text.translate(_CONTROL)


def decode(raw: bytes | str) -> Line:
    """One line from a binary or text stream, end of line removed.

    Text streams may carry undecodable bytes as lone surrogates (Python's surrogateescape):
    those count as invalid UTF-8 too.

    >>> decode(b"what is the ccm?\\n").text
    'what is the ccm?'
    >>> decode(b"\\xff\\xfe hi\\n").readable, decode("\\udcff hi").readable
    (False, False)
    """
    if isinstance(raw, bytes):
        raw = raw.rstrip(b"\r\n")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return Line(None, raw.decode("utf-8", errors="replace"))
    else:
        text = raw.rstrip("\r\n")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return Line(None, text.encode("utf-8", errors="replace").decode("utf-8"))
    return Line(clean(text), text)

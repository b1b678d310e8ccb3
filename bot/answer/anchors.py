"""Words without which a pattern cannot match: a test on a message's words that proves a
pattern cannot fire, so that its scan of the message is not made.

Why: the safety and instruction patterns are alternations of a few hundred phrases, tried
at every character of the message (30-60 microseconds each for a 1,000-character message,
and a message is read by a dozen of them); most messages have none of the words every
match needs. Each pattern's alternatives are read once, at import, into the words each one
must have as whole words (`found`, `came across`, `in our ... garden`: "garden"); a message
whose words hold no such set cannot match, and the scan is skipped. The answer is the
pattern's own whenever the test cannot tell: the words come from its source, so a phrase
added to a pattern is read with it.

The test holds for any ASCII text: there a word the pattern delimits (by a space, `\\b`, or
the start or end of the text) is a whole run of word characters of the text, one of
`words_of`. Other text (`words_of` gives None) is always scanned.
"""

from __future__ import annotations

import re

# the parser `re` itself compiles with (no type stubs): what the patterns are read with, once,
# at import; a pattern it cannot read is scanned as before. It is private to `re`: a Python
# without it reads no pattern, and every pattern is scanned (slower, the same replies)
try:
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - every Python 3.11-3.13 has them
    sre = sre_parse = None

#: a piece of a pattern that can be any text (a class, `\w+`, a long repeat): no word
#: next to it is known to be whole
_WILD = "\x00wild"
#: a position that is a word's edge: `\b`, or the start or end of the text
_EDGE = "\x00edge"
#: beyond this many spelled-out alternatives, a pattern is not read (it is always scanned)
MAX_ALTERNATIVES = 50_000
#: a repeat of at most this many is spelled out (`s?`, `(?: \w+){0,3}`); a longer one is
#: read as its first and last times with any text between (or as any text, when what it
#: repeats has more than MAX_SPELLED_OPTIONS spellings)
MAX_SPELLED_REPEAT = 4
MAX_SPELLED_OPTIONS = 1

#: pieces that spell no character of their own
_NO_TEXT = frozenset((_WILD, _EDGE))
_EDGES = (
    {sre.AT_BOUNDARY, sre.AT_BEGINNING, sre.AT_BEGINNING_STRING, sre.AT_END, sre.AT_END_STRING}
    if sre is not None
    else set()
)
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_WORD_BYTES = bytes(c if chr(c) in _WORD_CHARS else ord(" ") for c in range(256))

Piece = str
Spelled = tuple[Piece, ...]


def words_of(text: str) -> frozenset[str] | None:
    """The words of a text as `Anchors.may_match` reads them: its runs of `\\w` characters,
    as the patterns' `\\b` sees them (None: not ASCII, where the patterns decide alone)."""
    if not text.isascii():
        return None
    # (one C pass over bytes: every character but a letter, a digit or "_" becomes a gap)
    return frozenset(text.encode("ascii").translate(_WORD_BYTES).decode("ascii").split())


class Anchors:
    """The sets of words one of which every match of a pattern has whole (None: the pattern
    could not be read so, and is always scanned)."""

    __slots__ = ("_by_word", "_keys", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        clauses = _clauses(pattern)
        self._by_word: dict[str, list[frozenset[str]]] | None = None
        self._keys: frozenset[str] = frozenset()
        if clauses is not None:
            by_word: dict[str, list[frozenset[str]]] = {}
            for clause in clauses:
                # each set is filed under its longest word: a message's words meet few keys
                key = max(sorted(clause), key=len)
                by_word.setdefault(key, []).append(clause)
            self._by_word = by_word
            self._keys = frozenset(by_word)

    @property
    def readable(self) -> bool:
        """Could the pattern be read into words (else `may_match` is always True)?"""
        return self._by_word is not None

    def may_match(self, words: frozenset[str] | None) -> bool:
        """False only when no match of the pattern can be in a text with these words
        (`words_of`); True when one may be, or when the test cannot tell."""
        by_word = self._by_word
        if by_word is None or words is None:
            return True
        for key in words & self._keys:
            for clause in by_word[key]:
                if clause <= words:
                    return True
        return False

    def search(self, text: str, words: frozenset[str] | None) -> re.Match[str] | None:
        """`pattern.search(text)`, without the scan when the words prove it finds nothing."""
        return self.pattern.search(text) if self.may_match(words) else None


def _clauses(pattern: re.Pattern[str]) -> set[frozenset[str]] | None:
    """Per alternative of the pattern spelled out, the words a match of it has whole."""
    if sre_parse is None or pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None  # (the texts are lower case, the patterns too: not worth reading)
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # an unreadable pattern is scanned, never misread
        return None
    spelled = _spell(list(parsed))
    if spelled is None:
        return None
    out: set[frozenset[str]] = set()
    for alternative in spelled:
        words = _whole_words(alternative)
        if not words:
            return None  # an alternative with no whole word: any text may match
        out.add(frozenset(words))
    return out


def _spell(items: list[tuple[object, object]]) -> list[Spelled] | None:
    """Every way through a sequence of parsed nodes, as pieces (None: too many, or a node
    this reading does not know)."""
    ways: list[Spelled] = [()]
    for op, av in items:
        options = _spell_node(op, av)
        if options is None:
            return None
        # (the same way twice is read once: `\\w+ \\w+` and `\\w+` spell alike around a
        # word, any text being any text)
        ways = list(dict.fromkeys(_tidy(way + option) for way in ways for option in options))
        if len(ways) > MAX_ALTERNATIVES:
            return None
    return ways


def _tidy(way: Spelled) -> Spelled:
    """Any text twice in a row is any text once."""
    if _WILD not in way:
        return way
    out: list[Piece] = []
    for piece in way:
        if piece == _WILD and out and out[-1] == _WILD:
            continue
        out.append(piece)
    return tuple(out)


def _spell_node(op: object, av: object) -> list[Spelled] | None:
    """Every way through one parsed node (None: a node this reading does not know, so the
    pattern is always scanned rather than misread)."""
    if op is sre.LITERAL:
        assert isinstance(av, int)
        return [(chr(av),)]
    if op in (sre.NOT_LITERAL, sre.ANY, sre.CATEGORY):
        return [(_WILD,)]
    if op is sre.IN:
        assert isinstance(av, list)
        chars = []
        for member_op, member in av:
            if member_op is not sre.LITERAL:
                return [(_WILD,)]  # a range, a category, a negation: any character
            chars.append(chr(member))
        return [(c,) for c in chars]
    if op is sre.AT:
        return [(_EDGE,)] if av in _EDGES else [()]
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return [()]  # a lookaround takes no characters: the pieces around it are neighbours
    if op is sre.SUBPATTERN:
        assert isinstance(av, tuple)
        _, add_flags, del_flags, inner = av
        if add_flags or del_flags:
            return None
        return _spell(list(inner))
    if op is sre.BRANCH:
        assert isinstance(av, tuple)
        out: list[Spelled] = []
        for branch in av[1]:
            spelled = _spell(list(branch))
            if spelled is None:
                return None
            out += spelled
        return out
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        assert isinstance(av, tuple)
        low, high, item = av
        once = _spell(list(item))
        if once is None:
            return None
        if high > MAX_SPELLED_REPEAT:
            if len(once) > MAX_SPELLED_OPTIONS or all(set(o) <= _NO_TEXT for o in once):
                return [(_WILD,)]  # (".{0,40}", "\\w+": any text, however many times)
            # none, one, or a first and a last with anything between: "(?:\w+ ){1,5}" ends
            # with a space, so the word after it is whole
            out = [()] if low == 0 else []
            out += once if low <= 1 else []
            out += [(*first, _WILD, *last) for first in once for last in once]
            return out
        out = []
        times: list[Spelled] = [()]
        for count in range(high + 1):
            if count >= low:
                out += times
            if count < high:
                times = [t + o for t in times for o in once]
                if len(times) > MAX_ALTERNATIVES:
                    return None
        return out
    if op in (sre.GROUPREF, sre.GROUPREF_EXISTS, sre.ATOMIC_GROUP):
        return [(_WILD,)]
    return None


def _whole_words(alternative: Spelled) -> set[str]:
    """The runs of word characters of one spelled-out alternative that have a space, an
    edge or the text's start or end on both sides (lookarounds take no room)."""
    cells: list[str] = []
    for piece in alternative:
        if piece in (_WILD, _EDGE):
            cells.append(piece)
        else:
            cells += piece
    words: set[str] = set()
    i, n = 0, len(cells)
    while i < n:
        if cells[i] not in _WORD_CHARS:
            i += 1
            continue
        start = i
        while i < n and cells[i] in _WORD_CHARS:
            i += 1
        before = cells[start - 1] if start else None
        after = cells[i] if i < n else None
        if before in (" ", _EDGE) and after in (" ", _EDGE):
            words.add("".join(cells[start:i]))
    return words

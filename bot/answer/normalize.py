"""Turn what people type in Discord into comparable text.

Order matters: Discord markup first (mentions and emoji carry digits and words that would
otherwise look like content), then Unicode folding, then punctuation, filler and synonyms.
Everything here must leave non-Latin scripts intact: Khmer keeps its vowel signs and coeng
(U+17D2), which is why rapidfuzz's `default_process` (it strips such marks) is never run on raw
text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from itertools import pairwise

_DISCORD_MARKUP = re.compile(
    r"<a?:\w{1,32}:\d{1,25}>"  # custom emoji <:name:id>, animated <a:name:id>
    r"|<@[!&]?\d{1,25}>"  # user and role mentions
    r"|<#\d{1,25}>"  # channel mentions
    r"|</[\w -]{1,96}:\d{1,25}>"  # slash-command mentions
    r"|<t:-?\d{1,13}(?::[tTdDfFR])?>"  # timestamps
    r"|@(?:everyone|here)\b"
)
_URL = re.compile(r"<?(?:https?://|www\.)\S+>?", re.IGNORECASE)
_MASKED_LINK = re.compile(r"\[([^\]]{0,200})\]\((?:https?://)[^)]*\)")
_CODE_FENCE = re.compile(r"```(?:[a-z0-9_+-]{1,20}\n)?")
_QUOTE_MARK = re.compile(r"^\s*>{1,3}\s?", re.MULTILINE)
_HEADING = re.compile(r"^\s*(?:#{1,3}|-#)\s+", re.MULTILINE)
_MARKDOWN = re.compile(r"\|\||\*+|__+|~~|`+")
_ABBREVIATIONS = re.compile(r"\bu\.\s?s\.(?:\s?a\.)?|\bu\.\s?k\.|\bu\.\s?n\.", re.IGNORECASE)
_THOUSANDS = re.compile(r"(?<=\d)[,\u202f\u00a0'](?=\d{3}\b)")
_APOSTROPHE = re.compile(r"(?<=\w)['’‘`´](?=\w)")
_NEGATION = re.compile(
    r"\b(is|are|was|were|do|does|did|has|have|had|could|would|should|ca|wo)"
    r"n['’‘`´]?t\b"
)  # isn't / isnt -> is not; can't -> can not
#: how every `_NEGATION` ends: "nt", "n't" closing a word. A text without it has nothing
#: to replace; this pattern opens with a letter, which `re` looks for in one C loop, where
#: `_NEGATION` is tried at every character ("nt" is in most long messages: "want", "mentioned")
_NEGATION_END = re.compile(r"n['’‘`´]?t\b")
_POSSESSIVE = re.compile(r"(?<=\w)['’‘`´]s\b")  # uk's -> uk, what's -> what
_SPACES = re.compile(r"\s+")
#: where a "." ends no sentence: after these ("U.S.", "Mr."), and before a number after these
#: ("Art. 21", "No. 177")
_DOT_NOT_AFTER = (r"\.[a-z]", r"\bmr", r"\bms", r"\bdr", r"\bst", r"\bvs", r"\bmrs", r"\bapprox")
_DOT_NOT_BEFORE_A_NUMBER = (
    r"\bno", r"\bpp", r"\bart", r"\bsec", r"\bvol", r"\bnos", r"\barts", r"\bpara",
)  # fmt: skip
#: "and what...", "also is...", "+ who...", "2) how...": a part that starts with a question word
_JOINED_QUESTION = (
    r"(?:and also|also|plus|and|\+|&|\d\))\s+(?=(?:what|who|when|"
    r"why|how|where|which|is|are|does|did|do|can|was|were|has|have)\b)"
)
#: where a message's questions part: question marks, new lines, "." ending a sentence (not the
#: one of "U.S.", "Art. 21", "No. 177" or "Mr."), "and what...", "also is..."
_SEGMENT_BREAK = re.compile(
    r"[?？!\n;]+"
    r"|" + "".join(f"(?<!{p})" for p in _DOT_NOT_AFTER)
    + "(?:" + "".join(f"(?<!{p})" for p in _DOT_NOT_BEFORE_A_NUMBER) + r"|(?!\.\s+\d))\.\s+"
    r"|\s+" + _JOINED_QUESTION,
    re.IGNORECASE,
)  # fmt: skip
#: `_SEGMENT_BREAK` as `segments` splits with it: every alternative's first character is
#: one of `[?？!\n;]`, "." or a space, so the pattern takes that character first, and each
#: alternative then checks (looking back) that it is its own: the same matches, so the same
#: parts (tests/unit/answer/test_normalize_shortcuts.py), but a pattern that opens with a
#: character class lets `re` skip to the next such character in one C loop instead of
#: trying the pattern at every character (a 1,000-character message: 0.28 ms with the
#: pattern tried everywhere, 0.07 with a lookahead before it, 0.025 so). An alternative
#: starting otherwise must add its first character here.
_SEGMENT_BREAK_AT = re.compile(
    r"[?？!\n;.\s](?:(?<=[?？!\n;])[?？!\n;]*"
    r"|(?<=\.)" + "".join(f"(?<!{p}\\.)" for p in _DOT_NOT_AFTER)
    + "(?:" + "".join(f"(?<!{p}\\.)" for p in _DOT_NOT_BEFORE_A_NUMBER) + r"|(?!\s+\d))\s+"
    r"|(?<=\s)\s*" + _JOINED_QUESTION + ")",
    re.IGNORECASE,
)  # fmt: skip
#: "since '92", "the '70s": a year written short (the knowledge base writes it whole); not a
#: number in quotes ("the '12 signatories' thing"), whose closing quote follows
_SHORT_YEAR = re.compile(r"(?<!\w)['’‘](\d\d)(s?)\b(?![^'’‘]{0,40}['’‘](?!\w))")


def _full_year(match: re.Match[str]) -> str:
    """'92 -> 1992, '05 -> 2005: this field's years run from the 1940s to today."""
    century = "19" if int(match[1]) >= 40 else "20"
    return f"{century}{match[1]}{match[2]}"


_REPEATED_WORD = re.compile(r"\b(\w+)(?: \1\b)+")

#: Script blocks whose combining marks we drop: accents and zalgo on Latin letters only.
_LATIN_RANGES = ((0x0041, 0x024F), (0x1E00, 0x1EFF), (0x2C60, 0x2C7F), (0xA720, 0xA7FF))

#: Chatter that carries no meaning for matching. Removed only when something else remains,
#: so that "hi" or "thanks" alone still reach the small-talk entries.
DEFAULT_FILLER: tuple[str, ...] = (
    "hey bot",
    "hi bot",
    "hello bot",
    "yo bot",
    "ok bot",
    "bot",
    "quick question",
    "quick q",
    "random question",
    "dumb question",
    "stupid question",
    "question",
    "sorry if this is a dumb question",
    "i have a question",
    "can you tell me",
    "could you tell me",
    "can u tell me",
    "tell me",
    "do you know",
    "does anyone know",
    "anyone know",
    "i want to know",
    "i wanna know",
    "i was wondering",
    "just wondering",
    "wondering",
    "i d like to know",
    "i would like to know",
    "id like to know",
    "please",
    "pls",
    "plz",
    "pleaseee",
    "thx",
    "thanks in advance",
    "ty in advance",
    "hey",
    "hi",
    "hello",
    "yo",
    "hiya",
    "heya",
    "sup",
    "ok so",
    "okay so",
    "so",
    "um",
    "umm",
    "uh",
    "erm",
    "hmm",
    "lol",
    "lmao",
    "btw",
    "like",
    "guys",
    "folks",
    "everyone",
    "real quick",
    "quickly",
    "in short",
    "briefly",
    "actually",
    "basically",
    "honestly",
    # chat around a question: greetings, thanks, apologies, hedges and story lead-ins
    "thanks",
    "thank you",
    "thanks a lot",
    "ty",
    "tysm",
    "cheers",
    "much appreciated",
    "appreciate it",
    "good morning",
    "good evening",
    "morning all",
    "hi all",
    "hey all",
    "hello everyone",
    "hey everyone",
    "hi everyone",
    "i m new here",
    "im new here",
    "new here",
    "quick one",
    "quick ones",
    "quick qs",
    "quick questions",
    "2 qs",
    "two qs",
    "2 questions",
    "two questions",
    "two things",
    "a few questions",
    "a couple of questions",
    "couple of questions",
    "couple questions",
    "one more",
    "one more question",
    "last one",
    "last question",
    "i swear",
    "sorry",
    "sorry to bother",
    "sorry if this is obvious",
    "no rush",
    "random but",
    "random q",
    "dumb q",
    "silly question",
    "just curious",
    "curious",
    "wait so",
    "ok",
    "okay",
    "alright",
    "anyway",
    "anyways",
    "haha",
    "hahaha",
    "lmfao",
    "rofl",
    "ngl",
    "tbh",
    "fr",
    "imo",
    "idk",
    "bro",
    "bruh",
    "dude",
    "mate",
    "fam",
    "yall",
    "excuse me",
    "i would like to ask",
    "i d like to ask",
    "id like to ask",
    "i want to ask",
    "i wanted to ask",
    "may i ask",
    "can i ask",
    "in practical terms",
    "pls help",
    "help me out",
    "need help",
    "for my essay",
    "for my homework",
    "for my assignment",
    "for a school project",
    "for my class",
    # "q" for question, letter openings and slang that says something is true or not
    "q",
    "real q",
    "real question",
    "chat q",
    "dear sir or madam",
    "dear sir",
    "dear madam",
    "kindly",
    "no cap",
    "or cap",
    "irl",
    "in real life",
    "inb4",
)


def _is_latin(char: str) -> bool:
    code = ord(char)  # _LATIN_RANGES, spelled out: this runs for every character
    return (
        0x0041 <= code <= 0x024F
        or 0x1E00 <= code <= 0x1EFF
        or 0x2C60 <= code <= 0x2C7F
        or 0xA720 <= code <= 0xA7FF
    )


def fold_unicode(text: str) -> str:
    """NFKC, casefold, and drop combining marks that sit on Latin letters (accents, zalgo).

    Marks on other scripts (Khmer vowel signs, coeng, Devanagari matras...) are kept, since
    without them the words change or fall apart.

    >>> fold_unicode("Hun Sèn ＣＣＭ")
    'hun sen ccm'
    """
    if text.isascii():  # NFKC, NFD and NFC leave ASCII alone; it has no marks to drop
        return text.lower()
    text = unicodedata.normalize("NFKC", text).casefold()
    decomposed = unicodedata.normalize("NFD", text)
    out: list[str] = []
    base_is_latin = False
    for char in decomposed:
        category = unicodedata.category(char)
        if category in ("Mn", "Me"):
            if base_is_latin:
                continue
        else:
            base_is_latin = _is_latin(char)
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


def strip_discord_markup(text: str) -> str:
    """Remove mentions, custom emoji, links and markdown, keeping the words people wrote.

    Each pattern runs only when a character it cannot match without is in the text: most
    messages have no markup, and a pass that cannot match leaves the text as it is.
    """
    if "<" in text or "@" in text:
        text = _DISCORD_MARKUP.sub(" ", text)
    if "](" in text:
        text = _MASKED_LINK.sub(r"\1", text)
    if "://" in text or ("." in text and "www." in text.lower()):  # https?:// or www.
        text = _URL.sub(" ", text)
    if "```" in text:
        text = _CODE_FENCE.sub(" ", text)
    if ">" in text:
        text = _QUOTE_MARK.sub("", text)
    if "#" in text:
        text = _HEADING.sub("", text)
    if any(mark in text for mark in _MARKDOWN_CHARS):
        text = _MARKDOWN.sub(" ", text)
    return text


#: a character every match of `_MARKDOWN` has, and of `_THOUSANDS`, `_APOSTROPHE`...
_MARKDOWN_CHARS = "|*_~`"
_THOUSANDS_CHARS = ",\u202f\u00a0'"
_APOSTROPHES = "'’‘`´"


def _punctuation_to_space(text: str) -> str:
    """Keep letters, digits and combining marks of every script; everything else is a gap."""
    if text.isascii():  # in ASCII, exactly the letters and digits are of category L or N
        # one C pass over bytes (str.translate looks every character up in a dict: 30
        # microseconds for a long message)
        text = text.encode("ascii").translate(_ASCII_GAP_BYTES).decode("ascii")
        return _INNER_DOT.sub(" ", text) if "." in text else text
    out: list[str] = []
    for char in text:
        category = unicodedata.category(char)
        if category[0] in "LNM" or char == ".":
            out.append(char)
        else:
            out.append(" ")
    # a dot survives only inside a number (2.35); elsewhere it ends a sentence
    return _INNER_DOT.sub(" ", "".join(out))


#: a dot that is not inside a number (`(?<!\d)\.|\.(?!\d)`, the dot taken first: a pattern that
#: opens with a character lets `re` skip to it in one C loop, not try the pattern at every
#: character: 22 -> 1.3 microseconds for a 1,000-character message)
_INNER_DOT = re.compile(r"\.(?:(?<!\d\.)|(?!\d))")
#: ASCII characters that are neither letters, digits nor a dot become a gap
_ASCII_GAPS = {c: " " for c in range(128) if not chr(c).isalnum() and chr(c) != "."}
_ASCII_GAP_BYTES = bytes(ord(_ASCII_GAPS.get(c, chr(c))) if c < 128 else c for c in range(256))


def _may_have_digits(text: str) -> bool:
    """False only when `text` has no digit a regex's `\\d` would match: ASCII without 0-9
    (a scan per digit is cheaper than a regex pass that looks behind every candidate)."""
    return not text.isascii() or any(d in text for d in "0123456789")


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted({p for p in phrases if p}, key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"(?<!\S)(?:" + "|".join(re.escape(p) for p in ordered) + r")(?!\S)")


def _drop_repeated_words(text: str) -> str:
    """`_REPEATED_WORD.sub(r"\\1", text)`: "the the ccm" is "the ccm".

    Why: the backreference is tried at every word (8 microseconds for a 130-character
    sentence, and a long message normalizes several). When every word is all letters and
    digits (`\\w`, as `str.isalnum` has it), a match is a word followed by itself, so none
    next to itself means nothing to replace; otherwise the regex decides.
    """
    words = text.split()
    if "".join(words).isalnum() and all(a != b for a, b in pairwise(words)):
        return text
    return _REPEATED_WORD.sub(r"\1", text)


def _phrases_by_first_word(phrases: Iterable[str]) -> dict[str, list[tuple[str, ...]]]:
    """Each phrase as its words, under its first word, longest first: the order in which
    `_phrase_pattern`'s alternation tries them."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted({p for p in phrases if p}, key=len, reverse=True):
        words = tuple(phrase.split())
        out.setdefault(words[0], []).append(words)
    return out


def _phrase_spans(
    words: list[str], phrases: Mapping[str, list[tuple[str, ...]]]
) -> list[tuple[int, int]]:
    r"""Where `_phrase_pattern` matches in `" ".join(words)`, as (first, end) word indices.

    Why: the regex tries its hundreds of alternatives at every word of the text, which made
    the synonym and filler passes most of a long message's normalization (27 microseconds
    each for a 130-character sentence). A phrase there starts at a word and ends at one
    (`(?<!\S)`, `(?!\S)`), so it matches where its words are the text's next words;
    leftmost first, then the longest (the regex's alternatives are sorted longest first, and
    two phrases matching at one word are one the other's first words), then on after it:
    the same matches, looked up by the word they start with. Tested against the regex on
    generated text (tests/unit/answer/test_normalize_shortcuts.py).
    """
    spans: list[tuple[int, int]] = []
    i, n = 0, len(words)
    while i < n:
        for phrase in phrases.get(words[i], ()):
            end = i + len(phrase)
            if end <= n and tuple(words[i:end]) == phrase:
                spans.append((i, end))
                i = end
                break
        else:
            i += 1
    return spans


def _replaced(
    words: list[str], spans: list[tuple[int, int]], replace: Callable[[str], str | None]
) -> list[str]:
    """`words` with each span replaced by `replace(its text)` (None: dropped, so that its
    gap closes up as `_SPACES` closes it); an empty string stays a word, so that joining
    gives the double space the regex's substitution leaves."""
    out: list[str] = []
    last = 0
    for first, end in spans:
        out += words[last:first]
        new = replace(" ".join(words[first:end]))
        if new is not None:
            out.append(new)
        last = end
    out += words[last:]
    return out


class Normalizer:
    """Normalizes messages and phrasings the same way, with the curators' synonym table.

    `synonyms` maps a canonical term to its variants ({"cluster munitions": ["cluster bombs"]});
    every variant found in a text is replaced by its canonical term, longest variants first.
    """

    def __init__(
        self,
        synonyms: Mapping[str, Iterable[str]] | None = None,
        filler: Iterable[str] = DEFAULT_FILLER,
    ) -> None:
        self._canonical: dict[str, str] = {}
        for canonical, variants in (synonyms or {}).items():
            target = self.basic(canonical)
            for variant in variants:
                key = self.basic(variant)
                if key and key != target:
                    self._canonical[key] = target
        # canonical terms match themselves, so "ottawa convention" is not read as "ottawa ccm"
        for target in list(self._canonical.values()):
            self._canonical.setdefault(target, target)
        self._synonym_re = _phrase_pattern(self._canonical)
        #: a synonym whose canonical term normalizes to nothing could empty a text
        self._empty_target = any(not target for target in self._canonical.values())
        #: every word that appears in a synonym variant, so typo correction can aim at them
        self.variant_words = frozenset(w for key in self._canonical for w in key.split())
        fillers = [self.basic(f) for f in filler]
        self._filler_re = _phrase_pattern(fillers)
        #: the first words of the variants and of the filler phrases: a phrase matches only
        #: where its first word is a whole word of the text
        self._synonym_first = frozenset(key.split()[0] for key in self._canonical if key)
        self._filler_first = frozenset(f.split()[0] for f in fillers if f)
        #: the same phrases as words, by first word, for the word-by-word passes
        self._synonym_words = _phrases_by_first_word(self._canonical)
        self._filler_words = _phrases_by_first_word(fillers)

    @staticmethod
    def basic(text: str) -> str:
        """Markup, Unicode and punctuation folding, without filler removal or synonyms."""
        text = strip_discord_markup(text)
        if "u." in text or "U." in text:  # u.s., U.K., u. n.
            text = _ABBREVIATIONS.sub(lambda m: re.sub(r"[.\s]", "", m.group(0)), text)
        text = fold_unicode(text)
        if any(c in text for c in _THOUSANDS_CHARS) and _may_have_digits(text):
            text = _THOUSANDS.sub("", text)
        if (
            "nt" in text or any(f"n{c}t" in text for c in _APOSTROPHES)
        ) and _NEGATION_END.search(text):
            text = _NEGATION.sub(
                lambda m: {"ca": "can", "wo": "will"}.get(m.group(1), m.group(1)) + " not", text
            )
        if any(c in text for c in _APOSTROPHES):
            text = _SHORT_YEAR.sub(_full_year, text)
            text = _POSSESSIVE.sub("", text)
            text = _APOSTROPHE.sub("", text)
        text = _punctuation_to_space(text)
        # `_SPACES.sub(" ", text).strip()`: split() and strip() know the whitespace `\s`
        # knows (str.isspace), and one join is a fraction of a substitution per gap
        return " ".join(text.split())

    def drop_filler(self, text: str) -> str:
        """Remove chat filler ('hey bot', 'quick question'), unless nothing else is left.

        A filler phrase starts at a word and its first word is that whole word: a text with
        none of those words, spaced as `basic` spaces it, is left as it is without a pass.
        """
        if self._filler_re is None:
            return text
        words = text.split()
        spaced = " ".join(words) == text
        if spaced and self._filler_first.isdisjoint(words):
            return text
        if spaced:  # the pass word by word: each phrase becomes a gap, gaps close up
            spans = _phrase_spans(words, self._filler_words)
            stripped = " ".join(_replaced(words, spans, lambda _: None))
        else:
            stripped = _SPACES.sub(" ", self._filler_re.sub(" ", text)).strip()
        return stripped or text

    def only_filler(self, text: str) -> bool:
        """Is this text chat filler and nothing else ("ok quick ones:", "thanks so much")?
        (`drop_filler` keeps such a text whole, so that a message is never emptied.)"""
        basic = self.basic(text)
        if self._filler_re is None or not basic:
            return False
        return not self._filler_re.sub(" ", basic).strip()

    def canonicalize(self, text: str) -> str:
        """Replace every synonym variant with its canonical term, longest first (no pass
        when no word of the text starts a variant: then nothing can match)."""
        words = text.split()
        if self._synonym_re is None or self._synonym_first.isdisjoint(words):
            return text
        if " ".join(words) != text:  # spaced otherwise than `basic` spaces: the regex
            return self._synonym_re.sub(lambda m: self._canonical[m.group(0)], text)
        spans = _phrase_spans(words, self._synonym_words)
        if not spans:
            return text
        return " ".join(_replaced(words, spans, self._canonical.__getitem__))

    def __call__(self, text: str) -> str:
        """The full pipeline for a user message or a knowledge-base phrasing."""
        return self.after_basic(self.basic(text))

    def after_basic(self, basic: str) -> str:
        """The pipeline after `basic`: for a caller that has `basic(text)` already."""
        text = self.canonicalize(self.drop_filler(basic))
        return _drop_repeated_words(text)

    def is_empty(self, text: str, *, basic: str | None = None) -> bool:
        """`not self(text)`, without the filler and synonym passes when they cannot empty
        it: filler is never all removed, and a synonym only ever becomes a non-empty term.
        `basic`: `basic(text)`, when the caller has it already."""
        basic = self.basic(text) if basic is None else basic
        if self._empty_target:
            return not self.after_basic(basic)
        return not basic

    def segments(self, text: str) -> list[str]:
        """Split a message that asks several things ("what is X? and is Y...") into parts."""
        parts = _SEGMENT_BREAK_AT.split(strip_discord_markup(text))
        return [p.strip() for p in parts if p and p.strip()]

"""Read a Khmer question in English terms, with the Khmer glossary (knowledge/khmer-glossary.yaml).

Only some entries have Khmer text; the Khmer index (bot/answer/khmer.py) cannot find the
others. The glossary turns the Khmer words of a question into the English words of the same
domain ("អនុសញ្ញាស្តីពីគ្រាប់បែកចង្កោម ចូលជាធរមាននៅថ្ងៃណា?" -> "convention on cluster munitions
entry into force when"), so the English matcher, its subject checks and its learned gate can
decide on them, and any entry can answer a Khmer question (in English under a Khmer note
until it has Khmer text).

Khmer has no spaces between words: the glossary's Khmer words are found in the question's
Khmer with its spaces removed, longest first, whole syllables only (the រើ "move" in ប្រើ
"use" is not a word of its own). What no glossary word covers is dropped: the English
matcher scores the words it knows. The glossary's **subjects** are things a question can be
about that most entries never mention (a director, a salary, a budget, a price): an entry
that mentions none of a subject's English forms, nor its Khmer words, does not answer a
question that names it ("who is CMAC's director now" is not answered with what CMAC is).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from bot.answer.khmer import runs
from bot.answer.language import fold_khmer, khmer_word
from bot.answer.normalize import Normalizer

#: an English subject term lists its accepted forms with "|": "salary|wage|pay"
FORM_SEPARATOR = "|"
#: Khmer puts the question word at the end of a clause: "X ពេលណា ហើយ Y ប៉ុន្មាន" asks two
#: things, so "and" right after one of these ends a question (the English reading gets a "?")
QUESTION_WORDS = frozenset(
    "when|what year|how many|how much|what|who|why|how|where|which|which countries"
    "|is it true|does|yet".split("|")
)
AND = "and"
#: where a Khmer message ends a sentence or a question
_SENTENCE_END = re.compile(r"[?？!។៕\n]+")


def _khmer_key(text: str) -> str:
    """A Khmer word as the glossary matches it: folded, spaces removed ("" for a word that
    is not all Khmer: Latin words and numbers reach the English matcher as they are)."""
    pieces = runs(fold_khmer(text))
    if not pieces or not all(khmer for khmer, _ in pieces):
        return ""
    return "".join(piece for _, piece in pieces)


#: a Latin word this long or longer that starts a subject's English form names the subject
MIN_LATIN_PREFIX = 5


def _mentions(form: str, basic: str, raw: str) -> bool:
    """An English form at the start of a word of the entry ("$" and other signs: anywhere)."""
    if not form[0].isalnum():
        return form in raw
    return re.search(rf"\b{re.escape(form)}", basic) is not None


class KhmerGlossary:
    """Khmer words -> English terms, built once from the knowledge base's glossary."""

    def __init__(
        self,
        words: Mapping[str, Sequence[str]],
        subjects: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        #: Khmer word (folded, no spaces) -> the English it reads as
        self._english: dict[str, str] = {}
        #: Khmer word -> the subject it names (the subject's whole "a|b" key)
        self._subject_of: dict[str, str] = {}
        #: subject key -> (its English forms, its Khmer words)
        self._subjects: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        for english, variants in words.items():
            for variant in variants:
                key = _khmer_key(variant)
                if key:
                    self._english[key] = english
        for subject, variants in (subjects or {}).items():
            forms = tuple(
                f.strip().casefold() for f in subject.split(FORM_SEPARATOR) if f.strip()
            )
            keys = tuple(k for k in (_khmer_key(v) for v in variants) if k)
            self._subjects[subject] = (forms, keys)
            for key in keys:
                self._english[key] = forms[0]
                self._subject_of[key] = subject
        alternatives = sorted(self._english, key=len, reverse=True)
        self._pattern = (
            re.compile(khmer_word("|".join(re.escape(a) for a in alternatives)))
            if alternatives
            else None
        )

    def __len__(self) -> int:
        """How many Khmer words the glossary holds."""
        return len(self._english)

    def _words(self, folded: str) -> list[tuple[bool, str]]:
        """(is a glossary word, text) in order: Khmer glossary words and Latin words."""
        out: list[tuple[bool, str]] = []
        for khmer, piece in runs(folded):
            if not khmer:
                out.append((False, piece))
            elif self._pattern is not None:
                out.extend((True, m.group(0)) for m in self._pattern.finditer(piece))
        return out

    def read(self, text: str) -> tuple[str, float]:
        """(`translate(text)`, the share of its Khmer characters the glossary's words cover).

        Sentences are kept apart ("?"), and so are two questions joined by "and" after a
        question word:

        >>> g = KhmerGlossary({"when": ["ពេលណា"], "how many": ["ប៉ុន្មាន"], "and": ["ហើយ"]})
        >>> g.read("CCM ពេលណា ហើយ សមាជិកប៉ុន្មាន")
        ('ccm when? how many', 0.7272727272727273)
        """
        khmer = covered = 0
        sentences: list[str] = []
        for sentence in _SENTENCE_END.split(text):
            folded = fold_khmer(sentence)
            khmer += sum(len(p) for k, p in runs(folded) if k)
            out: list[str] = []
            for is_word, piece in self._words(folded):
                covered += len(piece) if is_word else 0
                english = self._english[piece] if is_word else piece
                if english == AND and out and out[-1] in QUESTION_WORDS:
                    sentences.append(" ".join(out))
                    out = []
                    continue
                out.append(english)
            if out:
                sentences.append(" ".join(out))
        return "? ".join(sentences), (covered / khmer if khmer else 1.0)

    def translate(self, text: str) -> str:
        """The question in English terms: each Khmer glossary word as its English, Latin words
        and numbers as written, anything else dropped.

        >>> g = KhmerGlossary({"ccm": ["អនុសញ្ញាស្តីពីគ្រាប់បែកចង្កោម"], "when": ["ពេលណា"]})
        >>> g.translate("អនុសញ្ញា​ស្ដីពី​គ្រាប់បែកចង្កោម ចូលជាធរមាន ពេលណា (2010)")
        'ccm when 2010'
        """
        return self.read(text)[0]

    def terms(self, text: str) -> list[tuple[str, str]]:
        """(English term, the Khmer word as written) for each glossary word of a Khmer text,
        in order: what a follow-up ("ចុះឡាវវិញ?", and Laos?) swaps into the question before.

        >>> KhmerGlossary({"laos": ["ឡាវ"]}).terms("ចុះឡាវវិញ?")
        [('laos', 'ឡាវ')]
        """
        return [(self._english[p], p) for k, p in self._words(fold_khmer(text)) if k]

    def subjects(self, text: str) -> list[str]:
        """The glossary subjects a question names ("director", "salary"...), in order: by
        their Khmer words, or by an English form written in the message ("អ្នក follow",
        followers)."""
        named = (
            self._subject_of.get(p) if k else self._latin_subject(p)
            for k, p in self._words(fold_khmer(text))
        )
        return list(dict.fromkeys(s for s in named if s))

    def _latin_subject(self, word: str) -> str | None:
        """The subject a Latin word of a Khmer message names: it starts with one of the
        subject's English forms, or is the start of one ("follow", "followers")."""
        for subject, (forms, _) in self._subjects.items():
            for form in forms:
                if not form[0].isalpha() or " " in form:
                    continue
                starts = len(word) >= MIN_LATIN_PREFIX and form.startswith(word)
                if word.startswith(form) or starts:
                    return subject
        return None

    def missing_subjects(
        self, subjects: Sequence[str], english: str, khmer: str = ""
    ) -> tuple[str, ...]:
        """The subjects an entry never mentions: none of their English forms in its English
        text (word starts: "director" finds "director-general"), none of their Khmer words in
        its Khmer text."""
        basic = Normalizer.basic(english)
        chars = "".join(p for k, p in runs(fold_khmer(khmer)) if k) if khmer else ""
        missing: list[str] = []
        for subject in subjects:
            forms, keys = self._subjects[subject]
            if any(_mentions(f, basic, english) for f in forms):
                continue
            if chars and any(k in chars for k in keys):
                continue
            missing.append(subject)
        return tuple(missing)

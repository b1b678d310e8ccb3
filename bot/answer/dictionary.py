"""Is this a real English word? Typo correction must not "fix" words that are simply not in
our knowledge base: "currency" is not a typo of "current", nor "nuclear" of "unclear".

The word list is pyspellchecker's English frequency dictionary (a maintained, pure-Python
package that ships its data), loaded once, lazily, on first use.
"""

from __future__ import annotations

from functools import cache

#: words seen fewer times than this in the dictionary's corpus are treated as possible typos
MIN_COUNT = 20
#: words seen at least this often are everyday English ("rights", "council", "king"), even
#: when capitalised in a name; names of people and places are rarer (putin 138, hun 174)
COMMON_COUNT = 5000


@cache
def _frequencies() -> dict[str, int]:
    from spellchecker import SpellChecker

    checker = SpellChecker(language="en", distance=1)
    return dict(checker.word_frequency.dictionary)


def is_english_word(word: str) -> bool:
    """A real English word (seen often enough in the dictionary's corpus), so never a typo."""
    return _frequencies().get(word, 0) >= MIN_COUNT


def is_common_word(word: str) -> bool:
    """Everyday English, even when capitalised: not a name."""
    return _frequencies().get(word, 0) >= COMMON_COUNT

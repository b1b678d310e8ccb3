"""Which words are names: countries, organisations and people.

A question that names something ("how did *Cambodia* vote", "what did *Putin* say") is about
that thing; an entry that never mentions it is not its answer, however well the other words
match. Names are found without a tagger: a list of countries, plus the acronyms and the
capitalised names that curators write in the answers, less titles and less words that the
answers also use in lower case (a real name is always capitalised).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from bot.answer.dictionary import is_common_word
from bot.answer.lexicon import COUNTRIES, STOPWORDS, stem
from bot.answer.normalize import Normalizer

_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,7}\b")  # NATO, CMAA, DPICM, K5
_PERSON = re.compile(r"\b[A-Z][a-z]+(?:[- ][A-Z][a-z]+){1,2}\b")  # Hun Sen, Frank-Walter
#: a capitalised word in mid-sentence ("... to deter Zelenskyy"): a name unless it is English
_SINGLE = re.compile(r"(?<=[a-z,;:\"'’)*] )[A-Z][a-z]{3,}\b")
_DOMAIN = re.compile(r"\b[\w-]+(?:\.[\w-]+)+\b")  # cmaa.gov.kh is not the word "cmaa"
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]+\b")
#: capitalised words that are titles or parts of institutions' names, not names themselves
_TITLES = frozenset(
    """prime minister president secretary general under defence defense foreign
    state states party parties senior vice first national security adviser spokesman
    spokesperson government brig gen lt chief army royal academy convention conference
    review summit treaty collection monitor coalition cluster munition munitions mine action
    authority centre center victim assistance declaration plan process deputy house white
    ministry department affairs global day week month january february march april may june
    july august september october november december mon tue wed thu fri sat sun jan feb
    mar apr jun jul aug sep sept oct nov dec""".split()
)


#: a capitalised first word that opens no person's name ("The Ottawa...", "This Convention")
_NOT_A_PERSON = frozenset({"the", "this", "that", "these", "those"})
#: acronyms that name a kind of thing, not a subject: "KH mine/ERW casualties 2023" asks for
#: Cambodia's casualties whether or not the entry writes "ERW"
_GENERIC_ACRONYMS = frozenset({"uxo", "erw", "ap", "eod", "km2"})


def is_country(word: str) -> bool:
    """A country name or demonym (as normalized text)."""
    return word in COUNTRIES or stem(word) in COUNTRIES


def names_in(
    texts: Iterable[str], normalizer: Normalizer, is_common: Callable[[str], bool] = is_common_word
) -> set[str]:
    """Normalized words that are names in `texts` (the answers), ready to look up.

    Acronyms always count; in capitalised phrases ("Human Rights Watch", "Hun Sen") only
    the words that are not everyday English do, so "rights" or "council" never become names.
    """
    texts = list(texts)
    lowercase = {
        word
        for text in texts
        for word in normalizer.basic(" ".join(_LOWER_WORD.findall(_DOMAIN.sub(" ", text)))).split()
    }
    names: set[str] = set()
    for text in texts:
        candidates = [(name, True) for name in _ACRONYM.findall(text)]
        candidates += [(name, False) for name in _PERSON.findall(text)]
        candidates += [(name, False) for name in _SINGLE.findall(text)]
        for name, acronym in candidates:
            for word in normalizer(name).split():
                if word in _TITLES or word in STOPWORDS or word in lowercase:
                    continue
                if word in _GENERIC_ACRONYMS:
                    continue
                if acronym or is_country(word) or not is_common(word):
                    names.add(word)
    return names


def people_in(texts: Iterable[str], normalizer: Normalizer) -> set[str]:
    """The words of capitalised two- or three-word names that are people ("Hun Sen",
    "Ly Thuch"), as normalized words: what "he" or "she" in a follow-up can stand for.
    Countries, acronyms and everyday words are left out."""
    out: set[str] = set()
    for text in texts:
        for name in _PERSON.findall(text):
            # ("Oslo Convention" reads as "ccm", "The Ottawa..." opens no person's name: the
            # words as written say it is an institution)
            written = name.lower().replace("-", " ").split()
            if written[0] in _NOT_A_PERSON or any(w in _TITLES for w in written):
                continue
            words = normalizer(name).split()
            if any(w in _TITLES or is_country(w) for w in words):
                continue
            out.update(w for w in words if w not in STOPWORDS)
    return out

"""Word lists and the light stemmer the matcher uses to weigh and compare words.

Function words and chat verbs are kept (they separate "who" from "when"), but weigh little:
the matcher multiplies their inverse document frequency by STOPWORD_WEIGHT.
"""

from __future__ import annotations

STOPWORD_WEIGHT = 0.15

_SUFFIXES = (
    ("ies", "y", 3), ("ied", "y", 3), ("sses", "ss", 2), ("ing", "", 4), ("ed", "", 4),
    ("es", "", 4), ("s", "", 3),
)


def stem(token: str) -> str:
    """A deliberately light suffix stemmer: plural, past and -ing forms meet their base.

    Heavier stemmers (Porter) merge words we need apart (e.g. "us" the country, "used"), and
    typos are handled by fuzzy correction, not by the stemmer. Digits and non-Latin words pass
    through unchanged.
    """
    if len(token) <= 3 or not token.isascii() or not token.isalpha():
        return token
    for suffix, replacement, min_stem in _SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= min_stem:
            if suffix == "s" and token.endswith(("ss", "us", "is", "ous")):
                return token
            if suffix == "es" and not token.endswith(("ches", "shes", "xes", "sses", "zes")):
                continue
            base = token[: len(token) - len(suffix)] + replacement
            if suffix in ("ing", "ed") and len(base) > 3 and base[-1] == base[-2] and \
                    base[-1] not in "lsz":
                base = base[:-1]  # banned -> ban, stopped -> stop
            return base
    return token


QUESTION_WORDS = frozenset(
    "what whats who whos whom whose when where why how which whether".split()
)

_FUNCTION_WORDS = """
    a an the this that these those there here it its itself they them their theirs
    i me my we our ours you your yours he him his she her hers one ones someone anyone
    is am are was were be been being do does did doing done have has had having
    will would shall should can could may might must ought
    of in on at to for from by with without about as into onto over under up down out off
    than then so if or and but nor yes also too very just only even still yet ever
    all any some each every both either neither such same other another more most much
    few lot lots bit kind sort way thing things stuff something anything everything nothing
    get gets got getting go goes going went make makes made let lets tell told
    know knows knew known think thought mean means meant want wants wanted need needs like
    see seen look looking find found give gave given take took come came really
    actually exactly basically specifically literally currently please thanks thank
    ok okay yeah yep nope hey hi hello well now again back explain explained describe
    info information details detail question answer regarding re wrt vs versus via per
    etc eg ie
"""

#: function words and chat verbs, as written and as stemmed (the matcher compares stems)
STOPWORDS = frozenset(
    form for word in _FUNCTION_WORDS.split() for form in (word, stem(word))
) - QUESTION_WORDS

"""The normalizer skips a pass when the text lacks what every match of it needs (a character,
or a whole word that starts a phrase): the result must be the full pass's, on any text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.answer import normalize
from bot.answer.normalize import Normalizer, strip_discord_markup
from bot.kb.models import KnowledgeBase

PIECES = [
    *"abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789.,;:!?'’‘`´<>@#*_~|[]()/\\-\n\t",
    *"\u202f\u00a0éüßſİ\u200bក្ម",
    "https://x.org/a",
    "www.",
    "```",
    "<@123>",
    "<:x:12>",
    "@everyone",
    "u.s.",
    "U.K.",
    "isn't",
    "can't",
    "wont",
    "1,000",
    "2.35",
    "[see](http://a)",
    "> ",
    "# ",
    "-# ",
    "**",
    "||",
    " hey bot ",
    " quick question ",
    " thanks ",
    " cluster bombs ",
    " convention on cluster munitions ",
    " united states ",
    " usa ",
    " the the ",
]


def _full_markup(text: str) -> str:
    text = normalize._DISCORD_MARKUP.sub(" ", text)
    text = normalize._MASKED_LINK.sub(r"\1", text)
    text = normalize._URL.sub(" ", text)
    text = normalize._CODE_FENCE.sub(" ", text)
    text = normalize._QUOTE_MARK.sub("", text)
    text = normalize._HEADING.sub("", text)
    return normalize._MARKDOWN.sub(" ", text)


def _full_basic(text: str) -> str:
    text = _full_markup(text)
    text = normalize._ABBREVIATIONS.sub(lambda m: re.sub(r"[.\s]", "", m.group(0)), text)
    text = normalize.fold_unicode(text)
    text = normalize._THOUSANDS.sub("", text)
    text = normalize._NEGATION.sub(
        lambda m: {"ca": "can", "wo": "will"}.get(m.group(1), m.group(1)) + " not", text
    )
    text = normalize._SHORT_YEAR.sub(normalize._full_year, text)
    text = normalize._POSSESSIVE.sub("", text)
    text = normalize._APOSTROPHE.sub("", text)
    if text.isascii():
        text = normalize._INNER_DOT.sub(" ", text.translate(normalize._ASCII_GAPS))
    else:
        text = normalize._punctuation_to_space(text)
    return normalize._SPACES.sub(" ", text).strip()


texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=3000, deadline=None)
@given(texts)
def test_shortcuts_give_the_full_passes(text: str) -> None:
    n = _normalizer()
    assert strip_discord_markup(text) == _full_markup(text)
    assert Normalizer.basic(text) == _full_basic(text)
    for t in (text, Normalizer.basic(text)):
        assert n._synonym_re is not None and n._filler_re is not None
        full_canonical = n._synonym_re.sub(lambda m: n._canonical[m.group(0)], t)
        assert n.canonicalize(t) == full_canonical
        stripped = normalize._SPACES.sub(" ", n._filler_re.sub(" ", t)).strip()
        assert n.drop_filler(t) == (stripped or t)
    assert n.is_empty(text) == (not n(text))


_cache: list[Normalizer] = []


def _normalizer() -> Normalizer:
    if not _cache:
        from bot.kb.loader import load_knowledge_base
        from tests.paths import ROOT

        kb: KnowledgeBase = load_knowledge_base(ROOT / "knowledge", ROOT / "seeds")
        _cache.append(Normalizer(kb.synonyms))
    return _cache[0]


def test_an_empty_synonym_target_is_still_seen_to_empty_a_text() -> None:
    """`is_empty` takes its shortcut only when no synonym can normalize to nothing."""
    n = Normalizer({"???": ["zzz"]})
    assert n.is_empty("zzz") == (not n("zzz"))

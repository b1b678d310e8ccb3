"""The normalizer removes Discord noise and folds spelling, and never damages other scripts."""

from __future__ import annotations

import unicodedata

import pytest

from bot.answer import Answerer
from bot.answer.normalize import Normalizer, fold_unicode

SYNONYMS = {
    "ccm": ["convention on cluster munitions", "oslo convention"],
    "cluster munitions": ["cluster bombs", "cluster bomb"],
    "cambodia": ["cambo", "kampuchea"],
    "us": ["united states", "usa"],
    "uxo": ["unexploded ordnance"],
}
normalize = Normalizer(SYNONYMS)

KHMER = "កម្ពុជា ស្អាត"  # Cambodia (with coeng U+17D2) and a word with vowel signs


def test_khmer_keeps_vowel_signs_and_coeng() -> None:
    out = normalize(f"hey bot {KHMER}?")
    assert out == unicodedata.normalize("NFC", KHMER)
    assert "\u17d2" in out  # coeng survives


def test_mentions_emoji_urls_removed() -> None:
    text = (
        "<@123456789012345678> <@!123456789012345678> <@&123456789012345678> "
        "<#123456789012345678> @everyone @here <:blob:123456789012345678> "
        "<a:dance:123456789012345678> see https://example.org/x?y=1 is the CCM good"
    )
    assert normalize(text) == "see is the ccm good"


def test_markdown_is_stripped_keeping_words() -> None:
    text = "> **is** __the__ ~~us~~ ||in|| `the` ```py\nccm```"
    assert normalize(text) == "is the us in the ccm"


def test_masked_link_keeps_its_text() -> None:
    assert normalize("[oslo convention](https://example.org)") == "ccm"


def test_zalgo_and_accents_on_latin_are_removed() -> None:
    zalgo = "C\u0336a\u0337m\u0338b\u0335o\u0334d\u0336i\u0337a"
    assert normalize(zalgo) == "cambodia"
    assert fold_unicode("Mélanie") == "melanie"


def test_nfkc_and_casefold() -> None:
    assert normalize("ＣＣＭ") == "ccm"  # full-width letters
    assert normalize("STRASSE") == normalize("straße")


def test_filler_dropped_unless_nothing_else() -> None:
    assert normalize("hey bot quick question pls: is cambo in the ccm") == "is cambodia in the ccm"
    assert normalize("hello") == "hello"


def test_synonyms_longest_first() -> None:
    assert (
        normalize("Is the United States in the Convention on Cluster Munitions?")
        == "is the us in the ccm"
    )
    assert normalize("cluster bombs") == "cluster munitions"
    assert normalize("u.s. and U.S.A.") == "us and usa".replace("usa", "us")


def test_numbers_possessives_and_punctuation() -> None:
    assert normalize("2,031 minefields, 2.35% duds!") == "2031 minefields 2.35 duds"
    assert normalize("what's the UK's view?") == "what the uk view"


def test_whitespace_and_control_collapse() -> None:
    assert normalize("  what\tis\n\nthe   ccm  ") == "what is the ccm"


def test_segments_split_two_questions() -> None:
    assert normalize.segments("What is the CCM? And is Cambodia in it?") == [
        "What is the CCM",
        "is Cambodia in it",
    ]
    assert normalize.segments("who is hun sen and what did he ask nato") == [
        "who is hun sen",
        "what did he ask nato",
    ]


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("What does Art. 21 require of parties?", ["What does Art. 21 require of parties"]),
        ("Royal Decree No. 177, what year was it", ["Royal Decree No. 177, what year was it"]),
        (
            "did the U.S. sign it. what did the U.K. say",
            ["did the U.S. sign it", "what did the U.K. say"],
        ),
        ("Is that Mr. Ly Thuch. Who is he", ["Is that Mr. Ly Thuch", "Who is he"]),
        ("No. And what about Laos", ["No", "And what about Laos"]),
    ],
)
def test_a_full_stop_in_an_abbreviation_does_not_split_a_question(
    text: str, parts: list[str]
) -> None:
    assert normalize.segments(text) == parts


def test_negative_contractions_are_expanded() -> None:
    assert (
        normalize("Cambodia isn't in it, why doesn't it join? can't it?")
        == "cambodia is not in it why does not it join can not it"
    )


@pytest.mark.parametrize(
    ("text", "basic"),
    [
        ("cleared since '92?", "cleared since 1992"),
        ("the ’70s bombing", "the 1970s bombing"),
        ("in July '25, what's the date", "in july 2025 what the date"),
        ("so the '12 signatories' figure is wrong", "so the 12 signatories figure is wrong"),
    ],
)
def test_a_year_written_short_is_read_whole(text: str, basic: str) -> None:
    assert Normalizer.basic(text) == basic


@pytest.mark.parametrize(
    "text,normalized",
    [
        ("dear sir or madam, kindly: is laos in the ccm", "is laos in the ccm"),
        ("real q: is laos in the ccm no cap", "is laos in the ccm"),
        ("is laos in the ccm irl", "is laos in the ccm"),
    ],
)
def test_letter_openings_and_slang_are_filler(text: str, normalized: str) -> None:
    assert normalize(text) == normalized


def test_cap_on_something_is_kept(answerer: Answerer) -> None:
    # the slang "or cap" is filler; a cap on something is a limit
    assert answerer.normalizer("a cap on exports, legit or cap") == "a limit on exports legit"


@pytest.mark.parametrize(
    "text,normalized",
    [
        ("hw long is teh k5 belt", "how long is the k5 belt"),
        ("who works w cmac n cmaa", "who works with cmac and cmaa"),
        ("wetin be uxo", "what be uxo"),
        ("is n korea a party", "is northkorea a party"),
    ],
)
def test_texting_spellings_become_the_function_word(
    answerer: Answerer, text: str, normalized: str
) -> None:
    assert answerer.normalizer(text) == normalized


@pytest.mark.parametrize(
    "text,normalized",
    [
        ("the 2nd review conf", "the second review conference"),
        ("where is the 4rc", "where is the fourth review conference"),
        ("casualties in the 80s", "casualties in the 1980s"),
        ("physio and prosthetics for survivors", "rehabilitation and rehabilitation for survivors"),
        ("the statutory ceiling", "the law limit"),
        ("do kids find them", "do children find them"),
        ("does laos possess any", "does laos have any"),
        ("when does the meeting take place", "when does the meeting happen"),
        ("did thailand complain", "did thailand reaction"),
        ("the pda tranche", "the presidential drawdown authority package"),
    ],
)
def test_short_forms_and_other_wordings_of_content_words(
    answerer: Answerer, text: str, normalized: str
) -> None:
    assert answerer.normalizer(text) == normalized

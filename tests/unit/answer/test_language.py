"""Which language a message is in, and Khmer folded for matching.

The thresholds in bot/answer/language.py were chosen on these examples: English as people
really type it (typos, slang, names that look foreign), Khmer and mixed Khmer, other scripts,
and Latin-script languages that are not English.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.answer.language import _ASCII_LETTER, detect_language, fold_khmer, script_counts

ENGLISH = [
    "what is the ccm?",
    "wat is da ccm",
    "wut did hun sen say 2 nato lol",
    "is cambodia in the ccm or nah",
    "who is yang peou",
    "is el salvador a state party",
    "what did ly thuch say",
    "de-mining in cambodia, who does it?",
    "r u a bot",
    "y did the us send cluster bombs",
    "hun sen est?",
    "tell me about the oslo process pls",
    "que pasa with the cluster munition ban",
    "is the us in the ccm",
    "Hun Sèn appeal to NATO",
    "who r the deminers in siem reap",
    "k5 belt",
    "CCM",
    "ok thx",
    "whats a dud rate",
    "did germany say no to the us",
    "is it true that 123 countries banned them",
    "how many mines did cmac clear since 1992",
    "what does the word ស្រែ mean in the article about rice fields",
    "what does 'ប្រទេសតូច' mean in Hun Sen's tweet",
    "did ukraine use them before the us transfer?",
    "is lithuania still in the ccm",
    "explain article 21 interoperability",
    "where can i donate",
    "hi",
    "12345",
    "😂😂😂",
    "",
]

KHMER = [
    "ហ៊ុន សែន ជានរណា?",
    "UXO ជាអ្វី?",
    "CCM ជាអ្វី",
    "Cambodia ចូល CCM ហើយឬនៅ",
    "តើ Convention on Cluster Munitions ជាអ្វី",
    "ខ្ញុំ​រក​ឃើញ​គ្រាប់​បែក",
    "សួស្តី",
    "ឆ្នាំ២០២៣",
    "តើ Hun Sen បាននិយាយអ្វីទៅ NATO?",
]

OTHER = [
    "Что такое CCM?",  # Russian
    "Кто такой Хун Сен?",
    "Qui est Hun Sen ?",  # French
    "Le Cambodge est-il partie à la convention sur les armes à sous-munitions ?",
    "qu'est-ce que la CCM",
    "bonjour",
    "¿Qué es la Convención sobre Municiones en Racimo?",  # Spanish
    "qué es CCM",
    "Camboya es parte del tratado?",
    "Was ist die Streumunitionskonvention und wer hat sie unterzeichnet?",  # German
    "Ist Kambodscha Mitglied der CCM?",
    "O que é a convenção sobre munições cluster?",  # Portuguese
    "Che cosa è la convenzione sulle munizioni a grappolo?",  # Italian
    "Wat is het verdrag over clustermunitie?",  # Dutch
    "Apa itu konvensi tentang munisi tandan?",  # Indonesian
    "Hun Sen là ai?",  # Vietnamese
    "Campuchia có tham gia công ước không?",
    "ฮุน เซน คือใคร",  # Thai
    "洪森是谁？",  # Chinese
    "フン・センとは誰ですか",  # Japanese
    "هون سين من هو؟",  # Arabic
    "Sino si Hun Sen at ano ang ginawa niya?",  # Tagalog
]


@pytest.mark.parametrize("text", ENGLISH)
def test_english_typos_slang_and_names_stay_english(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", KHMER)
def test_khmer_and_mixed_khmer_are_khmer(text: str) -> None:
    assert detect_language(text) == "km"


@pytest.mark.parametrize("text", OTHER)
def test_other_languages_and_scripts_are_other(text: str) -> None:
    assert detect_language(text) == "other"


def test_discord_markup_does_not_decide_the_language() -> None:
    assert detect_language("<@123456789012345678> ហ៊ុន សែន ជានរណា?") == "km"
    assert detect_language("<:пример:123456789012345678> what is the ccm") == "en"


def test_script_counts() -> None:
    assert script_counts("UXO ជាអ្វី?") == (6, 3, 0)
    assert script_counts("Кто é") == (0, 1, 3)


def test_khmer_is_folded_without_damage() -> None:
    # NFC, and the vowel signs and subscripts stay
    assert fold_khmer("ក្រសួង") == "ក្រសួង"
    # zero-width spaces are word breaks; joiners and invisible vowels disappear
    assert fold_khmer("ហ៊ុន\u200bសែន") == "ហ៊ុន សែន"
    assert fold_khmer("ហ៊ុន\u200cសែន\u17b4") == "ហ៊ុនសែន"
    # Khmer digits are ASCII digits; punctuation (។ ៖) is a gap; Latin is folded as English
    assert fold_khmer("ឆ្នាំ២០២៣។ UXO៖") == "ឆ្នាំ2023 uxo"
    # subscript DA and TA are one letter for matching (ស្ដី / ស្តី)
    assert fold_khmer("ស្ដីពី") == fold_khmer("ស្តីពី")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_letters_are_counted_as_the_pattern_counts_them(text: str) -> None:
    """`script_counts` counts an ASCII text's letters by deleting the other bytes."""
    assert script_counts(text) == (0, len(_ASCII_LETTER.findall(text)), 0)

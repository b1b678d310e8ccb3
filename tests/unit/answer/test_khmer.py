"""Khmer questions: the Khmer index, its thresholds, and the replies, on the Khmer test
fixture (tests/fixtures/khmer/: Khmer blocks for 22 entries, added to a copy of knowledge/)."""

from __future__ import annotations

import pytest

from bot.answer.answerer import Answerer
from bot.answer.gate import KhmerGate
from bot.answer.khmer import NGRAM_SIZES, KhmerIndex, char_ngrams, runs
from bot.quality import fit_km_gate
from tests.khmer_fixture import km_blocks, labelled_questions


def test_spacing_does_not_change_the_match(km_answerer: Answerer) -> None:
    spaced = km_answerer.khmer.search("ហ៊ុន សែន ជា នរណា")
    joined = km_answerer.khmer.search("ហ៊ុនសែនជានរណា")
    zero_width = km_answerer.khmer.search("ហ៊ុន\u200bសែន\u200bជា\u200bនរណា")
    assert spaced == joined == zero_width
    assert spaced[0].entry_id == "hun-sen-who"


def test_khmer_digits_match_ascii_digits(km_answerer: Answerer) -> None:
    assert km_answerer.khmer.search("ខ្សែក្រវាត់ក៥")[0].entry_id == "k5-belt"
    assert km_answerer.khmer.search("ខ្សែក្រវាត់ក5") == km_answerer.khmer.search("ខ្សែក្រវាត់ក៥")


def test_latin_words_and_numbers_are_features_of_their_own() -> None:
    assert runs("តើ ccm មាន ប្រទេស 112") == [
        (True, "តើ"),
        (False, "ccm"),
        (True, "មានប្រទេស"),
        (False, "112"),
    ]
    assert "w:ccm" in char_ngrams("ccm ជាអ្វី") and "w:112" in char_ngrams("112")


def test_a_name_the_entry_never_mentions_is_not_answered(km_answerer: Answerer) -> None:
    # "Is Laos a party to the CCM?": the fixture only has Cambodia's and the US's status
    [top, *_] = km_answerer.khmer.search("តើប្រទេសឡាវជាភាគីនៃ CCM ទេ")
    assert "ឡាវ" in top.missing
    assert not km_answerer.ask("តើប្រទេសឡាវជាភាគីនៃ CCM ទេ").answered


def test_an_empty_index_finds_nothing() -> None:
    index = KhmerIndex(())
    assert len(index) == 0 and index.search("ហ៊ុន សែន ជានរណា") == []


def test_the_brief_example_is_answered_in_khmer(km_answerer: Answerer) -> None:
    reply = km_answerer.ask("ហ៊ុន សែន ជានរណា?")
    assert reply.answered and reply.entry is not None and reply.entry.id == "hun-sen-who"
    assert reply.lang == "km" and reply.answer_lang == "km" and reply.in_khmer
    assert reply.entry.km is not None
    assert reply.answer_text == reply.entry.km.answer and reply.title == reply.entry.km.question
    assert reply.entry.sources  # its English sources go with it


def test_fixture_questions_are_answered_in_khmer(km_answerer: Answerer) -> None:
    """The regression floor of the measurement in the README ("Khmer"): the whole engine on
    the fixture's labelled Khmer questions (70/80 right, 1 wrong, 3/30 false answers)."""
    right = wrong = false = answerable = 0
    for question, expected in labelled_questions():
        reply = km_answerer.ask(question)
        answerable += expected is not None
        if reply.answered and reply.entry is not None:
            assert reply.lang == "km"
            if expected is None:
                false += 1
            elif reply.entry.id == expected:
                right += 1
            else:
                wrong += 1
    unanswerable = len(labelled_questions()) - answerable
    assert right / answerable >= 0.85
    assert wrong / answerable <= 0.03
    assert false / unanswerable <= 0.15


def test_khmer_questions_with_english_terms(km_answerer: Answerer) -> None:
    # the Khmer only asks "what is": the English engine reads "UXO" and the entry has Khmer
    uxo = km_answerer.ask("UXO ជាអ្វី?")
    assert uxo.answered and uxo.entry is not None and uxo.entry.id == "glossary-uxo"
    assert uxo.answer_lang == "km"
    # an entry with no Khmer block: the English answer, for a Khmer message
    erw = km_answerer.ask("ERW ជាអ្វី")
    assert erw.answered and erw.entry is not None and erw.entry.id == "glossary-erw"
    assert erw.lang == "km" and erw.answer_lang == "en" and erw.reason == "english-terms"
    assert erw.answer_text == erw.entry.answer


def test_english_terms_the_english_engine_is_unsure_of_are_not_guessed(
    km_answerer: Answerer,
) -> None:
    """"What is DPICM?": the Khmer index alone would answer the US decision (its alternates
    say DPICM); the English engine ranks the glossary entry first, so the bot asks."""
    reply = km_answerer.ask("DPICM ជាអ្វី")
    assert reply.status == "clarify" and reply.lang == "km"
    assert reply.suggestions[0].id == "glossary-dpicm"


def test_khmer_around_english_terms_that_says_more_is_asked_back(km_answerer: Answerer) -> None:
    # "What did Yang Peou say?": "Yang Peou" finds who he is, the Khmer asks what he said
    reply = km_answerer.ask("Yang Peou និយាយអ្វីខ្លះ")
    assert reply.status == "clarify" and reply.lang == "km"
    assert reply.suggestions[0].id == "yang-peou-who"


def test_khmer_suggestions_are_khmer_questions(km_answerer: Answerer) -> None:
    reply = km_answerer.ask("តើប្រទេសឡាវជាភាគីនៃអនុសញ្ញាស្ដីពីអាវុធចង្កោមទេ")
    assert not reply.answered and reply.suggestions
    blocks = km_blocks()
    assert all(s.question == blocks[s.id]["question"] for s in reply.suggestions)


@pytest.mark.parametrize(
    "text",
    [
        "អាកាសធាតុនៅភ្នំពេញថ្ងៃនេះយ៉ាងម៉េច",  # the weather in Phnom Penh
        "តើខ្ញុំអាចធ្វើម្ហូបអាម៉ុកដោយរបៀបណា",  # how to cook amok
        "ខ្ញុំស្រឡាញ់អ្នក",  # I love you
    ],
)
def test_off_topic_khmer_is_declined_in_khmer(km_answerer: Answerer, text: str) -> None:
    reply = km_answerer.ask(text)
    assert reply.status == "declined" and reply.lang == "km"


def test_khmer_small_talk(km_answerer: Answerer) -> None:
    reply = km_answerer.ask("សួស្ដី")
    assert reply.answered and reply.entry is not None and reply.entry.kind == "about"
    assert reply.reason == "small-talk" and reply.in_khmer


def test_a_khmer_find_gets_the_khmer_safety_advice(km_answerer: Answerer) -> None:
    reply = km_answerer.ask("កូនខ្ញុំរើសបានគ្រាប់បែកតូចមួយនៅក្បែរផ្ទះ តើគួរធ្វើអ្វី?")
    assert reply.answered and reply.reason == "safety" and reply.in_khmer
    assert reply.entry is not None and reply.entry.kind == "safety"


@pytest.fixture(scope="module")
def without_khmer(answerer: Answerer) -> Answerer:
    """The bundled knowledge base with its Khmer text taken out."""
    entries = tuple(e.model_copy(update={"km": None}) for e in answerer.kb.entries)
    return Answerer(answerer.kb.model_copy(update={"entries": entries}))


def test_without_khmer_text_a_find_still_gets_the_safety_advice(without_khmer: Answerer) -> None:
    reply = without_khmer.ask("ខ្ញុំរកឃើញគ្រាប់បែកនៅក្នុងស្រែ តើខ្ញុំគួរធ្វើអ្វី?")
    assert reply.answered and reply.reason == "safety"
    assert reply.lang == "km" and reply.answer_lang == "en"


def test_a_knowledge_base_without_khmer_says_so(without_khmer: Answerer) -> None:
    reply = without_khmer.ask("ហ៊ុន សែន ជានរណា?")
    assert reply.status == "declined" and reply.reason == "no-khmer" and reply.lang == "km"


@pytest.mark.parametrize(
    "text",
    [
        "Что такое CCM?",
        "Кто такой Хун Сен?",
        "Qui est Hun Sen ?",
        "¿Qué pidió Hun Sen a la OTAN?",
        "Was hat Hun Sen über Streumunition gesagt?",
        "洪森是谁？",
    ],
)
def test_other_languages_get_the_languages_notice(
    answerer: Answerer, km_answerer: Answerer, text: str
) -> None:
    for engine in (answerer, km_answerer):
        reply = engine.ask(text)
        assert not reply.answered and reply.entry is None
        assert reply.reason == "other-language" and reply.lang == "other"


def test_typing_khmer_suggests_khmer_entries(km_answerer: Answerer) -> None:
    entries = km_answerer.suggest("ហ៊ុន ម៉ាណែត")
    assert entries and entries[0].id == "hun-manet-who"
    assert all(e.km is not None and e.kind not in ("about", "safety") for e in entries)


def test_a_picked_entry_answers_in_the_language_asked(km_answerer: Answerer) -> None:
    khmer = km_answerer.answer_entry("k5-belt", lang="km")
    english = km_answerer.answer_entry("k5-belt")
    assert khmer is not None and english is not None
    assert khmer.in_khmer and khmer.title == km_blocks()["k5-belt"]["question"]
    assert not english.in_khmer and english.title == "What is the K5 belt?"
    # an entry without Khmer text answers in English, and says so
    erw = km_answerer.answer_entry("glossary-erw", lang="km")
    assert erw is not None and erw.answer_lang == "en"


def test_the_khmer_gate_is_the_measured_one() -> None:
    gate = KhmerGate.load()
    assert gate.provenance["scheme"] == fit_km_gate.ENGINE_SCHEME == "char 2-grams"
    assert NGRAM_SIZES == (2,)
    assert 0 < gate.clarify_at <= gate.answer_at < 1


def test_the_khmer_gate_never_answers_a_question_about_something_else(
    km_answerer: Answerer,
) -> None:
    candidates = km_answerer.khmer.search("តើប្រទេសឡាវជាភាគីនៃ CCM ទេ")
    strict = KhmerGate(answer_at=0.0, clarify_at=0.0)
    assert strict.decide(candidates)[0] == "clarify"

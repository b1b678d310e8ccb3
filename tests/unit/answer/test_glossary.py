"""The Khmer glossary (knowledge/khmer-glossary.yaml, bot/answer/glossary.py): a Khmer question
read in English terms, so that entries without Khmer text can answer it; and the subjects an
entry must mention to answer a question that names them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.answerer import Answerer
from bot.answer.glossary import KhmerGlossary
from bot.kb.loader import KnowledgeBaseError, load_knowledge_base
from tests.paths import ROOT

KNOWLEDGE_DIR = ROOT / "knowledge"
SEEDS_DIR = ROOT / "seeds"


@pytest.fixture(scope="module")
def glossary(answerer: Answerer) -> KhmerGlossary:
    return answerer.glossary


@pytest.mark.parametrize(
    ("khmer", "words"),
    [
        # when did the cluster munitions convention enter into force
        ("អនុសញ្ញាស្តីពីគ្រាប់បែកចង្កោមចូលជាធរមាននៅពេលណា", {"ccm", "entry into force", "when"}),
        # the same with spaces, zero-width spaces and subscript DA
        ("អនុសញ្ញា\u200bស្ដីពី\u200bគ្រាប់បែក ចង្កោម ចូល ជាធរមាន ពេលណា", {"ccm", "when"}),
        # informal spellings and typos: ចង្គោម, បេក, ឆ្នំ, អ៊ុយក្រេន, បុន្មាន
        ("គ្រាប់បេកចង្គោមទៅដល់អ៊ុយក្រេនឆ្នំណា", {"cluster munitions", "ukraine", "what year"}),
        ("ស្លាប់និងរបួសបុន្មាននាក់", {"casualties", "how many"}),
        # ខ្មែរ meaning Cambodia, but ខ្មែរក្រហម is the Khmer Rouge
        ("ខ្មែរចុះហត្ថលេខាហើយឬនៅ", {"cambodia", "signed", "yet"}),
        ("ខ្មែរក្រហមកប់មីន", {"khmer rouge", "laid mines"}),
        # are the injured's families included in the definition?
        ("ក្រុមគ្រួសាររបស់អ្នករបួសត្រូវបានរួមបញ្ចូលក្នុងនិយមន័យទេ", {"families", "include"}),
        # Khmer digits, and Latin words kept as written
        ("CCM មានភាគីប៉ុន្មាននៅឆ្នាំ២០២៣", {"ccm", "states parties", "how many", "2023"}),
    ],
)
def test_khmer_is_read_in_english_terms(
    glossary: KhmerGlossary, khmer: str, words: set[str]
) -> None:
    english = glossary.translate(khmer)
    assert all(w in english for w in words), english


def test_words_inside_other_words_are_not_read() -> None:
    g = KhmerGlossary({"move": ["រើ"], "use": ["ប្រើ"], "landmines": ["មីន"], "march": ["មីនា"]})
    assert g.translate("ប្រើ") == "use"  # not "move": that រើ is a subscript
    assert g.translate("ខែមីនា") == "march"  # the longest word wins


def test_two_questions_joined_by_and_are_two_questions(glossary: KhmerGlossary) -> None:
    # "when did the CCM enter into force, and how many members does it have now"
    english = glossary.translate("CCM ចូលជាធរមានពេលណា ហើយឥឡូវមានសមាជិកប៉ុន្មាន")
    assert english.count("?") == 1 and english.index("when") < english.index("?")


def test_coverage_says_how_much_of_the_message_was_read(glossary: KhmerGlossary) -> None:
    _, most = glossary.read("អនុសញ្ញាស្តីពីគ្រាប់បែកចង្កោមចូលជាធរមាននៅពេលណា")
    _, little = glossary.read("សួស្តី ខ្ញុំស្រឡាញ់ភ្លេង CMAC")  # "hello, I love music, CMAC"
    assert most > 0.9 and little < 0.3


@pytest.mark.parametrize(
    ("khmer", "subject"),
    [
        ("អគ្គនាយកស៊ីម៉ាក់ជានរណា", "director"),  # who is CMAC's director-general
        ("អ្នកដោះមីនបានប្រាក់ខែប៉ុន្មាន", "salary"),  # how much do deminers earn
        ("ថវិការបស់ CMAA ឆ្នាំនេះប៉ុន្មាន", "budget"),  # the CMAA's budget this year
        ("គ្រាប់ផ្លោងមួយគ្រាប់ថ្លៃប៉ុន្មាន", "price"),  # what does one shell cost
        ("ផេករបស់ស៊ីម៉ាក់មានអ្នកតាមដានប៉ុន្មាន", "follower"),  # CMAC's page: how many followers
        ("ផេក CMAC មាន followers ច្រើនទេ", "follower"),  # the subject as an English word
        ("ទំព័រនេះមានអ្នក follow ប៉ុន្មាន", "follower"),  # "follow" starts "follower"
        ("គាត់បានសញ្ញាបត្របណ្ឌិតពីណា", "doctorate"),  # where did he get his doctorate
        ("នរណាច្នៃប្រឌិតមីនដំបូងគេ", "invented"),  # who invented the mine
        ("ណាតូឆ្លើយតបយ៉ាងណាចំពោះរឿងនេះ", "responded"),  # how did NATO respond
        ("ឡាវនឹងចូល CCM នាពេលខាងមុខទេ", "next year"),  # will Laos join in future
    ],
)
def test_subjects_are_found(glossary: KhmerGlossary, khmer: str, subject: str) -> None:
    assert any(s.split("|")[0] == subject for s in glossary.subjects(khmer))


def test_english_words_that_name_no_subject_name_none(glossary: KhmerGlossary) -> None:
    # CCM, UXO, Ukraine (which ends in "rain"), a short "us": no subject
    assert glossary.subjects("CCM និង UXO នៅ ukraine ជាអ្វី us") == []


def test_an_entry_that_never_mentions_the_subject_lacks_it(glossary: KhmerGlossary) -> None:
    [director] = glossary.subjects("អគ្គនាយក CMAC ជានរណា")
    assert glossary.missing_subjects([director], "CMAC is the Cambodian Mine Action Centre")
    assert not glossary.missing_subjects([director], "Its director-general is ...")
    assert not glossary.missing_subjects([director], "", "អគ្គនាយករបស់ CMAC គឺ ...")


@pytest.mark.parametrize(
    "khmer",
    [
        "អគ្គនាយករបស់ស៊ីម៉ាក់ឥឡូវនេះជាអ្នកណា?",  # who is CMAC's director now
        "ថវិការបស់ស៊ីម៉ាក់ក្នុងមួយឆ្នាំមានប៉ុន្មាន?",  # CMAC's yearly budget
        "បុគ្គលិក CMAC បានប្រាក់ខែប៉ុន្មានដុល្លារ?",  # CMAC staff salary in dollars
        "យ៉ង់ ពៅ ស្រុកកំណើតនៅណា?",  # Yang Peou's home town
        "ក្នុងសង្គ្រាមព្រំដែនឆ្នាំ 2025 អ្នកណាបាញ់មុន?",  # who fired first in the 2025 war
        "ទំព័រ Facebook របស់ ហ៊ុន ម៉ាណែត មានអ្នក follow ប៉ុន្មាន?",  # Hun Manet's followers
        "ឡាវនឹងចូលជាភាគី CCM នៅឆ្នាំក្រោយមែនទេ?",  # will Laos join next year (a prediction)
        "យ៉ង់ ពៅ ទទួលបានបរិញ្ញាបត្រពីណា?",  # where did Yang Peou get his degree
        "នរណាច្នៃប្រឌិតគ្រាប់បែកចង្កោមដំបូងគេ?",  # who invented cluster bombs
        "ខេត្តកំពង់ធំនៅសល់ដីមានមីនប៉ុន្មានគីឡូម៉ែត្រការ៉េ?",  # one province's land left
    ],
)
def test_a_question_about_a_subject_no_entry_mentions_is_not_answered(
    answerer: Answerer, khmer: str
) -> None:
    assert not answerer.ask(khmer).answered


@pytest.mark.parametrize(
    ("khmer", "entry_id"),
    [
        ("អនុសញ្ញាស្តីពីគ្រាប់បែកចង្កោមចូលជាធរមាននៅពេលណា?", "ccm-entry-into-force"),
        ("លីទុយអានីដកខ្លួនចេញពីអនុសញ្ញាគ្រាប់បែកចង្កោមហេតុអ្វី?", "lithuania-withdrawal"),
        ("ពូទីនឆ្លើយតបយ៉ាងម៉េចចំពោះការសម្រេចផ្ញើគ្រាប់បែកចង្កោមទៅអ៊ុយក្រែន?", "russia-reaction"),
    ],
)
def test_entries_without_khmer_answer_through_the_glossary(
    answerer: Answerer, khmer: str, entry_id: str
) -> None:
    reply = answerer.ask(khmer)
    assert reply.answered and reply.entry is not None and reply.entry.id == entry_id
    assert reply.lang == "km"
    if reply.entry.km is None:
        assert reply.answer_lang == "en" and reply.reason == "khmer-glossary"


def _copy_knowledge(tmp_path: Path, glossary: str) -> Path:
    target = tmp_path / "knowledge"
    target.mkdir()
    for path in KNOWLEDGE_DIR.glob("*.yaml"):
        (target / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (target / "khmer-glossary.yaml").write_text(glossary, encoding="utf-8")
    return target


def test_a_khmer_word_under_two_terms_is_reported(tmp_path: Path) -> None:
    folder = _copy_knowledge(tmp_path, "words:\n  when: [ពេលណា]\n  what year: [ពេលណា]\n")
    with pytest.raises(KnowledgeBaseError, match=r"khmer-glossary\.yaml:3.*already listed"):
        load_knowledge_base(folder, SEEDS_DIR)


def test_an_unknown_section_is_reported(tmp_path: Path) -> None:
    folder = _copy_knowledge(tmp_path, "word:\n  when: [ពេលណា]\n")
    with pytest.raises(KnowledgeBaseError, match=r"khmer-glossary\.yaml.*'words:'"):
        load_knowledge_base(folder, SEEDS_DIR)


def test_a_latin_word_in_the_glossary_is_reported(tmp_path: Path) -> None:
    folder = _copy_knowledge(tmp_path, "words:\n  ratify: [សច្ចាប័ន, ratify]\n")
    with pytest.raises(KnowledgeBaseError, match=r"khmer-glossary\.yaml:2.*Khmer words only"):
        load_knowledge_base(folder, SEEDS_DIR)


def test_the_glossary_reading_has_its_own_answer_threshold(answerer: Answerer) -> None:
    """`glossary_answer_at` (gate_km.json) replaces the English gate's threshold for a Khmer
    message read through the glossary, and for nothing else."""
    # have the Netherlands joined the CCM yet? country-netherlands has no Khmer text: only
    # the glossary reading can answer it
    text = "ហូឡង់ចូល CCM ហើយឬនៅ?"

    def engine(at: float) -> Answerer:
        gate = answerer.khmer_gate.model_copy(update={"glossary_answer_at": at})
        return Answerer(answerer.kb, matcher=answerer.matcher, gate=answerer.gate, khmer_gate=gate)

    assert engine(0.0).ask(text).answered
    never = engine(1.0)
    assert not never.ask(text).answered
    assert never.ask("why did lithuania withdraw from the ccm").answered  # English: its own gate

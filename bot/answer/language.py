"""Which language a message is in, and Khmer text folded for matching.

The bot answers in English and Khmer. A message is **Khmer** when Khmer script carries it
(U+1780–U+17FF, U+19E0–U+19FF), English terms inside it included ("UXO ជាអ្វី?"); it is
**other** when another script carries it (Cyrillic, Arabic, Thai, CJK...) or when its Latin
words are clearly another language's (French, Spanish, German...: a cheap test on function
words that English never uses, so that "wat is da ccm" or "hun sen est?" stay English); and
**English** otherwise. The examples the thresholds were chosen on are in
tests/unit/answer/test_language.py.

Khmer writes no spaces between words, puts zero-width spaces where a word may break, and
has its own digits; `fold_khmer` makes such text comparable without damaging it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from bot.answer.normalize import Normalizer, strip_discord_markup

Language = Literal["en", "km", "other"]

#: Khmer (U+1780–U+17FF) and Khmer Symbols (U+19E0–U+19FF)
KHMER_RANGES = ((0x1780, 0x17FF), (0x19E0, 0x19FF))
#: a message is Khmer from this many Khmer characters...
MIN_KHMER_CHARS = 2
#: ...when they are at least this share of its Latin letters: "UXO ជាអ្វី?" (6 vs 3) and
#: "Cambodia ចូល CCM ហើយឬនៅ" (9 vs 11) are Khmer, "what does 'ប្រទេសតូច' mean in Hun
#: Sen's tweet" (8 vs 27) is English
KHMER_SHARE_OF_LATIN = 0.5
#: another script is the message's when it has more letters than the Latin ones
MIN_OTHER_LETTERS = 2
#: Khmer that carries a question's grammar, whatever the length of the English terms in it:
#: "តើ Convention on Cluster Munitions ជាអ្វី" is a Khmer question
_KHMER_ASKS = re.compile(
    "តើ|អ្វី|នរណា|អ្នកណា|ពេលណា|ប៉ុន្មាន|ហេតុអ្វី|ហេតុអី|ដូចម្តេច|ដូចម្ដេច|យ៉ាងម៉េច|ឬទេ|មែនទេ"
    "|ហើយឬនៅ|មានន័យ"
)

_KHMER_DIGITS = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")
#: invisible marks that sit inside Khmer words: joiners and the deprecated inherent vowels
_INVISIBLE = re.compile("[\u200c\u200d\u17b4\u17b5\u2060]")
#: zero-width spaces (and the BOM used as one): where a Khmer writer allows a word break
_ZERO_WIDTH_SPACE = re.compile("[\u200b\ufeff]")
#: subscript DA and subscript TA are written for one another (ស្ដី / ស្តី): fold to TA
_COENG_DA = "\u17d2\u178a"
_COENG_TA = "\u17d2\u178f"
#: informal spellings and common typos, read as the usual spelling (both sides of every match
#: go through `fold_khmer`, so the index, the glossary and the safety check all see one form):
#: a vowel left out (ឆ្នំ, អនុសញ្ញ), a sign left out (បុន្មាន), a look-alike consonant or vowel
#: (ចង្គោម, បេក, អ៊ុយក្រេន), and words with two current spellings (អោយ/ឱ្យ/ឲ្យ, សំអាត/សម្អាត)
KHMER_SPELLINGS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(variant), usual)
    for variant, usual in (
        ("ឆ្នំ", "ឆ្នាំ"),
        (r"គ\.?ម\.?[2²](?!\d)", "គីឡូម៉ែត្រការ៉េ "),  # គ.ម២, km²
        ("អនុសញ្ញ(?!ា)", "អនុសញ្ញា"),
        ("សន្ធិសញ្ញ(?!ា)", "សន្ធិសញ្ញា"),
        ("(?<!៉)បុន្មាន|ប៉ុន្នាន", "ប៉ុន្មាន"),
        ("ចង្គោម", "ចង្កោម"),
        ("គ្រាប់បេក", "គ្រាប់បែក"),
        ("អ៊ុយក្រេន|អ៊ុយក្រែណ|អ៊ុយក្រាញ", "អ៊ុយក្រែន"),
        ("អុយក្រែន|អ៊ុយក្រែង", "អ៊ុយក្រែន"),
        ("រុស្សុី|រូស្សី|រុស្សី|រុស្ស៊ុី", "រុស្ស៊ី"),
        # names spelt as they sound: Ly Thuch (លី ធុជ), the Pentagon (មន្ទីរបញ្ចកោណ)
        ("(?<=លី)(\\s?)(?:ធូច|ធូជ|ធុច)", "\\1ធុជ"),
        ("ប៉ង់តាហ្គោន|ប៉ង់តាហ្កោន|ប៉ែនតាហ្គោន", "មន្ទីរបញ្ចកោណ"),
        ("(?<=យ៉ាង|ធ្វើ)មេច", "ម៉េច"),
        ("អោយ|ឱ្យ", "ឲ្យ"),
        ("ពត៌មាន", "ព័ត៌មាន"),
        ("សំលាប់", "សម្លាប់"),
        ("សំអាត", "សម្អាត"),
        ("កំទេច", "កម្ទេច"),
        ("កំចាត់", "កម្ចាត់"),
        ("ហត្តលេខា", "ហត្ថលេខា"),
        ("នាយកដ្ឋមន្ត្រី|នាយករដ្ធមន្ត្រី", "នាយករដ្ឋមន្ត្រី"),
    )
)


#: dependent vowels, signs and the subscript mark (coeng): what continues a Khmer syllable
_KHMER_SIGNS = "\u17b6-\u17d3\u17dd"


def khmer_word(alternatives: str) -> str:
    """A pattern for Khmer words (a regex alternation) that matches whole syllables only.

    Khmer is written without spaces, so a word is searched inside other words: it must not
    start on a subscript (the រើ "move" inside ប្រើ "use" is a subscript RO) nor stop before a
    vowel sign or subscript that carries on its last syllable (មីន "mine" inside ខែមីនា
    "March").

    >>> bool(re.search(khmer_word("រើ"), "ប្រើ")), bool(re.search(khmer_word("មីន"), "ខែមីនា"))
    (False, False)
    >>> bool(re.search(khmer_word("មីន"), "ឃើញមីនមួយ"))
    True
    """
    return rf"(?<!\u17d2)(?:{alternatives})(?![{_KHMER_SIGNS}])"


def is_khmer(char: str) -> bool:
    """A character of the Khmer or Khmer Symbols blocks.

    >>> is_khmer("ក"), is_khmer("៥"), is_khmer("k")
    (True, True, False)
    """
    code = ord(char)  # KHMER_RANGES, spelled out: this runs for every character
    return 0x1780 <= code <= 0x17FF or 0x19E0 <= code <= 0x19FF


def _is_latin_letter(char: str) -> bool:
    return char.isalpha() and "LATIN" in unicodedata.name(char, "")


#: what `str.isalpha` accepts in ASCII, and the Khmer blocks of `is_khmer`, as patterns: the
#: regex engine scans a 1,000-character message in C, not character by character in Python
_ASCII_LETTER = re.compile("[A-Za-z]")
_KHMER_CHAR = re.compile("[\u1780-\u17ff\u19e0-\u19ff]")
#: every ASCII byte but the letters `_ASCII_LETTER` matches
_ASCII_NOT_LETTERS = bytes(c for c in range(128) if not _ASCII_LETTER.match(chr(c)))


def script_counts(text: str) -> tuple[int, int, int]:
    """(Khmer characters, Latin letters, letters of any other script) in `text`."""
    if text.isascii():
        # ASCII: the letters are what is left once every other byte is deleted, in one C
        # pass (a findall made a string per letter: 49 microseconds for a long message)
        return 0, len(text.encode("ascii").translate(None, _ASCII_NOT_LETTERS)), 0
    khmer = latin = other = 0
    for char in text:
        if is_khmer(char):
            khmer += 1
        elif char.isascii():
            latin += char.isalpha()
        elif char.isalpha():
            if _is_latin_letter(char):
                latin += 1
            else:
                other += 1
    return khmer, latin, other


def has_khmer(text: str) -> bool:
    """Any Khmer character at all (a cheap test before the Khmer-only work)."""
    return _KHMER_CHAR.search(text) is not None


def ascii_digits(text: str) -> str:
    """Khmer digits ០–៩ as ASCII digits, nothing else changed.

    >>> ascii_digits("ឆ្នាំ២០២៣")
    'ឆ្នាំ2023'
    """
    return text.translate(_KHMER_DIGITS)


def fold_khmer(text: str) -> str:
    """Khmer (and mixed) text folded for matching: `Normalizer.basic` (markup, NFKC,
    casefold, punctuation), after NFC, zero-width spaces made word breaks, joiners and
    invisible vowels dropped, Khmer digits made ASCII, subscript DA written as TA, and
    informal spellings and common typos read as the usual spelling (`KHMER_SPELLINGS`).

    >>> fold_khmer("ខ្សែក្រវាត់\u200bក៥ ជាអ្វី?")
    'ខ្សែក្រវាត់ ក5 ជាអ្វី'
    >>> fold_khmer("អនុសញ្ញាស្ដីពី UXO") == fold_khmer("អនុសញ្ញាស្តីពី uxo")
    True
    >>> fold_khmer("អ៊ុយក្រេន ឆ្នំណា") == fold_khmer("អ៊ុយក្រែន ឆ្នាំណា")
    True
    """
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH_SPACE.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = text.translate(_KHMER_DIGITS).replace(_COENG_DA, _COENG_TA)
    for variant, usual in KHMER_SPELLINGS:
        text = variant.sub(usual, text)
    return Normalizer.basic(text)


# -- Latin-script languages that are not English -------------------------------------------------
#: function words of other Latin-script languages that English never uses (or uses so rarely
#: that two of them together are not English). Left out on purpose, because English or its
#: chat spelling has them: a i o e y u as is in on to no so do da am an al us me he we be
#: die was den dem son con per come dove hay sin man hat van wat hoe yang dan ay ba po sa
#: hindi also mit wo um em na met dank mon ma par pays sus ai
_FOREIGN_WORDS: dict[str, frozenset[str]] = {
    "fr": frozenset(
        """le la les des du est sont une et que qui quoi pour dans avec sur pas ce cette ces
        il elle ils nous vous je mes ses leur au aux comme mais où quel quelle
        quels quelles combien pourquoi comment quand est-ce est-il est-elle qu'est-ce a-t-il
        y-a-t-il peut-on toujours aussi très bonjour merci salut oui l' d' qu' j' n' c'
        cambodge bombes armes sous-munitions traité été""".split()
    ),
    "es": frozenset(
        """el la los las del es una uno que qué por para como cómo cuál cuáles cuándo cuánto
        cuántos dónde quién quiénes pero está están fue muy hola gracias camboya bombas
        racimo tratado países sobre también lo""".split()
    ),
    "pt": frozenset(
        """os uma é são não dos das que qual quando onde quem como obrigado olá
        camboja bombas tratado países também você""".split()
    ),
    "de": frozenset(
        """der das und ist sind ein eine einer nicht von zu auf für wer wie warum wann
        welche welcher haben ich du sie wir es des hallo danke kambodscha streumunition
        streumunitionen vertrag über""".split()
    ),
    "it": frozenset(
        """il lo la gli della delle di che è sono non cosa perché quando chi quanti
        quante ciao grazie cambogia bombe trattato""".split()
    ),
    "nl": frozenset(
        """de het een en zijn niet waarom wanneer welke heeft hebben ik jij wij cambodja
        clustermunitie verdrag hallo bedankt""".split()
    ),
    "id": frozenset(
        """apa siapa kapan mengapa kenapa bagaimana berapa adalah di ke dari untuk
        dengan ini itu tidak kamboja bom tandan perjanjian terima kasih""".split()
    ),
    "tl": frozenset("ang ng mga ano sino bakit paano kailan ilan".split()),
    "vi": frozenset("là gì của có không những và các được".split()),
}
#: English function words and chat spellings: evidence for English against the lists above
_ENGLISH_WORDS = frozenset(
    """the a an is are was were be been do does did what who whom whose when where why how
    which that this these those it its of in on at to for from with by about and or but not
    no yes i you he she we they me my your our their can could would should will has have had
    if so than then there here just any some all many much more most u ur r y wat wut da dat
    tha dis ya pls plz thx gonna wanna gotta cuz bc abt idk lol ok okay hi hey hello thanks
    what's who's it's i'm isn't don't doesn't didn't""".split()
)
#: each foreign word -> the languages (indices into _FOREIGN_WORDS) that use it
_FOREIGN_INDEX: dict[str, tuple[int, ...]] = {}
for _i, _vocab in enumerate(_FOREIGN_WORDS.values()):
    for _w in _vocab:
        _FOREIGN_INDEX[_w] = (*_FOREIGN_INDEX.get(_w, ()), _i)
_WORD = re.compile(r"(?:[ldjnc]|qu)['’]|[^\W\d_]+(?:[-'’][^\W\d_]+)*")
#: letters only Vietnamese uses: ơ ư đ and the stacked tone marks of Latin Extended Additional
_VIETNAMESE = re.compile("[ơưđƠƯĐ\u1ea0-\u1ef9]")


def _latin_is_foreign(text: str) -> bool:
    """Are the Latin words of this message clearly another language than English?"""
    # (’ read as ' before the words are found, not word by word after: `_WORD` takes
    # either alike, so the words are the same; a long message has hundreds)
    words = _WORD.findall(text.casefold().replace("’", "'"))
    if not words:
        return False
    english = sum(map(_ENGLISH_WORDS.__contains__, words))
    hits = [0] * len(_FOREIGN_WORDS)
    for w in filter(_FOREIGN_INDEX.__contains__, words):
        for i in _FOREIGN_INDEX[w]:
            hits[i] += 1
    best = max(hits)
    accented = 0 if text.isascii() else sum(not w.isascii() for w in words)
    if len(_VIETNAMESE.findall(text)) >= 2:
        return True
    if best >= 2 and best > english:
        return True
    # short messages: one foreign function word with an accent and no English at all
    # ("qué es CCM", "où est Hun Sen"), or a greeting alone ("bonjour", "merci")
    return english == 0 and best >= 1 and (accented >= 1 or len(words) == best)


def detect_language(text: str) -> Language:
    """"km", "en" or "other" for a message (see the module docstring).

    >>> detect_language("ហ៊ុន សែន ជានរណា?"), detect_language("UXO ជាអ្វី?")
    ('km', 'km')
    >>> detect_language("wat is da ccm"), detect_language("Что такое CCM?")
    ('en', 'other')
    >>> detect_language("Qui est Hun Sen ?")
    'other'
    """
    text = strip_discord_markup(text)
    khmer, latin, other = script_counts(text)
    if khmer >= MIN_KHMER_CHARS and (
        khmer >= KHMER_SHARE_OF_LATIN * latin or _KHMER_ASKS.search(text)
    ):
        return "km"
    if other >= MIN_OTHER_LETTERS and other > latin + khmer:
        return "other"
    if _latin_is_foreign(text):
        return "other"
    return "en"

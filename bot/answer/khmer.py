"""The Khmer index: rank entries that have Khmer text (`Entry.km`) for a Khmer question.

Khmer writes no spaces between words, so words cannot be split on spaces. The index compares
**character n-grams** of the Khmer text (spaces removed, so that "ហ៊ុន សែន", "ហ៊ុនសែន" and
"ហ៊ុន\u200bសែន" are the same), plus the Latin words and numbers a mixed message carries
("CCM", "UXO", "K5", "2023"). N-grams were measured against word segmentation with
khmer-nltk on the same scorer (the README, "Khmer"; `python -m bot.quality.fit_km_gate`): they
found as many right entries, need no model, and cost a fraction of the time.

The scorer follows the English matcher's ideas (bot/answer/matcher.py) on these features:
every feature weighs its IDF over entries, so grams of "តើ...ជាអ្វី" (what is...) weigh
little and grams of "ឡាវ" (Laos) a lot; the score mixes the best phrasing's weighted overlap
(an F-score leaning to recall), a character ratio with that phrasing, and the share of the
question found anywhere in the entry, its Khmer answer included at a lower credit. Features
no entry has weigh heavily and match nothing: a question about something the index does not
cover loses recall.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.answer.language import fold_khmer, is_khmer, khmer_word
from bot.answer.unconfirmed import unconfirmed_years

#: n-gram sizes over Khmer characters (code points)
NGRAM_SIZES: tuple[int, ...] = (2,)
PHRASING_SHARE = 0.3
CHAR_SHARE = 0.3
RECALL_EMPHASIS = 1.5
#: a question feature found only in the Khmer answer counts this much
ANSWER_CREDIT = 0.7
#: features no entry has weigh this share of the rarest feature's weight
UNKNOWN_WEIGHT_SHARE = 0.8
#: a Latin word or number is one feature where a Khmer word is several n-grams: it weighs
#: this many times its IDF, so "CCM", "UXO" or "Biden" count like a Khmer word
LATIN_WORD_WEIGHT = 3.0
#: each name in the question that an entry never mentions scales its score by this
MISSING_NAME_FACTOR = 0.85

#: names a Khmer question can be about (countries, people, organisations), spaces removed:
#: an entry that never mentions one the question names is not its answer ("តើប្រទេសឡាវជាភាគី
#: នៃ CCM ទេ" is about Laos, not Cambodia). Khmer has no capital letters to find names by,
#: so they are listed; Latin names in a mixed message are checked by the English matcher.
KHMER_NAMES: tuple[str, ...] = (
    # countries and places
    "កម្ពុជា", "ឡាវ", "ថៃ", "វៀតណាម", "រុស្ស៊ី", "ចិន", "អ៊ុយក្រែន", "អាមេរិក", "អង់គ្លេស",
    "អេស្ប៉ាញ", "អាល្លឺម៉ង់", "កាណាដា", "លីទុយអានី", "បារាំង", "ជប៉ុន", "ន័រវែស", "អៀរឡង់",
    "អូស្ត្រាលី", "ឥណ្ឌា", "ប៉ាគីស្ថាន", "អ៊ីស្រាអែល", "ស៊ីរី", "លីបង់", "អ៊ីរ៉ាក់", "វ៉ានូអាទូ",
    "សៀមរាប", "បាត់ដំបង", "ប៉ៃលិន", "ឧត្តរមានជ័យ", "ព្រះវិហារ", "បន្ទាយមានជ័យ",
    # more provinces (not Kep, កែប, inside កែប្រែ "to change"; nor Kandal, កណ្តាល "middle")
    "ពោធិ៍សាត់", "កំពង់ចាម", "កំពង់ធំ", "កំពង់ស្ពឺ", "កំពង់ឆ្នាំង", "កំពត", "កោះកុង", "ក្រចេះ",
    "ស្ទឹងត្រែង", "រតនគិរី", "មណ្ឌលគិរី", "ព្រះសីហនុ", "តាកែវ", "ព្រៃវែង", "ស្វាយរៀង",
    "ត្បូងឃ្មុំ",
    "អូស្លូ", "អូតាវ៉ា", "ឌុយប្លាំង", "ហ្សឺណែវ",
    # more countries with a row in the country table (knowledge/countries.yaml)
    "អាហ្វហ្គានីស្ថាន", "អាហ្វកានីស្ថាន", "អូទ្រីស", "បែលហ្ស៊ិក", "ឈីលី", "កូឡុំប៊ី",
    "ក្រូអាស៊ី", "គុយបា", "សាធារណរដ្ឋឆេក", "ឆេក", "ដាណឺម៉ាក", "អ៊ីតាលី", "ម៉ិកស៊ិក", "ហូឡង់",
    "នេទែរឡែន", "នូវែលសេឡង់", "ញូវហ្ស៊ីឡែន", "នីហ្សេរីយ៉ា", "ហ្វីលីពីន", "ព័រទុយហ្គាល់",
    "អាហ្វ្រិកខាងត្បូង", "ស៊ុយអែត", "ស្វីស", "ស៊ូដង់ខាងត្បូង", "ឥណ្ឌូណេស៊ី", "ប្រេស៊ីល",
    "កូរ៉េខាងត្បូង", "កូរ៉េ", "អាហ្សង់ទីន", "ហ្វាំងឡង់", "ក្រិក", "ប៉ូឡូញ", "អេស្តូនី",
    "ឡេតូនី", "រូម៉ានី", "អេហ្ស៊ីប", "អារ៉ាប៊ីសាអូឌីត", "តួកគី", "បង់ក្លាដែស", "នេប៉ាល់",
    "ស្រីលង្កា", "ម៉ុលដាវី", "បួគីណាហ្វាសូ", "ហុងគ្រី", "ប៊ុលហ្គារី", "វ៉េណេស៊ុយអេឡា", "ណូរូ",
    # people
    "ហ៊ុនសែន", "ហ៊ុនម៉ាណែត", "បៃដិន", "ពូទីន", "ហ្សេលេនស្គី", "លីធុជ", "យ៉ាងពៅ", "ប៉ុលពត",
    "សុលលីវ៉ាន់", "ត្រាំ",
    # organisations
    "ណាតូ", "អូតង់", "អង្គការសហប្រជាជាតិ", "ស៊ីម៉ាក់", "មន្ទីរបញ្ចកោណ",
)

#: other words for a listed name, read as it when looking for names: ខ្មែរ (Khmer: the people,
#: and in speech the country) names Cambodia, but not in ខ្មែរក្រហម (the Khmer Rouge) nor
#: ភាសាខ្មែរ (the Khmer language); សៀម is Thailand's old name
KHMER_NAME_ALIASES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile("(?<!ភាសា)ខ្មែរ(?!ក្រហម)"), "កម្ពុជា"),
    (re.compile("សៀម(?!រាប)"), "ថៃ"),
)

#: a Khmer run (its inner spaces kept), or a Latin word or number (never Khmer letters: "92មក"
#: is the number 92 then Khmer, not one word)
_RUN = re.compile(
    r"[\u1780-\u17ff\u19e0-\u19ff]+(?: [\u1780-\u17ff\u19e0-\u19ff]+)*"
    r"|[^\W_\u1780-\u17ff\u19e0-\u19ff]+"
)

Features = Callable[[str], list[str]]
#: a year a question names (1900-2099), checked like a name
_YEAR = re.compile(r"(?:19|20)\d\d")


def runs(folded: str) -> list[tuple[bool, str]]:
    """(is Khmer, text) pieces of folded text: Khmer runs with their spaces removed, and
    Latin words or numbers one by one.

    >>> runs("តើ ccm មាន ប្រទេស ប៉ុន្មាន")
    [(True, 'តើ'), (False, 'ccm'), (True, 'មានប្រទេសប៉ុន្មាន')]
    """
    out: list[tuple[bool, str]] = []
    for match in _RUN.finditer(folded):
        piece = match.group(0)
        if is_khmer(piece[0]):
            out.append((True, piece.replace(" ", "")))
        else:
            out.append((False, piece))
    return out


def char_ngrams(folded: str, sizes: Sequence[int] = NGRAM_SIZES) -> list[str]:
    """Features of folded text: n-grams of each Khmer run, and each Latin word or number.

    >>> char_ngrams("uxo ជាអ្វី")
    ['w:uxo', 'ជា', 'ាអ', 'អ្', '្វ', 'វី']
    """
    out: list[str] = []
    for khmer, piece in runs(folded):
        if not khmer:
            out.append(f"w:{piece}")
            continue
        for n in sizes:
            if len(piece) < n:
                out.append(piece)
                continue
            out.extend(piece[i : i + n] for i in range(len(piece) - n + 1))
    return out


def khmer_only(folded: str) -> str:
    """The Khmer characters of folded text, spaces removed: what the character ratio sees."""
    return "".join(piece for khmer, piece in runs(folded) if khmer)


@dataclass(frozen=True, slots=True)
class KhmerCandidate:
    """An entry's best Khmer phrasing for a question, with the evidence behind its score."""

    entry_id: str
    score: float
    phrasing: str
    overlap: float  # the best phrasing's weighted F-score
    char: float  # character ratio with that phrasing, 0..1
    coverage: float  # share of the question's weight found anywhere in the entry
    unknown: float  # share of the question's weight no entry has
    #: names in the question (Khmer, or Latin names) that the entry never mentions
    missing: tuple[str, ...] = ()


@dataclass(slots=True)
class _Phrasing:
    entry: int
    original: str
    features: frozenset[int]
    weight: float
    chars: str


class KhmerIndex:
    """An immutable index over the Khmer question, alternates and answer of entries.

    `texts` are (entry id, Khmer phrasings, Khmer answer, the entry's English text); the
    English text only says which names the entry mentions. `features` turns folded text into
    features (character n-grams by default; the measurement swaps in word segmentation).
    `is_latin_name` says which Latin words of a mixed question are names ("biden", "laos").
    """

    def __init__(
        self,
        texts: Iterable[tuple[str, Sequence[str], str, str]],
        features: Features = char_ngrams,
        is_latin_name: Callable[[str], bool] = lambda word: False,
    ) -> None:
        self._features = features
        self._is_latin_name = is_latin_name
        #: each entry's Khmer text (spaces removed) and Latin words: what names it mentions
        self._mentions: list[tuple[str, frozenset[str]]] = []
        self._entry_ids: list[str] = []
        self._vocab: dict[str, int] = {}
        self._phrasings: list[_Phrasing] = []
        raw: list[tuple[int, str, set[int], str]] = []
        self._phrasing_bag: list[set[int]] = []
        self._answer_bag: list[set[int]] = []
        for entry_id, phrasings, answer, english in texts:
            e = len(self._entry_ids)
            self._entry_ids.append(entry_id)
            every = [fold_khmer(t) for t in (*phrasings, answer, english)]  # folded once
            mentioned = "".join(khmer_only(t) for t in every)
            for alias, name in KHMER_NAME_ALIASES:
                mentioned = alias.sub(name, mentioned)
            latin = frozenset(p for t in every for k, p in runs(t) if not k)
            # a year the answer names only to say its figure could not be confirmed is not
            # one the entry holds, unless a phrasing asks about it
            asked = frozenset(p for t in every[: len(phrasings)] for k, p in runs(t) if not k)
            self._mentions.append((mentioned, latin - (unconfirmed_years(english) - asked)))
            bag: set[int] = set()
            for phrasing, folded in zip(phrasings, every, strict=False):
                ids = {self._id(f) for f in features(folded)}
                if ids:
                    raw.append((e, phrasing, ids, khmer_only(folded)))
                    bag |= ids
            self._phrasing_bag.append(bag)
            folded_answer = every[len(phrasings)]
            self._answer_bag.append({self._id(f) for f in features(folded_answer)} - bag)
        n = max(len(self._entry_ids), 1)
        df: dict[int, int] = defaultdict(int)
        for e in range(len(self._entry_ids)):
            for t in self._phrasing_bag[e] | self._answer_bag[e]:
                df[t] += 1
        self._weights = [0.0] * len(self._vocab)
        for feature, t in self._vocab.items():
            idf = math.log(1.0 + (n - df[t] + 0.5) / (df[t] + 0.5))
            self._weights[t] = idf * (LATIN_WORD_WEIGHT if feature.startswith("w:") else 1.0)
        self._unknown_weight = UNKNOWN_WEIGHT_SHARE * math.log(1.0 + (n - 0.5) / 1.5)
        self._postings: dict[int, list[int]] = defaultdict(list)
        for e, original, ids, chars in raw:
            index = len(self._phrasings)
            weight = sum(self._weights[t] for t in ids) or 1e-9
            self._phrasings.append(_Phrasing(e, original, frozenset(ids), weight, chars))
            for t in ids:
                self._postings[t].append(index)

    def _id(self, feature: str) -> int:
        return self._vocab.setdefault(feature, len(self._vocab))

    def _weight(self, feature: str, t: int | None) -> float:
        if t is not None:
            return self._weights[t]
        latin = feature.startswith("w:")
        return self._unknown_weight * (LATIN_WORD_WEIGHT if latin else 1.0)

    def names(self, folded: str) -> list[str]:
        """The names a folded question mentions: listed Khmer names, and Latin names."""
        chars = khmer_only(folded)
        for alias, name in KHMER_NAME_ALIASES:
            chars = alias.sub(name, chars)
        found = [n for n in KHMER_NAMES if n in chars]
        # "អាមេរិក" inside "សហរដ្ឋអាមេរិក" is one name, not two
        found = [n for n in found if not any(n != m and n in m for m in found)]
        found += [p for k, p in runs(folded) if not k and self._is_latin_name(p)]
        # a year is asked about like a name: "casualties in 2024" is not answered by 2023's
        found += [p for k, p in runs(folded) if not k and _YEAR.fullmatch(p) and p not in found]
        return found

    def missing_names(self, names: Sequence[str], entry: int) -> tuple[str, ...]:
        """The names an entry never mentions, in Khmer or in English."""
        chars, words = self._mentions[entry]
        return tuple(n for n in names if n not in chars and n not in words)

    def __len__(self) -> int:
        """How many entries the index holds."""
        return len(self._entry_ids)

    def phrasings(self) -> list[tuple[str, str]]:
        """(entry id, phrasing as written) for every indexed Khmer phrasing."""
        return [(self._entry_ids[p.entry], p.original) for p in self._phrasings]

    def search(self, text: str, *, limit: int = 5) -> list[KhmerCandidate]:
        """Best phrasing per entry for a message, best entries first (at most `limit`)."""
        folded = fold_khmer(text)
        terms: dict[int | str, float] = {}
        for feature in self._features(folded):
            t = self._vocab.get(feature)
            terms[t if t is not None else feature] = self._weight(feature, t)
        total = sum(terms.values())
        if not terms or total <= 0:
            return []
        unknown = sum(w for t, w in terms.items() if isinstance(t, str)) / total
        known = {t: w for t, w in terms.items() if isinstance(t, int)}
        matched: dict[int, tuple[float, float]] = defaultdict(lambda: (0.0, 0.0))
        for t, w in known.items():
            for index in self._postings.get(t, ()):
                got, own = matched[index]
                matched[index] = (got + w, own + w)
        chars = khmer_only(folded)
        names = self.names(folded)
        b2 = RECALL_EMPHASIS**2
        coverage: dict[int, float] = {}
        missing: dict[int, tuple[str, ...]] = {}
        best: dict[int, KhmerCandidate] = {}
        for index, (got, own) in matched.items():
            phrasing = self._phrasings[index]
            e = phrasing.entry
            recall, precision = got / total, own / phrasing.weight
            f = (1 + b2) * recall * precision / (b2 * precision + recall)
            if e not in coverage:
                coverage[e] = self._coverage(known, total, e)
                missing[e] = self.missing_names(names, e)
            char = fuzz.ratio(chars, phrasing.chars) / 100.0 if chars else 0.0
            score = MISSING_NAME_FACTOR ** len(missing[e]) * (
                PHRASING_SHARE * f
                + CHAR_SHARE * char
                + (1 - PHRASING_SHARE - CHAR_SHARE) * coverage[e]
            )
            current = best.get(e)
            if current is None or score > current.score:
                best[e] = KhmerCandidate(
                    entry_id=self._entry_ids[e],
                    score=min(score, 1.0),
                    phrasing=phrasing.original,
                    overlap=f,
                    char=char,
                    coverage=coverage[e],
                    unknown=unknown,
                    missing=missing[e],
                )
        ranked = sorted(best.values(), key=lambda c: (-c.score, c.entry_id))
        return ranked[:limit]

    def _coverage(self, known: dict[int, float], total: float, entry: int) -> float:
        phrasings, answer = self._phrasing_bag[entry], self._answer_bag[entry]
        covered = 0.0
        for t, w in known.items():
            if t in phrasings:
                covered += w
            elif t in answer:
                covered += w * ANSWER_CREDIT
        return covered / total


#: words that ask but say nothing of what is asked about: "what", "who", "is", "what does it
#: mean", "the word", "explain", "please", particles and pronouns. "When", "why", "how" and
#: "how many" are not among them: they change the question. What is left once they are gone
#: is what a Khmer message says beyond its English words ("UXO ជាអ្វី?" leaves nothing)
KHMER_FUNCTION_WORDS: tuple[str, ...] = tuple(
    sorted(
        """តើ ជា គឺ គឺជា អ្វី អី អ្វីខ្លះ ខ្លះ នរណា អ្នកណា ណា ទេ ឬទេ ឬ អត់ មែនទេ មែន
        ដែរ ហើយ ឬនៅ នៅ មានន័យ ន័យ អត្ថន័យ មានន័យដូចម្តេច មានន័យយ៉ាងម៉េច មានន័យថាម៉េច
        មានន័យយ៉ាងដូចម្តេច ថា សូម ពន្យល់ ប្រាប់ ខ្ញុំ ពី អំពី នៃ និង បាទ ចាស
        បង បាន ដឹង ចង់ ពាក្យ ជាភាសាខ្មែរ ភាសា ជួយ ផង គេ របស់ នេះ នោះ វា ឱ្យ អោយ ឲ្យ
        ការ ក៏ ដែល""".split(),
        key=len,
        reverse=True,
    )
)
_FUNCTION_RE = re.compile("|".join(re.escape(w) for w in KHMER_FUNCTION_WORDS))
#: a Khmer consonant or independent vowel: what a word needs to be one
_KHMER_LETTER = re.compile(r"[\u1780-\u17b3]")


def khmer_content(folded: str) -> str:
    """The Khmer of folded text less its function words: empty when the Khmer only asks.

    >>> khmer_content("uxo ជាអ្វី"), khmer_content("uxo មានន័យដូចម្តេច")
    ('', '')
    >>> bool(khmer_content("តើ ccm មានប្រទេសប៉ុន្មាន")), bool(khmer_content("ccm ពេលណា"))
    (True, True)
    """
    rest = _FUNCTION_RE.sub("", khmer_only(folded))
    return rest if _KHMER_LETTER.search(rest) else ""


#: what a Khmer asker puts before the question itself ("I teach at the pagoda school, I want to
#: know that ..."): the words after the last of these are the question, the words before say
#: who asks. Longest first, whole syllables only
_ASK_LEADS = tuple(
    """ចង់ដឹងថា សូមសួរថា សុំសួរថា ចង់សួរថា សូមសាកសួរថា ចង់ដឹងពី ចង់ដឹង សូមសួរ សុំសួរ ចង់សួរ
    សួរខ្ញុំថា សួរថា សួរមួយទៀត""".split()
)
_ASK_LEAD = re.compile(khmer_word("|".join(re.escape(w) for w in _ASK_LEADS)))
#: what someone told the asker, put before the question ("my grandfather always tells us
#: that ...", "a friend told me that ...", "I heard that ..."): the words before are who asks
#: only when the asker is in them (a speaker, `_SPEAKER`); "CMAA says that..." is a source
_TOLD_LEAD = re.compile(
    khmer_word("និទានថា|ប្រាប់ខ្ញុំថា|ប្រាប់ថា|ឮគេថា|ឮថា|លឺថា|ឮគេនិយាយថា|គេនិយាយថា")
)
#: the invisible word break some keyboards put between Khmer words
_ZERO_WIDTH_SPACE = "\u200b"
#: a sentence and its closing marks ("?", "។"...)
_SENTENCE = re.compile(r"[^?？!។៕\n]+[?？!។៕\n]*")
#: what makes a Khmer sentence a question: a question word (whole syllables), or a "?"
_KHMER_QUESTION = re.compile(
    khmer_word(
        "តើ|អ្វី|អី|អីគេ|នរណា|អ្នកណា|ពេលណា|ថ្ងៃណា|ឆ្នាំណា|ខែណា|នៅណា|ណាខ្លះ|មួយណា|ប្រទេសណា"
        "|ប៉ុន្មាន|ហេតុអ្វី|ហេតុអី|ដូចម្តេច|ម៉េច|ឬទេ|ទេ|អត់|ឬអត់|មែនទេ|ហើយឬនៅ|ឬនៅ|ទីណា|កន្លែងណា"
    )
)


#: the speaker, or someone they talk about or to, in a sentence: "I", "we", a monk's "I",
#: greetings and thanks, "yes", kin: a sentence with one and no question tells who asks
_SPEAKER = re.compile(
    khmer_word(
        "ខ្ញុំ|អាត្មា|យើង|សួស្តី|ជម្រាបសួរ|អរគុណ|ចាស|បាទ|បងៗ|ឪពុក|ម្តាយ|ម៉ែ|យាយ|លោកតា|ជីតា"
        "|ចៅៗ|ប្អូនៗ|គ្រួសារខ្ញុំ"
    )
)
#: a question that points back to the sentence before: it, this, that, he or she, they;
#: not "like him" or "like that" (ដូចគាត់, ដូចនោះ: others like the one told of, a comparison)
_POINTER = re.compile(
    khmer_word(
        "វា|(?<!ឥឡូវ)(?<!ឆ្នាំ)(?<!ខែ)(?<!ថ្ងៃ)(?<!បច្ចុប្បន្ន)(?<!ដូច)នេះ|(?<!ដូច)នោះ|(?<!ដូច)គាត់"
        "|ពួកគេ"
    )
)


def asks_km(text: str) -> bool:
    """Khmer text asks something: a question word or a "?" (a list of keywords does not).

    >>> asks_km("CCM ជាអ្វី"), asks_km("គ្រាប់បែកចង្កោម NATO 2023")
    (True, False)
    """
    return "?" in text or "？" in text or _KHMER_QUESTION.search(fold_khmer(text)) is not None


def khmer_focus(text: str) -> str:
    """The part of a Khmer message that asks: its question sentences when others only tell
    who asks or why ("When I was a boy I saw the B-52s. From which year to which year did the
    US bomb Cambodia?"), from the last "I want to know that..." on. A message that is one
    sentence, or all questions, is read whole; so is one whose focus would have no Khmer word.

    >>> khmer_focus("ខ្ញុំជាគ្រូ។ CCM ចូលជាធរមានពេលណា?")
    'CCM ចូលជាធរមានពេលណា?'
    >>> khmer_focus("ខ្ញុំបង្រៀននៅវត្ត ចង់ដឹងថា CCM ចូលជាធរមានពេលណា")
    'CCM ចូលជាធរមានពេលណា'
    """
    text = text.replace(_ZERO_WIDTH_SPACE, "")  # "សួរ\u200bខ្ញុំថា" is the lead "សួរខ្ញុំថា"
    sentences = [m.group(0) for m in _SENTENCE.finditer(text) if m.group(0).strip()]
    asking = [
        s for s in sentences if "?" in s or "？" in s or _KHMER_QUESTION.search(fold_khmer(s))
    ]
    # a statement without the speaker in it is context ("The Ottawa treaty bans mines. When
    # did Cambodia join?"), and a question that points back ("what does it do?") needs it
    kept = [
        s
        for s in sentences
        if s in asking or (_KHMER_LETTER.search(s) and not _SPEAKER.search(fold_khmer(s)))
    ]
    if any(_POINTER.search(fold_khmer(s)) for s in asking):
        kept = sentences
    focus = " ".join(s.strip() for s in kept) if asking else text
    leads = list(_ASK_LEAD.finditer(focus))
    if leads:
        rest = focus[leads[-1].end() :].strip()
        if _KHMER_LETTER.search(rest) and _KHMER_QUESTION.search(fold_khmer(rest)):
            focus = rest
    return _after_what_was_told(focus).strip() if _KHMER_LETTER.search(focus) else text


def _after_what_was_told(focus: str) -> str:
    """The question after "my grandfather tells us that..." when the asker is in the words
    before and the rest asks something of its own (more than its question words: "a friend
    told me that... what?" keeps what was told)."""
    told = [
        m for m in _TOLD_LEAD.finditer(focus) if _SPEAKER.search(fold_khmer(focus[: m.start()]))
    ]
    if not told:
        return focus
    rest = focus[told[-1].end() :].strip()
    folded = fold_khmer(rest)
    content = khmer_content(folded)
    if _KHMER_QUESTION.search(folded) and len(content) >= MIN_QUESTION_CONTENT:
        return rest
    return focus


#: a piece of a message with fewer Khmer characters than this beyond its question words
#: ("ឆ្នាំណា", what year) is not a question of its own
MIN_QUESTION_CONTENT = 6
#: "and" between two questions: "X ពេលណា ហើយ Y ប៉ុន្មាន" asks two things when a question word
#: comes right before it (Khmer puts the question word at the end of a clause)
_KHMER_AND = re.compile(khmer_word("ហើយ|ចុះ|និង"))


def khmer_questions(focus: str) -> list[str]:
    """The questions of a Khmer message's focus, in order: its sentences, each also cut at an
    "and" (ហើយ, ចុះ, និង) that follows a question word. A piece that says nothing beyond
    asking ("ឆ្នាំណា?", what year?) stays with the question before it.

    >>> khmer_questions("CCM ចូលជាធរមានពេលណា ហើយឥឡូវមានសមាជិកប៉ុន្មាន?")
    ['CCM ចូលជាធរមានពេលណា', 'ឥឡូវមានសមាជិកប៉ុន្មាន?']
    >>> khmer_questions("Oslo Process ជាអ្វី? ឆ្នាំណា?")
    ['Oslo Process ជាអ្វី? ឆ្នាំណា?']
    """
    pieces: list[str] = []
    for sentence in (m.group(0).strip() for m in _SENTENCE.finditer(focus)):
        start = 0
        for cut in _KHMER_AND.finditer(sentence):
            before = fold_khmer(sentence[start : cut.start()])
            last = list(_KHMER_QUESTION.finditer(before))
            if last and not before[last[-1].end() :].strip():
                pieces.append(sentence[start : cut.start()].strip())
                start = cut.end()
        pieces.append(sentence[start:].strip())
    out: list[str] = []
    context = ""  # a statement goes with the question after it
    for piece in (p for p in pieces if p):
        if not asks_km(piece):
            context = f"{context} {piece}".strip()
            continue
        folded = fold_khmer(piece)
        latin = any(not k for k, _ in runs(folded))
        if out and not latin and len(khmer_content(folded)) < MIN_QUESTION_CONTENT:
            out[-1] = f"{out[-1]} {context} {piece}".replace("  ", " ")
        else:
            out.append(f"{context} {piece}".strip())
        context = ""
    if context:
        out = [*out[:-1], f"{out[-1]} {context}"] if out else [context]
    return out

"""Recognise a message from someone who has found (or is near) a suspected explosive.

Such a message gets the official safety advice and nothing else, before any other matching:
a treaty answer or a "did you mean" list is the wrong reply to "my kids found a metal ball in
the field". Two things must be present: a thing that may explode (a mine, a bomblet, a shell,
"a rusty metal ball"...) and a situation (someone found, saw or dug it up; it is lying
somewhere; or the person asks whether to touch, open, move, keep or sell it, or whether it is
still live). Questions about mines in general ("how many mines has Cambodia cleared", "does the
CCM ban mines") have the thing but not the situation, and go on to ordinary matching.

The patterns run on `Normalizer.basic` text: lower case, accents and punctuation folded,
"there's" -> "theres", "don't" -> "do not". Khmer messages go through Khmer patterns of the
same shape (`reports_a_find_km`), on Khmer text with its spaces removed, since Khmer writers
space words as they like; the wordings they were tested on are in
tests/unit/answer/test_safety_km.py.
"""

from __future__ import annotations

import re

from bot.answer.khmer import runs
from bot.answer.language import fold_khmer, has_khmer
from bot.answer.normalize import Normalizer

_EXPLOSIVE = (
    r"(?:land ?mines?|mines?|bombs?|bomblets?|shells?|grenades?|uxos?|erws?"
    r"|bombies?|(?:unexploded )?ordn?[ai]nces?|explosives?|submunitions?|munitions?"
    r"|rockets?|mortars?"
    r"|projectiles?|missiles?|warheads?|detonators?|fuzes?|artillery rounds?|cluster rounds?"
    r"|duds?|(?:bomb|shell|mine) casings?|cluster (?:bombs?|munitions?))"
)
#: "a rusty metal ball", "a strange tube thing": what people call an object they can't name
_SUSPICIOUS_OBJECT = (
    r"(?:metal|metallic|rusty|rusted|strange|weird|odd|suspicious|unknown|old|green|round)"
    r"(?: \w+){0,3} (?:ball|balls|thing|things|object|objects|tube|tubes|can|cylinder|"
    r"canister|item|piece|pipe|bottle)"
)
_THING = rf"(?:{_EXPLOSIVE}|{_SUSPICIOUS_OBJECT})"
#: someone came upon it
_FOUND = (
    r"(?:found|find|finds|finding|discovered|discover|dug up|dig up|digging up|digs up|unearthed"
    r"|spotted|spot|saw|see|seen|noticed|came across|come across|stumbled|stepped on|picked up"
    r"|pick up|uncovered|ploughed up|plowed up|turned up|washed up)"
)
#: it is lying somewhere near people
_LYING = (
    r"(?:theres|there is|there are|there (?=an? |some )|lying|laying|sticking out|poking out"
    r"|half buried"
    r"|partly buried|buried|in (?:my|our|the|his|her|their) (?:field|garden|yard|farm|backyard|"
    r"rice field|paddy|house|land|village|school|road)|near (?:my|our|the) (?:house|home|school|"
    r"farm|village|road)|under (?:my|our|his|her|the) house)"
)
#: the person asks what to do with it
_HANDLING = (
    r"(?:open|opening|sell|selling|scrap|move|moving|remove|removing|pick (?:it|them) up"
    r"|touch|touching|kick|carry|keep|defuse|disarm|dismantle|burn|hit|cut|take (?:it|them) "
    r"(?:to|home)|bring (?:it|them) (?:to|home)|throw|still live|still active|still dangerous"
    r"|is it (?:safe|dangerous|live|alive|active)|explode|blow up|what (?:do|should|can) "
    r"(?:i|we|they|he|she) do(?! to (?:help|stop|support|campaign|ban|end|change))"
    r"|who (?:do|should) (?:i|we) (?:call|tell)|report it)"
)
#: someone in the story ("us" is left out: it is also the United States)
_PERSONAL = (
    r"\b(?:i|im|ive|id|we|weve|my|our|me|someone|somebody|kids?|children|child|son|daughter"
    r"|cousin|uncle|aunt|grandma|grandpa|grandmother|grandfather|grandparents|neighbou?rs?"
    r"|friends?|farmers?|villagers?|fixer|brother|sister|dad|mom|mum|father|mother|wife"
    r"|husband|family|boy|girl)\b"
)
_THIRD_PERSON = r"\b(?:he|she|they)\b"
#: "is it safe to touch...", "how do i open...": asking for oneself without saying who
_ASKING_FOR_ONESELF = r"\b(?:is it|how do (?:i|you)|how can (?:i|you)|should (?:i|you|we))\b"
#: statistics and treaty questions: "how many mines were found", "mines found per year"
_STATISTICS = re.compile(
    r"\bhow (?:many|much)\b|\bper year\b|\bevery year\b|\bsince 19\d\d\b|\bin total\b|\bstatistics"
)

#: words between the situation and the thing: a few, and none that makes the thing a topic
#: ("found an article about cluster bombs", "find information on mines") rather than an object
_GAP = r"(?:\s+\w+){0,10}?\s+"
_TOPIC_WORDS = frozenset(
    """information info article articles video videos news picture pictures photo photos
    image images number numbers figure figures data answer answers story stories report
    reports book books page pages website websites site source sources documentary movie
    film post posts tweet tweets list map maps statistics stats details explanation history
    shares stock stocks investment investments company companies campaign""".split()
)
#: "could not find", "where can i find", "how do i find": looking for information, not a find
_NOT_A_FIND = re.compile(
    r"\b(?:not|never|cant|cannot|couldnt|didnt|dont|doesnt|wont|where (?:can|do|could|would)"
    r" (?:i|we|you|one)|how (?:do|can|could|would) (?:i|we|you|one)|how to|trying to|to) "
    rf"{_FOUND}$"
)


def _pattern(first: str, second: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?P<first>{first})\b(?P<gap>{_GAP})(?P<second>{second})\b")


_FOUND_THING = re.compile(
    rf"\b(?P<first>{_FOUND})\b(?!\s+out\b)(?P<gap>{_GAP})(?P<second>{_THING})\b"
)
_THING_FOUND = re.compile(
    rf"\b(?:{_THING})\b(?P<gap>(?:\s+\w+){{0,4}}?)\s+(?:that |which )?"
    rf"(?:i|we|my \w+|our \w+|he|she|they|someone|kids?|children)\s+(?:{_FOUND})\b"
)
_LYING_THING = _pattern(_LYING, _THING)
_THING_LYING = re.compile(
    rf"\b(?P<first>{_THING})\b(?P<gap>(?:\s+\w+){{0,9}}?\s+)(?P<second>{_LYING})\b"
)
_HANDLING_THING = _pattern(_HANDLING, _THING)
_THING_HANDLING = _pattern(_THING, _HANDLING)
_PERSONAL_RE = re.compile(_PERSONAL)
_THIRD_PERSON_RE = re.compile(_THIRD_PERSON)
_ASKING_FOR_ONESELF_RE = re.compile(_ASKING_FOR_ONESELF)


def _object_of(pattern: re.Pattern[str], text: str, *, verb: bool = False) -> bool:
    """A match whose words in between make the thing an object, not a topic."""
    for match in pattern.finditer(text):
        if _TOPIC_WORDS & set(match["gap"].split()):
            continue
        if verb and _NOT_A_FIND.search(text[: match.start()] + match["first"]):
            continue
        return True
    return False


def reports_a_find(text: str, *, basic: str | None = None) -> bool:
    """Does this message describe a suspected explosive that someone found or is near?

    >>> reports_a_find("my kids found a small metal ball in the field, is it dangerous?")
    True
    >>> reports_a_find("how many mines has Cambodia cleared since 1992?")
    False

    `basic`: `Normalizer.basic(text)`, when the caller has it already (it is not read twice).
    """
    return _reports_a_find_en(text, basic) or (has_khmer(text) and reports_a_find_km(text))


def _reports_a_find_en(text: str, basic: str | None = None) -> bool:
    """The English patterns; `basic`: `Normalizer.basic(text)`, when the caller has it."""
    basic = Normalizer.basic(text) if basic is None else basic
    # every pattern below holds its situation as a whole word or phrase: a message without
    # any (most questions) is no find, without the thing-first scans of a long message
    lying, found, handling = (bool(word.search(basic)) for word in _SITUATIONS)
    if not (lying or found or handling):
        return False
    personal = bool(_PERSONAL_RE.search(basic))
    if _STATISTICS.search(basic) and not personal:
        return False
    if lying and (_object_of(_LYING_THING, basic) or _object_of(_THING_LYING, basic)):
        return True
    if found and (_object_of(_FOUND_THING, basic, verb=True) or _object_of(_THING_FOUND, basic)):
        return personal or bool(_THIRD_PERSON_RE.search(basic))
    if handling and (_object_of(_HANDLING_THING, basic) or _object_of(_THING_HANDLING, basic)):
        return personal or bool(_ASKING_FOR_ONESELF_RE.search(basic))
    return False


#: the situations alone, as whole words, as every pattern above requires them
_SITUATIONS = tuple(re.compile(rf"\b(?:{words})\b") for words in (_LYING, _FOUND, _HANDLING))


# -- Khmer ---------------------------------------------------------------------------------------
#: a thing that may explode: a mine (not ខែមីនា, March), a bomb or grenade, a shell, a rocket,
#: unexploded ordnance, explosive remnants, a submunition; English words in a mixed message
_KM_EXPLOSIVE = (
    r"(?:មីន(?!ា)|គ្រាប់បែក|គ្រាប់ផ្លោង|គ្រាប់កាំភ្លើងធំ|គ្រាប់រ៉ុក្កែត|រ៉ុក្កែត|គ្រាប់មីស៊ីល"
    r"|គ្រាប់មិនទាន់ផ្ទុះ|គ្រាប់មិនផ្ទុះ|យុទ្ធភណ្ឌ|សំណល់ជាតិផ្ទុះ|ជាតិផ្ទុះ|អាវុធចង្កោម|កូនគ្រាប់"
    r"|\b(?:uxos?|erws?|(?:land ?)?mines?|bombs?|bomblets?|grenades?|shells?|rockets?|dpicm)\b)"
)
#: what people call a thing they cannot name: something metal, a strange or rusty object
_KM_SUSPICIOUS = (
    r"(?:វត្ថុ(?:ដែក|ចម្លែក|គួរឱ្យសង្ស័យ|គួរអោយសង្ស័យ|មិនស្គាល់|ច្រេះ|រាងមូល)|ដុំដែក|បំពង់ដែក"
    r"|របស់ដែក|ដែកច្រេះ|ដែកចម្លែក|ដែករាងមូល|ដែកអ្វីមួយ|ដែកអ្វីម្យ៉ាង|អ្វីមួយដែលជាដែក)"
)
_KM_THING = rf"(?:{_KM_EXPLOSIVE}|{_KM_SUSPICIOUS})"
#: someone came upon it: found, saw (not យល់ឃើញ, an opinion), came across, dug up, picked
#: up (not ជ្រើសរើស, to choose), ploughed up, stepped on
_KM_FOUND = r"(?:រកឃើញ|(?<!យល់)ឃើញ|ប្រទះ|ជីក|(?<!ជ្រើស)រើស|ភ្ជួរ|ជាន់|\bfound\b|\bfind\b)"
#: it is near people: in a rice field, a plantation, a garden, the house, the village...
_KM_LYING = (
    r"(?:ស្រែ|ចម្ការ|វាល|សួន|ផ្ទះ|ភូមិ(?!ភាគ)|សាលា|ទីធ្លា|មាត់បឹង|មាត់ទឹក|ដីរបស់|ដីខ្ញុំ|ដីយើង"
    r"|កប់)"
)
#: the person asks what to do with it: touch (not ប៉ះពាល់, to affect), hold (not កាន់កាប់, to
#: occupy), open, move, take, sell, scrap, burn, hit (not វាយប្រហារ, to attack), knock, kick
#: (not បាល់ទាត់, football), dismantle, keep (not ស្តុកទុក, stockpile); is it live or
#: dangerous; what to do; whom to call or tell
_KM_HANDLING = (
    r"(?:ប៉ះ(?!ពាល់)|កាន់(?!កាប់|តែ)|បើក(?!បរ)|រុះរើ|(?<!រុះ)រើ(?!ស)|ផ្លាស់ទី|យកចេញ|យកទៅ|យកមក"
    r"|លក់|អេតចាយ|ដុត|វាយ(?!ប្រហារ|តម្លៃ)|គោះ|(?<!បាល់)ទាត់|បំបែក|(?<!ស្តុក)ទុក(?!ដាក់)"
    r"|នៅផ្ទុះ|ផ្ទុះទេ|ផ្ទុះឬ|គ្រោះថ្នាក់ទេ|គ្រោះថ្នាក់ឬ|ធ្វើអ្វី|ធ្វើអី|ធ្វើដូចម្តេច|ធ្វើម៉េច"
    r"|ធ្វើយ៉ាងម៉េច|ធ្វើយ៉ាងណា|ហៅនរណា|ហៅអ្នកណា|ប្រាប់នរណា|ប្រាប់អ្នកណា|រាយការណ៍)"
)
#: someone in the story: I, we, a child (not កូនគ្រាប់, a submunition), relatives, neighbours,
#: villagers, farmers, a friend (not សម្ព័ន្ធមិត្ត, allies), he or she
_KM_PERSONAL = (
    r"(?:ខ្ញុំ|យើង|កូន(?!គ្រាប់)|ក្មេង|ប្អូន|បងប្រុស|បងស្រី|ឪពុក|ម្តាយ|ម៉ែ|មីង|យាយ|ជីដូន|ជីតា"
    r"|អ្នកជិតខាង|អ្នកភូមិ|កសិករ|(?<!ព័ន្ធ)មិត្ត|គ្រួសារ|ប្តី|ប្រពន្ធ|គាត់|\b(?:i|my|we|our)\b)"
)
#: asking for oneself without saying who: "តើគួរ...", "តើអាច...", "បើរកឃើញ..." (if one finds)
_KM_ASKING = r"(?:តើ(?:គួរ|អាច|ត្រូវ)|(?<!\S)(?:គួរ|អាច)|(?:ប្រសិន)?បើ(?!ក))"
#: statistics and treaty questions: how many, per year, in total, the number of
_KM_STATISTICS = re.compile(r"ប៉ុន្មាន|ក្នុងមួយឆ្នាំ|រៀងរាល់ឆ្នាំ|សរុប|ស្ថិតិ|ចំនួន")
_KM_NEAR = 80  # characters of Khmer (spaces removed) between the thing and the situation

_KM_SITUATION = re.compile(
    "|".join(
        rf"{a}.{{0,{_KM_NEAR}}}{_KM_THING}|{_KM_THING}.{{0,{_KM_NEAR}}}{a}"
        for a in (_KM_FOUND, _KM_LYING, _KM_HANDLING)
    )
)
_KM_PERSONAL_RE = re.compile(_KM_PERSONAL)
_KM_ASKING_RE = re.compile(_KM_ASKING)


def reports_a_find_km(text: str) -> bool:
    """The Khmer version of `reports_a_find`: a thing that may explode, a situation (found,
    lying near people, or what to do with it), and someone it happens to (or a question asked
    for oneself). Statistics questions without a person are not finds.

    >>> reports_a_find_km("ខ្ញុំបានរកឃើញគ្រាប់បែកនៅក្នុងស្រែ តើខ្ញុំគួរធ្វើអ្វី?")
    True
    >>> reports_a_find_km("តើកម្ពុជាបានបោសសម្អាតមីនប៉ុន្មានហើយ?")
    False
    """
    compact = " ".join(piece for _, piece in runs(fold_khmer(text)))
    personal = bool(_KM_PERSONAL_RE.search(compact) or _KM_ASKING_RE.search(compact))
    if not personal:
        return False
    if _KM_STATISTICS.search(compact) and not _KM_PERSONAL_RE.search(compact):
        return False
    return bool(_KM_SITUATION.search(compact))

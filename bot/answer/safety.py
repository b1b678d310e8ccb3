"""Recognise a message from someone who has found (or is near) a suspected explosive.

Such a message gets the official safety advice and nothing else, before any other matching:
a treaty answer or a "did you mean" list is the wrong reply to "my kids found a metal ball in
the field". Two things must be present: a thing that may explode (a mine, a bomblet, a shell,
"a rusty metal ball"...) and a situation (someone found, saw or dug it up; it is lying
somewhere; or the person asks whether to touch, open, move, keep or sell it, or whether it is
still live). Questions about mines in general ("how many mines has Cambodia cleared", "does the
CCM ban mines") have the thing but not the situation, and go on to ordinary matching.

The patterns run on `Normalizer.basic` text: lower case, accents and punctuation folded,
"there's" -> "theres", "don't" -> "do not".
"""

from __future__ import annotations

import re

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
_GAP = r"(?:\s+\w+){0,6}?\s+"
_TOPIC_WORDS = frozenset(
    """information info article articles video videos news picture pictures photo photos
    image images number numbers figure figures data answer answers story stories report
    reports book books page pages website websites site source sources documentary movie
    film post posts tweet tweets list map maps statistics stats about on more details
    anything nothing something explanation history out shares stock stocks investment
    investments company companies campaign""".split()
)
#: "could not find", "where can i find", "how do i find": looking for information, not a find
_NOT_A_FIND = re.compile(
    r"\b(?:not|never|cant|cannot|couldnt|didnt|dont|doesnt|wont|where (?:can|do|could|would)"
    r" (?:i|we|you|one)|how (?:do|can|could|would) (?:i|we|you|one)|how to|trying to|to) "
    rf"{_FOUND}$"
)


def _pattern(first: str, second: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?P<first>{first})\b(?P<gap>{_GAP})(?P<second>{second})\b")


_FOUND_THING = _pattern(_FOUND, _THING)
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


def reports_a_find(text: str) -> bool:
    """Does this message describe a suspected explosive that someone found or is near?

    >>> reports_a_find("my kids found a small metal ball in the field, is it dangerous?")
    True
    >>> reports_a_find("how many mines has Cambodia cleared since 1992?")
    False
    """
    basic = Normalizer.basic(text)
    personal = bool(_PERSONAL_RE.search(basic))
    if _STATISTICS.search(basic) and not personal:
        return False
    if _object_of(_LYING_THING, basic) or _object_of(_THING_LYING, basic):
        return True
    if _object_of(_FOUND_THING, basic, verb=True) or _object_of(_THING_FOUND, basic):
        return personal or bool(_THIRD_PERSON_RE.search(basic))
    if _object_of(_HANDLING_THING, basic) or _object_of(_THING_HANDLING, basic):
        return personal or bool(_ASKING_FOR_ONESELF_RE.search(basic))
    return False

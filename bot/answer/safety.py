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
    r"(?:theres|there is|there are|theres an?|lying|laying|sticking out|poking out|half buried"
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
    r"(?:i|we|they|he|she) do|who (?:do|should) (?:i|we) (?:call|tell)|report it)"
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

_NEAR = 80  # characters between the thing and the situation


def _near(a: str, b: str) -> re.Pattern[str]:
    return re.compile(rf"\b{a}\b.{{0,{_NEAR}}}\b{b}\b|\b{b}\b.{{0,{_NEAR}}}\b{a}\b")


_FOUND_THING = _near(_FOUND, _THING)
_LYING_THING = _near(_LYING, _THING)
_HANDLING_THING = _near(_HANDLING, _THING)
_PERSONAL_RE = re.compile(_PERSONAL)
_THIRD_PERSON_RE = re.compile(_THIRD_PERSON)
_ASKING_FOR_ONESELF_RE = re.compile(_ASKING_FOR_ONESELF)


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
    if _LYING_THING.search(basic):
        return True
    if _FOUND_THING.search(basic):
        return personal or bool(_THIRD_PERSON_RE.search(basic))
    if _HANDLING_THING.search(basic):
        return personal or bool(_ASKING_FOR_ONESELF_RE.search(basic))
    return False

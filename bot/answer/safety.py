"""Recognise a message from someone who has found (or is near) a suspected explosive.

Such a message gets the official safety advice and nothing else, before any other matching:
a treaty answer or a "did you mean" list is the wrong reply to "my kids found a metal ball in
the field". Two things must be present: a thing that may explode (a mine, a bomblet, a shell,
"a rusty metal ball"...) and a situation (someone found, saw or dug it up; it is lying
somewhere; or the person asks whether to touch, open, move, keep or sell it, or whether it is
still live). Questions about mines in general ("how many mines has Cambodia cleared", "does the
CCM ban mines") have the thing but not the situation, and go on to ordinary matching.
People who find ordnance rarely name it, and tell it in passing: a second reading looks for an
object described by the marks of ordnance (fins, a pin, a fuse, dimples...), contact with it
here and now, and a person or a question, anywhere in the message (`_describes_a_find`); a
third answers "what should you do if you see a bomblet?" with the advice itself.

The patterns run on `Normalizer.basic` text: lower case, accents and punctuation folded,
"there's" -> "theres", "don't" -> "do not". Khmer messages go through Khmer patterns of the
same shape (`reports_a_find_km`), on Khmer text with its spaces removed, since Khmer writers
space words as they like; the wordings they were tested on are in
tests/unit/answer/test_safety_km.py.
"""

from __future__ import annotations

import re
from functools import cache

from bot.answer import safety_model
from bot.answer.anchors import Anchors, words_of
from bot.answer.khmer import runs
from bot.answer.language import Language, detect_language, fold_khmer, has_khmer, khmer_word
from bot.answer.normalize import Normalizer

_EXPLOSIVE = (
    # "mine action", "mine victims", "the mine belt": a topic, not a thing someone found
    r"(?:(?:land ?mines?|mines?)(?! (?:action|ban|free|clearance|risk|awareness|victims?"
    r"|survivors?|treaty|convention|monitor|policy|stats|statistics|data|belt|casualt\w*))"
    r"|bombs?|bom|bomblets?|shells?|grenades?|uxos?|erws?"
    r"|bombies?|(?:unexploded )?ordn?[ai]nces?|explosives?|submunitions?"
    # "the cluster munitions treaty": a topic, like "the mine ban"
    r"|munitions?(?! (?:treaty|convention|ban|monitor|coalition))"
    r"|rockets?|mortars?|ammunition|ammo"
    r"|projectiles?|missiles?|warheads?|detonators?|fuzes?|artillery rounds?|cluster rounds?"
    # rounds that are ammunition, not talks: "live looking rounds", "mortar rounds"
    r"|(?:live(?: looking)?|unexploded|mortar|tank) rounds?"
    r"|duds?|(?:bomb|shell|mine) casings?"
    r"|cluster (?:bombs?|munitions?(?! (?:treaty|convention|ban|monitor|coalition)))"
    r"|trip ?wires?|booby ?traps?|rpgs?"
    # model names people read off the thing: BLU-26 and BLU-61 bomblets, M42/M77 grenades
    r"|blus?(?: \d{2,3})?|m ?(?:42|46|77|85|483|864)(?: ?a\d)?)"
    # the thing names what another noun is about, not an object: "the landmine museum", "bomb
    # craters", "a bomb shelter"; only nouns that seldom open the next sentence or clause,
    # which punctuation no longer marks ("we found a bomb! disposal team please come", "found
    # a mine, center of the field", "a grenade. victims of war...": finds)
    r"(?! (?:museums?|craters?|shelters?|memorials?|exhibits?|exhibitions?|scares?|raids?"
    r"|replicas?|emojis?)\b)"
)
#: "a rusty metal ball", "a strange tube thing": what people call an object they can't name
_SUSPICIOUS_OBJECT = (
    r"(?:metal|metallic|rusty|rusted|corroded|strange|weird|odd|suspicious|unknown|old|green"
    r"|round|small|little|heavy)"
    r"(?: \w+){0,3} (?:ball|balls|thing|things|object|objects|tube|tubes|can|cylinder|"
    r"canister|item|piece|pipe|bottle)"
    r"|(?:something|smth|sth|somethin) (?:metal|metallic|rusty|rusted|strange|weird|round"
    r"|like an? \w+)"
)
_THING = rf"(?:{_EXPLOSIVE}|{_SUSPICIOUS_OBJECT})"
#: someone came upon it
_FOUND = (
    r"(?:found|find|finds|finding|discovered|discover|dug up|dig up|digging up|digs up|unearthed"
    r"|spotted|spot|saw|see|seen|noticed|came across|come across|stumbled|stepped on|picked up"
    r"|pick up|uncovered|ploughed up|plowed up|turned up|washed up"
    r"|(?:brought|bring|brings|bringing)(?! up| about| together| in| forward))"
)
#: it is lying somewhere near people
_LYING = (
    r"(?:(?<!is )(?<!are )(?:theres|there is|there are|there(?= an? | some ))|lying|laying"
    r"|sticking (?:out|up|from)|poking (?:out|up|from)"
    r"|half buried"
    r"|partly buried|buried|by the (?:door|gate|house)|on (?:the|my|our|a) shelf"
    r"|in (?:my|our|the|his|her|their) (?:field|garden|yard|farm|backyard|"
    r"rice field|paddy|house|land|village|school|road|shed|barn|kitchen|garage|attic|pond)"
    r"|near (?:my|our|the) (?:house|home|school|farm|village|road|well|pond|river|path|field"
    r"|garden)|under (?:my|our|his|her|the) house)"
)
#: the person asks what to do with it: what someone does to it, or asks to do...
_ACTS = (
    r"open|opening|sell|selling|scrap|move|moving|remove|removing|pick (?:it|them) up"
    r"|touch|touching|kick(?:s|ed|ing)?(?! in\b| out\b)|carry|keep (?:it|them|one|this|that)"
    r"|keeps? (?:an?|the|some|old)"
    r"|play(?:s|ed|ing)? with|collect(?:s|ed|ing)?"
    # kept in the house: "an old shell as a flower pot", "grandpa's bomblets as souvenirs"
    r"|as (?:an? )?(?:flower ?pots?|doorstops?|decorations?|ornaments?|souvenirs?"
    r"|paperweights?|vases?|lamps?|toys?|trophy|trophies|gifts?|(?:birthday )?presents?)"
    # given to someone here: "my uncle gave me an old grenade"
    r"|gave (?:me|him|her|my \w+|our \w+)"
    # (not "got hit by thai cluster munitions": struck by them, in an attack)
    r"|defuse|disarm|dismantle|burn"
    r"|(?<!got )(?<!get )(?<!gets )(?<!was )(?<!were )(?<!been )"
    r"hit(?! by\b)(?! (?:a|the) (?:wall|snag|road|limit|jackpot|books))"
    r"|cut|take (?:it|them) "
    r"(?:to|home)|bring (?:it|them) (?:to|home)|throw"
    r"|is it (?:safe|dangerous|live|alive|active)|what (?:do|should|can) "
    r"(?:i|we|they|he|she) do(?! to (?:help|stop|support|campaign|ban|end|change)| about)"
    r"|what (?:are|am|is) (?:you|i|we|they|he|she) supposed to do"
    r"|who (?:do|should) (?:i|we) (?:call|tell)|report it"
)
#: ...or what the thing may do ("is it still live", "could it explode")
_BEHAVIOUR = r"still live|still active|still dangerous|explode|blow up"
_HANDLING = rf"(?:{_ACTS}|{_BEHAVIOUR})"
#: someone in the story ("us" is left out: it is also the United States)
_PERSONAL = (
    r"\b(?:i|im|ive|id|we|weve|my|our|me|myself|ourselves|someone|somebody|kids?|children|child"
    r"|son|daughter"
    r"|cousin|uncle|aunt|mates?|buddy|pal|grandma|grandpa|grandmother|grandfather|grandparents|neighbou?rs?"
    r"|friends?|farmers?|villagers?|fixer|brother|sister|dad|mom|mum|father|mother|wife"
    r"|husband|family|boys?|girls?|crew|builders|colleagues?|coworkers?|co workers?|teammates?"
    r"|staff|relatives?|nephew|niece|grandson|granddaughter|in ?laws?)\b"
)
#: others in the story: a find they make or bring in is told by someone who is there ("a
#: customer brought a bomblet to the counter", "a patient's son found one")
_THIRD_PERSON = (
    r"\b(?:he|she|they|guide|driver|workers?|tourists?|students?|customers?|clients?|guests?"
    r"|visitors?|patients?|pupils?|shoppers?|strangers?|passers? ?by|passerby)\b"
)
#: "we're", "I'm", "they've": who is in the story, read before contractions are folded away
#: ("we're" becomes "were")
_CONTRACTED_PERSON = re.compile(r"\b(?:we|i|they)\s*['’]\s*(?:re|m|ve|d|ll)\b")
#: "is it safe to touch...", "how do i open...": asking for oneself without saying who
_ASKING_FOR_ONESELF = (
    r"\b(?:is it|how do (?:i|you)|how can (?:i|you)|should (?:i|you|we)"
    # "what's the safest way to carry an unexploded shell to the police station?"
    r"|(?:safest|safe|best|right|proper|easiest|quickest) way to"
    r"|if (?:you|i|we|one|someone) (?:find|finds|see|sees|come across|comes across|spot))\b"
)
#: seen in the media, not on the ground: "i keep seeing '230,516 bombs' on tiktok"
_MEDIA = re.compile(
    r"\b(?:on|in) (?:tiktok|facebook|twitter|x|youtube|instagram|reddit|telegram|the news|tv"
    r"|the article|the post|a post|an article|the paper|the newspaper)\b|\bonline\b"
)
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
    shares stock stocks investment investments company companies campaign leaflet leaflets
    flyer flyers pamphlet pamphlets brochure brochures poster posters bot bots chatbot app
    apps channel channels server servers group groups account accounts podcast podcasts
    mistake mistakes typo typos error errors question questions""".split()
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
_FOUND_FIRMLY = re.compile(
    rf"\b(?P<first>(?!saw\b|see\b|seen\b|seeing\b|spotted\b|spot\b|noticed\b){_FOUND})\b"
    rf"(?!\s+out\b)(?P<gap>{_GAP})(?P<second>{_THING})\b"
)
#: a message that opens with a find ("found uxo in field what do"), not with a sight ("seen the
#: new cluster munitions report?")
_OPENS_WITH_FIND = re.compile(
    r"(?:just |we |i )?(?:found|find|discovered|dug up|digging up|unearthed|picked up"
    r"|stepped on|came across|stumbled on|ploughed up|plowed up)\b(?!\s+out\b)"
)
_HALF_BURIED_RE = re.compile(
    r"\b(?:half buried|partly buried|(?:sticking|poking) (?:out|up|from))\b"
)
_LYING_THING = _pattern(_LYING, _THING)
_THING_LYING = re.compile(
    rf"\b(?P<first>{_THING})\b(?P<gap>(?:\s+\w+){{0,9}}?\s+)(?P<second>{_LYING})\b"
)
_HANDLING_THING = _pattern(_HANDLING, _THING)
_THING_HANDLING = _pattern(_THING, _HANDLING)
_PERSONAL_RE = re.compile(_PERSONAL)
_THING_RE = re.compile(_THING)
#: a place near people, where a thing lying is a find whoever tells it
_NEAR_PEOPLE_RE = re.compile(
    r"\b(?:in|near|under|by|behind|beside|along|next to|outside|on|at) (?:the|a|our|my) "
    r"(?:field|garden|yard|farm"
    r"|house|home|school|village|road|path|trail|beach|paddy|rice field|temple|pagoda|market"
    r"|river|stream|door|playground|sandpit|sandbox|park|classroom|courtyard|campsite"
    r"|hotel|guesthouse|reception|building site|construction site)\b"
)
_THIRD_PERSON_RE = re.compile(_THIRD_PERSON)
#: handling that someone does to the thing, as opposed to what the thing does (explode)
_ACTS_ON_IT = re.compile(rf"\b(?:{_ACTS})\b")
#: not "us": the US
_FIRST_PERSON_RE = re.compile(r"\b(?:i|im|ive|id|we|weve|my|our|me|myself|ourselves)\b")
_ASKING_FOR_ONESELF_RE = re.compile(_ASKING_FOR_ONESELF)
#: "i" that only hedges or corrects what is said: "no wait, i mean casualties", "i think"
_HEDGING_I_RE = re.compile(r"\bi (?:mean|think|guess|wonder|believe|suppose|bet|reckon)\b")


def tells_of_oneself(basic: str) -> bool:
    """The writer is in the story: a first person that does more than hedge ("how many
    people got hit by cluster bombs in 2024... no wait i mean casualties" tells of nobody)."""
    return bool(_FIRST_PERSON_RE.search(_HEDGING_I_RE.sub(" ", basic)))


#: a clearance organisation or its deminers, a newspaper or a study: what they find is the
#: record ("the guide said CMAC found more than 100,000 bombs", "I heard the deminers found a
#: lot near Pailin"), not the writer's find (the English of `_KM_ORGANISATION_FINDS`)
_ORGANISATION = (
    r"(?:cmac|cmaa|halo(?: trust)?|mag|npa|apopo|deminers?|de miners?|eod"
    r"|(?:demining|clearance|eod|bomb disposal) (?:teams?|units?|crews?|operators?|workers?)"
    # what a newspaper or a study found is a finding too: "what did the new york times
    # actually find about their failure rate?" (not a reporter, who may find one on a road)
    r"|new york times|ny times|nyt|newspapers?|researchers?|stud(?:y|ies)|investigations?"
    r"|hrw|human rights watch|landmine monitor)"
)
_ORGANISATION_BEFORE_RE = re.compile(
    rf"\b{_ORGANISATION}(?: (?:teams?|staff|have|has|had|already|just|also|recently"
    r"|reportedly|then|who|that|still|alone|together|have already|has already|actually"
    r"|really|ever|first|later|eventually))*\s*$"
)
_ORGANISATION_FINDS_RE = re.compile(
    rf"\b{_ORGANISATION}(?: \w+){{0,3}}? (?:found|find|finds|finding|discovered|dug up"
    r"|unearthed|removed|cleared|destroyed)\b"
)


def _object_of(pattern: re.Pattern[str], text: str, *, verb: bool = False) -> bool:
    """A match whose words in between make the thing an object, not a topic."""
    for match in pattern.finditer(text):
        if _TOPIC_WORDS & set(match["gap"].split()):
            continue
        second = match.groupdict().get("second")
        if second and _THING_RE.fullmatch(second):
            # "i saw the new cluster munitions report": the thing names the topic of a report
            after = text[match.end() :].split()[:1]
            if after and after[0] in _TOPIC_WORDS:
                continue
        if verb and _NOT_A_FIND.search(text[: match.start()] + match["first"]):
            continue
        if verb and _TOPIC_WORDS.intersection(text[: match.start()].split()[-3:]):
            continue  # "a Xinhua story i found says... bombs": found a story, not a bomb
        if verb and _ORGANISATION_BEFORE_RE.search(text, 0, match.start()):
            continue  # "the guide said cmac found 100,000 bombs": the record, not a find
        return True
    return False


def reports_a_find(text: str, *, basic: str | None = None, lang: Language | None = None) -> bool:
    """Does this message describe a suspected explosive that someone found or is near?

    >>> reports_a_find("my kids found a small metal ball in the field, is it dangerous?")
    True
    >>> reports_a_find("how many mines has Cambodia cleared since 1992?")
    False

    `basic`: `Normalizer.basic(text)`, when the caller has it already (it is not read twice);
    `lang`: `detect_language(text)`, likewise (a long message's reading of its language costs
    as much as a pattern's).
    """
    if has_khmer(text):
        return _reports_a_find_en(text, basic) or reports_a_find_km(text)
    basic = read_for_finds(text, basic)
    words = words_of(basic)  # (what lets a pattern's scan be skipped: `Anchors`)
    literal = _literally(basic, words)
    if literal is not basic:  # (a figure of speech taken out: other words)
        basic, words = literal, words_of(literal)
    if _reports_a_find_en(text, basic, words):
        return not _long_and_surely_not(basic)
    return (
        # the learned second opinion (`safety_model`), where it may read the message at all:
        # it learned English words ("bom" in Vietnamese gets the languages notice's advice)
        learned_may_read(basic, words)
        and (detect_language(text) if lang is None else lang) == "en"
        and safety_model.shipped().flags(basic)
    )


#: the bomb emoji stands for the word: "look what dad dug up!! 😂💣"
_EMOJI_WORDS = {"\N{BOMB}": " bomb ", "\N{FIRECRACKER}": " explosive "}
#: the words a find is told with, and the misspellings of them that are no English word
#: (`_respellings`): "i fownd a bom in the feild", "granade", "unexploaded"
_KEY_WORDS = """found bomb bombs field fields grenade grenades shell shells explode exploded
unexploded explosive explosives rusty metal mortar rocket garden buried dangerous landmine
landmines bomblet bomblets""".split()
#: texting spellings: "plz", "u", "shud"; "wat" only before what follows "what" ("angkor wat
#: is" is a temple)
_TEXTING = {"plz": "please", "pls": "please", "plez": "please", "pleez": "please", "u": "you",
            "hw": "how", "ppl": "people",
            "shud": "should", "shld": "should", "wot": "what", "wut": "what", "wht": "what"}
_TEXTED_WHAT_RE = re.compile(
    r"(?<!angkor )\bwat\b(?= (?:do|should|shud|to|now|is|s|r|are|can|happens|would))"
)
_VOWELS = "aeiouy"
_DIGRAPHS = (("ou", "ow"), ("ow", "ou"), ("ie", "ei"), ("ei", "ie"), ("ea", "ee"), ("ph", "f"),
             ("ade", "aid"), ("ous", "us"), ("ck", "k"), ("mb", "m"), ("mb", "mm"))


@cache
def _respellings() -> dict[str, str]:
    """Misspelling -> word, for the words a find is told with: a letter dropped, doubled or
    swapped with the next, a vowel for another, a vowel added to a long word, or a digraph
    spelt as it sounds ("ou" as "ow", "ie" as "ei", "mb" as "mm"); never a real English word
    ("fond", "shall", "bob"), and the texting spellings."""
    from bot.answer.dictionary import is_english_word

    out: dict[str, str] = {}
    for word in _KEY_WORDS:
        variants: set[str] = set()
        for i in range(len(word)):
            variants.add(word[:i] + word[i + 1 :])  # dropped
            variants.add(word[:i] + word[i] + word[i:])  # doubled
            if i + 1 < len(word):
                variants.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])  # swapped
            if word[i] in _VOWELS:
                variants.update(word[:i] + v + word[i + 1 :] for v in _VOWELS)
            if len(word) >= 7:
                variants.update(word[:i] + v + word[i:] for v in "aeiou")
        for a, b in _DIGRAPHS:
            if a in word:
                variants.add(word.replace(a, b))
        for variant in variants:
            if (
                len(variant) >= 3
                and variant not in _KEY_WORDS
                and not _OBJECT_RE.fullmatch(variant)  # "bom" is read as it is
                and not is_english_word(variant)
            ):
                out.setdefault(variant, word)
    out.update(_TEXTING)
    return out


def read_for_finds(text: str, basic: str | None = None) -> str:
    """The `Normalizer.basic` text the detector (and its learned opinion) reads: a bomb emoji
    as the word (in a message that names no bomb), and the words a find is told with spelt
    right ("i fownd a bomm in the feild wat do i do plz" -> "i found a bomb in the field what
    do i do please"). `basic`: the text's
    `Normalizer.basic`, when the caller has it."""
    for emoji, word in _EMOJI_WORDS.items():
        # the emoji stands for a thing not named; beside "bombed", "the bomb", it decorates
        if emoji in text and "bomb" not in text.lower():
            text = text.replace(emoji, word)
            basic = None
    basic = Normalizer.basic(text) if basic is None else basic
    respell = _respellings()
    words = basic.split()
    if not any(w in respell for w in words) and "wat" not in words:
        return basic
    return _TEXTED_WHAT_RE.sub("what", " ".join(respell.get(w, w) for w in words))


#: a message this long...
LONG_MESSAGE_WORDS = 25
#: ...that the learned opinion puts this far below a find is none, whatever the patterns read
SURELY_NOT = 0.01


def _long_and_surely_not(basic: str) -> bool:
    """A long message in which the patterns found a thing, a person and a contact word far
    apart ("I've seen Kahl quoted on the rounds given to Ukraine... what dud rates did he
    give?"), and that the learned opinion reads as nothing like a find. Measured with each
    blind batch left out of the opinion's fitting (2026-12-03): the 464 finds of 25 words or
    more that the patterns read scored 0.39 or more, the five look-alikes below 0.001."""
    return (
        basic.count(" ") + 1 >= LONG_MESSAGE_WORDS
        and safety_model.shipped().probability(basic) < SURELY_NOT
    )


def learned_may_read(basic: str, words: frozenset[str] | None = None) -> bool:
    """May the learned second opinion call this message a find? Only a message that names or
    describes an object (`describes_an_object`), and not one looking for information ("if
    you find information about mines..."), telling of a story or video, or asking whether
    travel is safe: what the patterns rule out, the model does not rule back in.

    `words`: `anchors.words_of(basic)`, when the caller has them (the patterns whose words
    the message lacks are not scanned)."""
    return (
        describes_an_object(basic)
        and not _LOOKING_FOR.search(basic, words)
        and not _told_of_in_media(basic, words)
        and not _TRAVEL.search(basic, words)
        and not _GAME.search(basic, words)
        and not _relays_a_question(basic, words)
        # "i heard the deminers found a lot of bombs near pailin. what is uxo?": their finds
        # are the record
        and not _only_an_organisation_finds(basic)
        and not _checks_a_claim(basic)
        and not _asks_if_what_was_said_is_true(basic)
        # "my mum found a grenade in our garden back in 2015... is that the normal process?"
        # ("bombs from the 70s... I've got one in my garden and want to cut it open" is one)
        and not (_PAST_STORY.search(basic, words) and not _here_now_or_about_it(basic))
    )


#: someone said something, and the writer asks whether it is true: "my brother monk is
#: worry. he say thailand shoot cluster bomb into cambodia. is this true thing?"
_SAID_RE = re.compile(
    r"\b(?:he|she|they|people|someone|everyone|my \w+|our \w+) (?:say|says|said|tell|tells"
    r"|told (?:me|us)|claim|claims|claimed)\b"
)
_IS_IT_TRUE_RE = re.compile(
    r"\b(?:(?:is|was) (?:this|that|it|what (?:he|she|they) (?:say|says|said))"
    r"|(?:this|that|it) (?:is|was)) (?:really |actually )?(?:a )?(?:true|right|correct|accurate)\b"
)


def _asks_if_what_was_said_is_true(basic: str) -> bool:
    """A claim someone made, checked with the writer: told with no contact with a thing."""
    return (
        bool(_IS_IT_TRUE_RE.search(basic))
        and bool(_SAID_RE.search(basic))
        and not _CONTACT_RE.search(basic)
    )


def _looks_like_one_in_a_game(basic: str) -> bool:
    """A real thing compared with one in a game ("found something in my grandpa's shed that
    looks exactly like the grenade in call of duty... what do i do"): the game is a likeness,
    the find is real."""
    game = _GAME_RE.search(basic)
    if game is None or not _WHAT_DO_WE_DO_RE.search(basic):
        return False
    return bool(_LIKENESS_RE.search(" ".join(basic[: game.start()].split()[-6:])))


_LIKENESS_RE = re.compile(r"\b(?:like|similar|same as|resembles?)\b")


def _organisation_found_one_here(basic: str) -> bool:
    """A clearance team's find told here and now, with the writer asking what to do ("the
    clearance team found bomblets at the edge of our village today... what should we do till
    then"): the thing is still near the writer, not a figure in the record."""
    return bool(
        _ORGANISATION_FINDS_RE.search(basic)
        and _TODAY_RE.search(basic)
        and _WHAT_DO_WE_DO_RE.search(basic)
    )


#: now, not "this year": when a find someone else made is still where the writer is
_TODAY_RE = re.compile(
    r"\b(?:now|today|tonight|yesterday|this (?:morning|afternoon|evening)|here)\b"
)
#: asking what to do about it, not what to do to help ("what should we do to support them")
_WHAT_DO_WE_DO_RE = re.compile(
    r"\bwhat (?:do|should|can|must) (?:i|we) do\b"
    r"(?! to (?:help|stop|support|campaign|ban|end|change|donate)| about (?:it all|the ban))"
)


def _only_an_organisation_finds(basic: str) -> bool:
    """The only finding in the text is a clearance organisation's."""
    return bool(_ORGANISATION_FINDS_RE.search(basic)) and not _CONTACT_RE.search(
        _ORGANISATION_FINDS_RE.sub(" ", basic)
    )


def describes_an_object(basic: str) -> bool:
    """Does the text name a thing that may explode, or describe an object as people describe
    one they cannot name (a rusty metal ball, a tube with fins; "this... rusty, round,
    heavy")?"""
    if _OBJECT_RE.search(basic):
        return True
    return bool(_VAGUE_RE.search(basic) and _PHYSICAL_RE.search(basic)) or _unnamed(basic)


#: what an object nobody names is made of or looks like, told of "it" or "this"
_MARKS_OF_UNNAMED_RE = re.compile(
    r"\b(?:rusty|rusted|corroded|crusty|metal|metallic|iron|steel|heavy|round|rounded|pointy"
    r"|cylindrical|finned)\b"
)
_IT_RE = re.compile(r"\b(?:it|this|that|these|those|they|them)\b")


def _unnamed(basic: str) -> bool:
    """An object told of as "it" or "this" with two marks or more of what it is made of or
    looks like ("this came up with the plough... rusty, round, heavy")."""
    return len(set(_MARKS_OF_UNNAMED_RE.findall(basic))) >= 2 and bool(_IT_RE.search(basic))


def _reports_a_find_en(
    text: str, basic: str | None = None, words: frozenset[str] | None = None
) -> bool:
    """The English detector; `basic`: `Normalizer.basic(text)`, when the caller has it, and
    `words` its `anchors.words_of`."""
    basic = _literally(Normalizer.basic(text) if basic is None else basic, words)
    if _GAME.search(basic, words) and not _looks_like_one_in_a_game(basic):
        return False  # "in call of duty how do i defuse the bomb faster"
    if (
        # read or heard of, or what keeps happening, told before a question about something
        # else ("i heard there's a bomb in the school yard" alone is still a find)
        (_HEARSAY.search(basic, words) or _HABITUAL.search(basic, words))
        and _ASKS_OTHER_RE.search(basic)
        and not _here_now_or_about_it(basic)
        and not _ASKS_ADVICE_RE.search(basic)
    ):
        # "i read that a farmer dug up a cache of mines: what did police do?", "my village
        # still finds them. what years was the bombing?": not "...what's the advice if you
        # come across one?", which the advice answers
        return False
    if _TREATY_WORDS_RE.search(basic) and not _FIRST_PERSON_RE.search(basic):
        return False  # "does 'victims' mean only the person who stepped on the bomb?"
    if _checks_a_claim(basic):
        # "desk here. our reporter has cambodia 'cleared 344 sq km of cluster bombs' since
        # 2009. can i stand that up or do i cut it?": the line is cut, not the bomb
        return False
    return (
        _situation_patterns(text, basic, words)
        or _describes_a_find(basic, text, words)
        or _asks_what_to_do_on_a_find(basic)
        or _holds_one_somewhere(basic)
    )


#: someone has one, and it is somewhere: "the kids have a grenade in the sandpit", "my son
#: got a bomblet in his bag" (not "they had a dud rate", "a landmine conference")
_HOLDS_ONE_RE = re.compile(
    r"\b(?:has|have|had|got) (?:an?|some|this|these|two|three) (?:\w+ ){0,2}?"
    r"(?:grenades?|bombs?|bomblets?|bombies?|shells?|(?:land ?)?mines?|uxos?|rockets?|mortars?"
    r"|submunitions?|explosives?|detonators?|fuzes?)"
    r" (?:in|on|under|at|inside|behind|by) (?:the|my|our|his|her|their|a) (?:\w+ )?"
    # a place where people are, or something they carry: not "in the north", "the warehouse"
    r"(?:sandpit|sandbox|playground|park|garden|yard|backyard|field|paddy|farm|house|home"
    r"|school|classroom|kitchen|shed|garage|basement|attic|room|bedroom|bag|backpack|pocket"
    r"|car|truck|boat|net|box|bucket|desk|table|shelf|village|road|path|river)\b"
)


def _holds_one_somewhere(basic: str) -> bool:
    """Someone has a thing that may explode, and it is in a place now."""
    return (
        bool(_HOLDS_ONE_RE.search(basic))
        and not _STATISTICS.search(basic)
        and not _PAST_STORY_RE.search(basic)
    )


#: the writer acts on it or asks what to do: "can we move it", "i picked it up"
_WRITER_ACTS_RE = re.compile(
    r"\b(?:(?:can|could|should|shall|may|must|do|did) (?:i|we)"
    r"|(?:i|we) (?:just |have |had |already )?(?:found|picked|moved|took|touched|dug|got|have)"
    r")\b"
)


def _situation_patterns(text: str, basic: str, words: frozenset[str] | None = None) -> bool:
    """A thing and a situation told close together: "found a bomblet", "a shell lying in
    our field", "can i sell old bomb casings". `words`: `anchors.words_of(basic)`, if known."""
    # every pattern below that can say "a find" holds its situation (_LYING, _FOUND or
    # _HANDLING) as a whole word or phrase: a message without any (most questions) is no
    # find, without the thing-first scans of a long message (nor the situations' own scans
    # when the message lacks the words they need: `Anchors`)
    lying, found, handling = (bool(word.search(basic, words)) for word in _SITUATION_WORDS)
    if not (lying or found or handling):
        return False
    personal = bool(
        _PERSONAL_RE.search(basic)
        or _CONTRACTED_PERSON.search(text.lower())
        # "found uxo in field what do": a message that opens with the find tells one's own
        or _OPENS_WITH_FIND.match(basic)
    )
    statistics = bool(_STATISTICS.search(basic))
    if statistics and not (personal and _here_now_or_about_it(basic)):
        # "my grandma remembers the 1990s when so many people stepped on mines. she asks
        # how many per year": a statistics question told around a person is a find only
        # with something here and now in it, or a question about the thing
        return False
    if _PAST_STORY_RE.search(basic) and not (
        _ACTS_ON_IT.search(basic) or (not statistics and _ABOUT_IT_RE.search(basic))
    ):
        # "my uncle stepped on a mine in 1991. how many people have been hurt since 1979?",
        # "...in the 80s near the K5. what was the K5 belt?": a memory, then a question
        return False
    if statistics and _IN_THE_MEDIA.search(basic, words):
        # "watched a news piece about a farmer finding bomblets. how many were hurt in 2024?"
        return False
    if _TRAVEL.search(basic, words):
        rest = _TRAVEL_RE.sub(" ", basic)
        if not (_CONTACT_RE.search(rest) or _ACTS_ON_IT.search(rest)):
            return False
    someone = personal or bool(_THIRD_PERSON_RE.search(basic))
    if (
        lying
        # "how many of those bomblets are still lying in the earth?": the count is asked
        and not (statistics and _COUNT_LYING_RE.search(basic))
        and (_object_of(_LYING_THING, basic) or _object_of(_THING_LYING, basic))
        # "lying around in cambodia" is a question about the country; "in our field" is a find
        and (someone or _NEAR_PEOPLE_RE.search(basic) or _HALF_BURIED_RE.search(basic))
        # "i heard 2025, but there are still mines everywhere": the country, not a place
        and not (_GENERAL_PLACE_RE.search(basic) and not _NEAR_PEOPLE_RE.search(basic))
    ):
        return True
    # "i keep seeing '230,516 bombs' on tiktok": seen in the media is not seen on the ground
    found_thing = _FOUND_FIRMLY if _MEDIA.search(basic) else _FOUND_THING
    if (
        found
        and someone
        and (_object_of(found_thing, basic, verb=True) or _object_of(_THING_FOUND, basic))
    ):
        return True
    # "how many cambodian kids were killed by cluster bombs... for the cold open": in a
    # statistics question, people in the figures and a handling word are no find; one's own
    # story ("my", "we") still is
    if statistics and not tells_of_oneself(basic):
        return False
    if handling and (_object_of(_HANDLING_THING, basic) or _object_of(_THING_HANDLING, basic)):
        acts = _ACTS_ON_IT.search(basic)
        if not acts and not (_HERE_NOW_RE.search(basic) or _ABOUT_IT_RE.search(basic)):
            # "why are cluster bombs still dangerous after a war ends?", "the percentage of
            # bombs that do not explode": what such things do, asked in general
            return False
        if statistics and not acts:
            # "how many of those bomblets did not explode? i tell tourists...": in a
            # statistics question, what munitions do (explode, stay live) is no handling
            return False
        if _relays_a_question(basic, words) and not _HERE_NOW_RE.search(basic):
            # "grandma wants to know: did deminers teach ukraine to remove mines?"
            return False
        if _told_of_in_media(basic, words) and not _WRITER_ACTS_RE.search(basic):
            # "watching a documentary about laos, the farmers there still turning up bombies
            # in their fields... and the old women selling spoons made from war scrap" (not
            # "we were filming a documentary and found a bomblet, can we move it?")
            return False
        return personal or bool(_ASKING_FOR_ONESELF_RE.search(basic))
    return False


#: the situations alone, as whole words, as every pattern above requires them
_SITUATIONS = tuple(re.compile(rf"\b(?:{words})\b") for words in (_LYING, _FOUND, _HANDLING))
_SITUATION_WORDS = tuple(Anchors(pattern) for pattern in _SITUATIONS)


# -- a find told by what it looks like -----------------------------------------------------------
# People who find ordnance rarely name it: "something long and metallic with fins", "a crusty
# ball thing with dimples", "a rusty thing with a little ring on top, like a pin". The patterns
# above want a named thing beside a verb; a long story ("...the kids came back holding a rusty
# thing with a pin, we left it on the kitchen table. Anyway, is the temple open?") puts them
# sentences apart. So this path asks for three kinds of evidence anywhere in the message: an
# object (named, or described by the marks of ordnance: fins, a pin, a fuse, dimples, a
# rounded nose...), contact with it here and now (found, hit, dug up, brought home, in the
# net, on my desk, sticking out of the ground...), and a person or a question about it (is it
# a bomb, can I move it, what now, should I be worried). Statistics and history questions
# ("my uncle stepped on a mine in 1991. how many people...") are not finds unless they ask
# about the thing itself.

#: the marks of ordnance on an object nobody named: fins, a pin or ring, a fuse, dimples,
#: ridges, a nose or driving band, a shape ("pineapple shaped", "like a butterfly")
_ORDNANCE_MARKS = (
    r"(?:tail )?fins?|finned|(?:safety )?pin|ring on top|pull ring|fuses?|fuzes?|fuse looking"
    r"|dimples?|dimpled|ridges?|ridged|(?:rounded|pointy|pointed) (?:nose|end|tip)|nose cone"
    r"|(?:copper|driving|brass) band|pineapple(?: shaped)?|torpedo(?: shaped)?"
    r"|(?:bomb|shell|grenade|rocket|mine|bullet) (?:shaped|looking)|shaped like an? \w+"
    r"|like (?:an? )?(?:butterfly|pineapple|tennis ball|baseball|soda can|drink can)"
    r"|looks? like an? (?:bomb|mine|shell|grenade|rocket|bomblet|mortar|missile|bombie)"
    r"|bomb casings?|casings?|(?:fabric |cloth |white |little )?ribbons?|parachute|streamer"
    r"|(?:size|shape) of an? (?:\w+ )?(?:can|mango|tennis ball|baseball|fist|plate|egg)"
    r"|(?:tennis ball|baseball|fist|egg|can) sized"
    # a tail, a lever, a spring, threads, a wire or a cone: parts of fuzes and bomblets
    r"|with an? (?:\w+ )?(?:tail|lever|spring|cone|wire|wires)|threads|threaded|levers?"
    r"|wires? (?:coming|sticking) out|cone thing"
    # the arming vane on a bomblet's or a bomb's fuze, as people see it
    r"|propellers?|(?:arming )?vanes?"
    r"|(?:pear|egg|pineapple|torpedo|bomb|bullet|cone|mango|bottle|lemon) shaped"
    r"|like (?:an? )?(?:little |small )?(?:cans?|eggs?|pears?|mangos?|mangoes|lemons?)"
    r"|(?:metal|iron|steel|rusty) (?:egg|eggs|sphere|spheres|cans?)"
    # a sign that marks a minefield
    r"|skull (?:sign|signs|and crossbones)|(?:red|danger|mine) (?:skull )?signs?"
    r"|heavy for (?:its|the|it|their) size"
)
#: an object nobody named, and what it is made of or looks like
_VAGUE_OBJECT = (
    # ("the same thing", "another thing": no object)
    r"(?<!same )(?<!other )(?<!another )(?:thing|things)|object|objects|something|somethin|item"
    r"|items|cylinder|cylinders|tube|tubes"
    r"|ball|balls|canister|bottle|bits|piece|pieces|lump|device|sphere|egg|cans|pipe"
)
_PHYSICAL = (
    r"metal|metallic|iron|steel|rusty|rusted|rust|corroded|crusty|heavy|olive|green|yellow"
    r"|round|long|pointy|\d+ ?cm|half buried|partly buried|sticking out|poking out|hard"
    r"|unexploded"
    # stencilled or stamped, as ordnance is: "a cylinder thing... it has writing on it"
    r"|(?:writing|markings?|letters|numbers|stencil(?:l?ed|ling)?) on (?:it|them|the side)"
    r"|stamped"
)
_OBJECT_RE = re.compile(rf"\b(?:{_EXPLOSIVE}|{_ORDNANCE_MARKS})\b")
_VAGUE_RE = re.compile(rf"\b(?:{_VAGUE_OBJECT})\b")
_PHYSICAL_RE = re.compile(rf"\b(?:{_PHYSICAL})\b")
#: contact with it here and now: found, hit, dug up or pulled up; brought home; where it is
#: now (on my desk, in the boat, in the net, in our garden, sticking out of the ground)
_CONTACT_RE = re.compile(
    r"\b(?:found|fond|fuond|find|finds|dug|dig|digging|caught|pulled up|net pulled|scraped up"
    # "hit something", not "hit a wall in my essay"
    r"|(?:hit|hits|struck|strikes|snagged) (?:something|it|one|(?:an?|\d+|two|three|four|some"
    r"|several|a few|a couple of) (?:\w+ ){0,2}?(?:objects?|things?|metal|rocks?|items?"
    r"|pieces?|lumps?))"
    # brought up out of the ground by a tool or machine: "this came up with the plough"
    r"|(?<!question )(?<!questions )(?<!topic )(?<!subject )(?<!issue )"
    r"(?:came|come|comes|coming) up (?:with|in|on|under|out of|from)"
    # a subject that came up in talk: "this came up in class", "...at dinner"
    r"(?! (?:an? |the |my |our )?(?:class|conversation|discussion|meeting|chat|news|interview"
    r"|dinner|lunch|lesson|lecture|seminar|debate|podcast|research|reading|search|quiz|exam"
    r"|test)\b)"
    r"|(?:with|by) (?:the|a|my|our|his|her|their) (?:plough|plow|tractor|digger|excavator"
    r"|backhoe|hoe|spade|shovel|metal detector)"
    # "put it in the shed", not "put it in print", "put them in my essay"
    r"|put (?:it|them) (?:in|on|by|under)(?! (?:print|writing|words|perspective|context"
    r"|(?:the|my|our|an?) (?:article|story|report|piece|essay|paper|notes|thread|post|video"
    r"|podcast|script|slides|book)))|stacked|(?:just )?bought (?:an?|some|this|these|two)"
    # passed to the one telling it: "a trader sold me a bag with two live rounds in it"
    r"|(?:sold|gave|handed|brought) (?:me|us)(?! (?:\w+ )?(?:"
    + "|".join(sorted(_TOPIC_WORDS))
    + r")\b)"
    r"|standing (?:near|next to|by)|walked (?:past|into)|half buried|partly buried"
    r"|(?:next to|near|beside|along|off|under) (?:the|a|our|my) (?:path|trail|road|river"
    r"|field|house|school|bridge|canal|riverbank|bank|well|pond|fence|gate|tree|hut|shed)"
    r"|looking at (?:it|one|this|that|them)(?: right)? now"
    r"|at (?:the |my |our |his |her )?(?:school|market|temple|pagoda|beach|farm|flea market)"
    r"|ploughed up|plowed up|turned up|washed up|appeared|got a (?:strong )?signal|picked up"
    r"|saw|seen|spotted|noticed|came across|stumbled (?:on|upon|over)|got an? \w+ object"
    r"|brought(?: \w+){0,2}? (?:back|home|in|it)|came (?:home|back)(?: \w+){0,4}? (?:with|holding)"
    r"|pockets? full|playing with|plays with|circling|sitting (?:on|in)|kept from"
    r"|keeps? (?:it|one|a)|dug (?:it|them) up|holding|throwing|rolling|kicking|carrying"
    r"|sticking (?:out|up)|poking (?:out|up)"
    r"|(?:on|in|under) (?:(?:my|our|his|her|their|the|a) )?(?:desk|table|kitchen table|shelf"
    r"|boat|net|pocket|pockets|bag|backpack|luggage|suitcase|bucket|box|storeroom|shed|bed"
    r"|classroom|garden|yard|field|roof|ceiling|wall|attic"
    r"|land|farm|paddy|rice field|rice paddy|paddy field|backyard|house|veg patch|vegetable patch"
    r"|patch|plot|lawn|orchard|plantation)"
    r"|(?:my|our|his|her|their) (?:garden|yard|field|paddy|backyard|veg patch"
    r"|vegetable patch|farm|plot|lawn|orchard)"
    r"|(?:out of|in|from) the (?:ground|mud|dirt|soil|sand|water|river|mekong|pond|field"
    r"|forest|jungle|garden|farm|beach|canal|riverbank)"
    r"|on the (?:beach|ground|shoulder|verge|road|path|trail)"
    r"|by the (?:road|school|house|path|trail|river|shed)|behind (?:a|the|our|my) \w+)\b"
)
#: a few words that name the thing and where it is: "bomblet in garden??", "bomb rusty fins
#: field kid what do"
_SHORT_FIND_WORDS = 8
_PLACE_RE = re.compile(
    r"\b(?:field|garden|yard|paddy|farm|house|hous|home|school|road|beach|river|backyard"
    r"|village|ground|path|trail|what do|wat do)\b"
)
#: a short question about the topic ("how fast is cambodia clearing cluster munition land")
_TOPIC_QUESTION_RE = re.compile(r"(?:how|what|when|why|which|who|does|do|did|has|have)\b")
#: a few words that ask for a figure ("dud rate typical range field"): a search, no panic
_FIGURE_WORDS_RE = re.compile(
    r"\b(?:rate|rates|percent|percentage|typical|average|figures?|stats|statistics|data)\b"
)
#: "help bomb": a panic in a few words
_PANIC_WORDS = 4
_PANIC_RE = re.compile(r"\b(?:help|urgent|sos|emergency|hurry|quick)\b")
#: a sentence that opens with the find tells one's own ("found a tube with a cone thing
#: under the bridge", "RPG?? found a...")
_FINDER_RE = re.compile(
    r"(?:^|[.!?\n]\s*)(?:just |we |i )?(?:found|dug up|picked up|pulled up|fished out)\b",
    re.IGNORECASE,
)
#: mines "everywhere", "around there", "in cambodia": the country, not a place near someone
_GENERAL_PLACE_RE = re.compile(
    r"\b(?:everywhere|all over|around there|out there|in (?:the )?(?:country|cambodia|laos"
    r"|vietnam|ukraine|world|north ?west|east|border areas?)"
    r"|along the (?:whole |entire )?(?:\w+ )?border)\b"
)
#: "is it safe to travel to Battambang? there are still mines": a traveller's question
_TRAVEL_RE = re.compile(
    r"\b(?:is it|it is|is that) (?:safe|dangerous) to (?:travel|visit|go|live|walk|hike|drive"
    r"|tour|cycle|trek|stay)\b"
)
#: hurt by one, not finding one: "was he hit by a cluster bomb himself?"
_CASUALTY_RE = re.compile(
    r"\b(?:was|were|got|been|is|are)(?: \w+){0,2} (?:hit|killed|injured|hurt|wounded) by\b"
)
#: looking for information: "where can i find cluster munition statistics", "find out"
_LOOKING_FOR_RE = re.compile(
    r"\b(?:(?:where|how) (?:can|do|could|would|to)(?: i| we| you| one)? find"
    r"|(?:not|never|cant|cannot|couldnt|didnt|dont|doesnt|wont) find"
    # asking the bot to look something up: "could you help me find that?"
    r"|help (?:me|us) (?:to )?find"
    r"|(?:find|finds|found|finding) (?:out|more)"
    # "the safest way to learn about this myself", "read up on": a topic to learn
    r"|(?:learn|learning|read|reading|know|knowing|study|studying)(?: more)? (?:about|up on)"
    # how to help the cause, not what to do about a thing: "what should i do to help?"
    r"|(?:what (?:should|can|could) (?:i|we) do|how (?:can|could|do) (?:i|we)) (?:to )?help"
    r"(?: (?:end|stop|ban|the campaign|the cause|victims|survivors|out)\b|$)"
    # found or saw a report, the number, a video...: a topic, not an object; saw or visited
    # a sight ("we saw the bomb craters", "visited the landmine museum")
    r"|(?:find|finds|found|finding|saw|seen|see|read|watched|dug up|dig up|digging up"
    r"|dug out|digging out)(?: \w+){0,2} (?:"
    + "|".join(sorted(_TOPIC_WORDS))
    + r")"
    r"|(?:saw|seen|see|visited|visit|visiting|toured)(?: \w+){0,3}? (?:craters?|museums?"
    r"|exhibits?|exhibitions?|displays?|memorials?|shelters?))\b"
)
#: a question about the thing, or what someone means to do with it
_ABOUT_IT_RE = re.compile(
    rf"\b(?:is (?:it|this|that) (?:really |actually |still )?(?:an? |the )?(?:real )?"
    rf"(?:{_EXPLOSIVE}|live|alive|armed|active|dangerous|safe|empty|ok|okay)"
    r"|could (?:it|that|this) be|can (?:you )?identify|what (?:is|s) (?:this|it)"
    r"|(?:know|tell me|idea|sure|clue) what (?:it|this|that|they) (?:is|are|could be|might be)"
    r"|what now|what then|now what|what do (?:i|we|you) do|what should (?:i|we|he|she|they) do"
    r"|(?:ok|okay|safe|fine|alright) to|is (?:that|it|this) (?:ok|okay|fine|safe|alright)"
    r"|was that (?:ok|okay|fine|safe|alright)|that (?:fine|ok|okay) right|should (?:i|we) be"
    r"|worried|scared|right move|who (?:do|must|should|can) (?:i|we) (?:call|tell|contact)"
    r"|how (?:can|do) (?:i|we) tell|(?:can|should|may) (?:i|we|she|he|they|my \w+)"
    r"|who (?:i|we) (?:must|should|can) (?:call|tell|contact)|it is (?:an? )?(?:bomb|mine)"
    r"|keep digging|proceed|trash|bin|push|pushed|kick|mow|throw|threw|pull it out"
    r"|take it home|plane|help|urgent|asap|quick|sell|selling|for sale|want to buy|obo"
    r"|climbing on|standing on|sitting on|playing with|poking|touching|selfies?|overreacting"
    r"|id please|what to do|what do *$|closer look|look closer|worth|keep it"
    r"|how (?:do|can) (?:i|we) (?:check|tell|know|get|take|remove|open|clean|cut)"
    r"|(?:easiest|best|safest|quickest) way to|(?:might|could|may) (?:still )?be live"
    r"|still be live|what do i tell|holds flowers|as a vase|course of action|please advise"
    r"|what do you advise)\b"
)
#: figures of speech that hold a thing or a bomb without one in hand: a memory carried in
#: the heart, "keep it short", a bomb threat or a drill at school
_FIGURE_OF_SPEECH_RE = re.compile(
    r"\b(?:(?:carry|carries|carried|carrying|hold|holds|held|keep|keeps|kept)"
    r" (?:this|it|that|them|these|those)(?: \w+){0,2} in (?:my|our|his|her|their)"
    r" (?:heart|hearts|mind|minds|memory|memories|soul)"
    r"|keep (?:it|this|that) (?:short|brief|simple|quick|real)"
    r"|bomb (?:threats?|scares?|hoax(?:es)?|drills?)(?: drills?)?"
    # a nickname: "they call him little bomb", "my squad calls me the dud"
    # (a person is called it, not "call someone about a bomb", "call the bomb squad")
    r"|(?:call|calls|called|calling|nicknamed?) (?:me|him|her|them|us"
    r"|(?:my|our|his|her|their|one|this|that) \w+)"
    r" (?:(?:the|a|an|our|my|little|walking|human) )*(?:bomb|bombs|dud|grenade|mine|landmine"
    r"|time bomb|bomber)(?! (?:squad|disposal|unit|team|experts?|people))"
    r"|(?:fire|evacuation|lockdown) drills?"
    # a feeling: "the landmine museum was so moving", "a very touching exhibit"
    r"|(?:so|very|really|deeply|incredibly|truly|quite|super|such an?|most|hugely) (?:moving"
    r"|touching)"
    # similes and sayings: "it landed like a cluster bomb", "don't be a landmine"
    r"|(?:landed|lands|land|went off|go off|goes off|hit|hits|exploded|blew up|dropped)"
    r" like an? (?:cluster )?(?:bomb|grenade|landmine|mine)"
    r"|(?:do not|dont|never) be (?:such )?an? (?:landmine|mine|bomb|grenade|dud)"
    # a parliament named like a home: "a debate in the house of commons"
    r"|houses? of (?:commons|lords|representatives))\b"
)
_FIGURE_OF_SPEECH = Anchors(_FIGURE_OF_SPEECH_RE)


def _literally(basic: str, words: frozenset[str] | None = None) -> str:
    """The text without its figures of speech ("i carry this in my heart", "keep it short",
    "they call him little bomb"), which name a thing or an act on it with none in hand, and
    without parliaments named like homes ("in the house of commons")."""
    if _FIGURE_OF_SPEECH.search(basic, words):
        return _FIGURE_OF_SPEECH_RE.sub(" ", basic)
    return basic


#: finds told as what keeps happening, not as what happened now: "the village still finds
#: them", "farmers keep digging them up every season"
_HABITUAL_RE = re.compile(
    r"\b(?:still|often|sometimes|always|regularly|keep|keeps|kept) (?:find|finds|finding"
    r"|dig up|digs up|digging up|digging them up|turn up|turning up|come across|coming across)\b"
    r"|\b(?:find|finds|dig up|digs up) (?:them|some|one|bombs|mines) every (?:year|season|month)"
)
_HABITUAL = Anchors(_HABITUAL_RE)
#: a question about the record or the treaty
_ASKS_OTHER_RE = re.compile(
    r"\b(?:what years?|which years?|when (?:did|was|were|is|does)|how (?:many|long|much)"
    r"|why (?:did|was|were|is|does)|what (?:did|was|were|does)"
    r"|who (?!(?:do|must|should|can|could|shall|to) )\w+)\b"
)
#: asking for the advice itself
_ASKS_ADVICE_RE = re.compile(
    r"\b(?:advice|advise|what to do|what should|what do (?:i|we|you) do)\b"
)
#: what the writer read or heard of, not what is before them
_HEARSAY_RE = re.compile(
    r"\b(?:i|we) (?:read|heard|saw)(?: it)? (?:that|about|somewhere|in the (?:news|paper))\b"
)
_HEARSAY = Anchors(_HEARSAY_RE)
#: a video game: its bombs are defused with a key
_GAME_RE = re.compile(
    r"\b(?:call of duty|battlefield \d+|counter ?strike|cs ?go|cs2|valorant|fortnite|pubg|gta"
    r"|rainbow six|minecraft|arma \d|(?:video|computer|board|mobile) games?|in (?:the )?game"
    r"|ingame|war thunder|world of tanks|tarkov|helldivers|hell let loose"
    # "in battlefield i just found a cluster bomb pickup and it wiped my whole squad": the
    # game's name is an everyday word, a game only with the game's own words near it
    r"|(?<!the )battlefield(?= .{0,80}\b(?:respawn|loadout|lobby|killstreak|multiplayer|ps5"
    r"|xbox|(?:bomb|grenade|mine|ammo) pickup|wiped (?:my|our) (?:whole )?squad)\b))\b"
)
#: "mine??", "BOMB!!": the thing alone, with alarm
_BARE_THING_RE = re.compile(
    r"(?:an? )?(?:land ?mine|mine|bomb|bomblet|bombie|grenade|shell|uxo|explosive|mortar"
    r"|rocket|cluster bomb)"
)
_ALARM_RE = re.compile(r"[?!]{2,}")
#: a question about the record or the past, not about a thing here now
_PAST_STORY_RE = re.compile(
    r"\b(?:in|back in|during|since) (?:19\d\d|200\d|201\d)\b|\byears ago\b"
    r"|\b(?:during|in) the war\b|\bthe (?:19)?(?:50|60|70|80|90)s\b|\bremembers? when\b"
    r"|\b(?:was|were) an? (?:soldier|deminer|child|kid|boy|girl|teenager|refugee|pilot)\b"
    r"|\b(?:i|we) (?:was|were) (?:little|small|young)\b|\bgrowing up\b"
    r"|\bused to\b"
)
#: a count of things lying somewhere: "how many mines are still buried in the ground"
_COUNT_LYING_RE = re.compile(
    r"\bhow many\b(?: \w+){0,10}? (?:lying|laying|buried|left|remain|remaining"
    r"|in the (?:ground|earth|soil))\b"
)
#: here and now: "this", "just", "right now", "today"
_HERE_NOW_RE = re.compile(
    r"\b(?:this|these|that one|just|now|today|tonight|yesterday|this morning|here)\b"
)


def _here_now_or_about_it(basic: str) -> bool:
    """Something here and now, or a question about the thing or acting on it."""
    return bool(
        _HERE_NOW_RE.search(basic) or _ABOUT_IT_RE.search(basic) or _ACTS_ON_IT.search(basic)
    )


def _checks_a_claim(basic: str) -> bool:
    """A line checked before it is printed, with no contact with a thing nor advice asked."""
    return bool(_CHECKS_A_CLAIM_RE.search(basic)) and not (
        _CONTACT_RE.search(basic) or _ASKS_ADVICE_RE.search(basic)
    )


#: checking a line before it is printed or said: a newsroom, a fact check, a quote
_CHECKS_A_CLAIM_RE = re.compile(
    r"\b(?:stand (?:it|that|this|the \w+) up|fact ?check(?:s|ed|ing|er|ers)?|desk here"
    r"|(?:our|my|the) (?:reporter|reporters|editor|editors|sub ?editor|copy ?editor|stringer"
    r"|correspondent|fact checker)"
    r"|(?:the|this|that|his|her|their|a) (?:claim|quote|headline|caption|strapline|standfirst)"
    r"|(?:in|from|for) (?:the|our|my) (?:copy|draft|script|piece|story))\b"
)
#: the treaty's words asked about ("when the treaty says 'victims', does it mean..."): a
#: question about a definition, not a find, unless the writer is in the story
_TREATY_WORDS_RE = re.compile(
    r"\b(?:treaty|convention|ccm|article|art)\b(?: \w+){0,4} (?:says?|mean|means|meant"
    r"|define|defines|defined|cover|covers|include|includes|count|counts)\b"
)


def _describes_a_find(basic: str, text: str = "", words: frozenset[str] | None = None) -> bool:
    """An object (named, or with the marks of ordnance), contact with it here and now, and a
    person or a question about it, anywhere in the message. `words`: `anchors.words_of(basic)`,
    when known."""
    # each test below runs only when the text has a word every match of it needs
    spaced = f" {basic} "
    if any(f" {w} " in spaced for w in _DEICTIC) and _IS_THIS_ONE_RE.search(basic):
        return True
    spaces = basic.count(" ")
    if spaces < 3 and _ALARM_RE.search(text) and _BARE_THING_RE.fullmatch(basic):
        return True
    if (
        spaces < _SHORT_FIND_WORDS
        and (_PLACE_RE.search(basic) or (spaces < _PANIC_WORDS and _PANIC_RE.search(basic)))
        and _OBJECT_RE.search(basic)
        and not _STATISTICS.search(basic)
        and not _FIGURE_WORDS_RE.search(basic)
        and not _TOPIC_QUESTION_RE.match(basic)
    ):
        return True
    # contact first: most questions have none, and it is the cheapest test to fail
    if not _CONTACT.search(basic, words):
        return False
    contact = _CASUALTY_RE.sub(" ", _LOOKING_FOR_RE.sub(" ", basic))
    if not _organisation_found_one_here(basic):
        contact = _ORGANISATION_FINDS_RE.sub(" ", contact)
    if not _CONTACT_RE.search(contact):
        return False
    if not describes_an_object(basic):
        return False
    about_it = bool(_ABOUT_IT_RE.search(basic))
    if _STATISTICS.search(basic) and (not about_it or _PAST_STORY_RE.search(basic)):
        return False
    if _told_of_in_media(basic, words):
        # "a Xinhua story I found says...", "saw a video of kids playing with a bomblet"
        return False
    if _PAST_STORY_RE.search(basic) and not about_it:
        return False  # "my uncle stepped on a mine in the 80s near the K5. what was the K5?"
    if _relays_a_question(basic, words):
        return False  # "a student asked me: why do the small bombs stay dangerous in the ground?"
    # a question about it, or someone's own story ("my daughter came back holding a rusty
    # thing with a pin... anyway, is the temple open on Sundays?")
    return about_it or bool(
        _PERSONAL_RE.search(basic)
        or _THIRD_PERSON_RE.search(basic)
        or _FINDER_RE.search(text)
        or _ASKS_WHAT_IT_IS_RE.search(basic)
    )


#: asking others what it is: "came up in the hoe... heavy for its size. thoughts?" (here
#: only, after the contact and the object: "anyone know" before a memory is no find)
_ASKS_WHAT_IT_IS_RE = re.compile(
    r"\b(?:thoughts|any ideas?|anyone know|anybody know|does anyone know|ideas)\b"
)


def _relays_a_question(basic: str, words: frozenset[str] | None = None) -> bool:
    """Someone asked the writer something about the things ("a student ask me a hard
    question: why the small bombs stay dangerous in the ground"): told before the thing, it is
    a question passed on, not a find ("a buyer asked me if the one he wants is live", after
    the thing, still tells of one)."""
    relay = _RELAY.search(basic, words)
    if relay is None:
        return False
    thing = _OBJECT_RE.search(basic)
    return thing is not None and relay.start() < thing.start()


#: "my son asked me", "a student ask me", "tourists keep asking us", "grandma wants to know"
_RELAY_RE = re.compile(
    r"\b(?:(?:asks?|asked|asking) (?:me|us)|(?:wants?|wanted|wanting) to know)\b"
)
_RELAY = Anchors(_RELAY_RE)


def _told_of_in_media(basic: str, words: frozenset[str] | None = None) -> bool:
    """The thing is in a story, a video or the news: a media word comes before it ("saw a
    video of kids playing with a bomblet"); after it, it is a comparison ("they look like the
    BLU-97 pictures online")."""
    media = _MEDIA_WORDS.search(basic, words) or _IN_THE_MEDIA.search(basic, words)
    if media is None:
        return False
    things = [m for m in (_OBJECT_RE.search(basic), _VAGUE_RE.search(basic)) if m is not None]
    if not things:
        return True
    thing = min(things, key=lambda m: m.start())
    # "my sister sent me a video, she found a grenade looking thing in the park": the video
    # came with a find someone made, told as theirs
    if media.start() > thing.start():
        return False
    finder = _FINDER_AFTER_MEDIA_RE.search(basic, media.end(), thing.start())
    # found *it*, a few words before the thing ("she found a grenade", "showed me in a field
    # a thing"); "a story i found says ... bombs" found the story
    return (
        finder is None
        or basic.count(" ", finder.end(), thing.start()) > 5
        or not _FOUND_WHAT_RE.match(basic, finder.end())
    )


#: what follows "found" when the thing is what was found: an article, a place, "me"
_FOUND_WHAT_RE = re.compile(
    r" (?:an?|the|some|this|that|these|those|something|one|it|in|on|by|near|under|at|behind"
    r"|next)\b"
)


#: someone found it: told after the media word, the thing is theirs, not the video's
_FINDER_AFTER_MEDIA_RE = re.compile(
    r"\b(?:i|we|he|she|they|my \w+|someone|and) (?:just )?(?:found|spotted|dug up|picked up"
    r"|came across|showed (?:me|us))\b"
)


#: the thing is in a story, a video or the news, not on the ground
_IN_THE_MEDIA_RE = re.compile(
    r"\b(?:a|an|the|this|that|my|his|her|some) (?:\w+ )?(?:story|stories|article|articles"
    r"|video|videos|clip|clips|documentary|news|report|book|film|movie|tweet|post|thread"
    r"|podcast|episode|game|games)\b"
)
#: the words each of these patterns needs (`Anchors`): a message without them is not scanned
_CONTACT = Anchors(_CONTACT_RE)
_TRAVEL = Anchors(_TRAVEL_RE)
_LOOKING_FOR = Anchors(_LOOKING_FOR_RE)
_MEDIA_WORDS = Anchors(_MEDIA)
_IN_THE_MEDIA = Anchors(_IN_THE_MEDIA_RE)
_GAME = Anchors(_GAME_RE)
_PAST_STORY = Anchors(_PAST_STORY_RE)
_DEICTIC = ("this", "that", "these", "those")
#: "is this a mine? pic below": someone asks whether a thing before them is one
_IS_THIS_ONE_RE = re.compile(
    rf"\b(?:is|could) (?:this|that|these|those) (?:be )?(?:really |actually |still )?"
    rf"(?:an? |some )?(?:real |live |old )?(?:{_EXPLOSIVE})"
    # "is this dud rate right?" asks about a figure: the thing must end the question
    r"(?: *$| (?:or|and|pic|pics|photo|image|below|here|there|in|on|near|by|under|i|we|my"
    r"|please|pls|plz|still|what|can|should|it|its|lol|bro|thing))"
)


# -- Khmer ---------------------------------------------------------------------------------------
# Khmer words are matched inside text written without spaces: whole syllables only
# (`khmer_word`: រើ "move" is not the one inside ប្រើ "use", nor មីន the one in ខែមីនា "March")
_word = khmer_word


#: a thing that may explode: a mine, a bomb or grenade, a shell, a rocket, unexploded
#: ordnance (also "a round ... that did not explode"), explosive remnants, a submunition;
#: English words in a mixed message
_KM_EXPLOSIVE = (
    _word(
        "(?<!គ្មាន)មីន|គ្រាប់បែក|គ្រាប់ផ្លោង|គ្រាប់កាំភ្លើងធំ|គ្រាប់រ៉ុក្កែត|រ៉ុក្កែត|គ្រាប់មីស៊ីល"
        "|គ្រាប់មិនទាន់ផ្ទុះ|គ្រាប់មិនផ្ទុះ|យុទ្ធភណ្ឌ|សំណល់ជាតិផ្ទុះ|ជាតិផ្ទុះ|អាវុធចង្កោម|កូនគ្រាប់"
        "|គ្រាប់ចង្កោម"
        "|ប៊ុមប៊ី|បំប៊ី"
    )
    + r"|គ្រាប់\S{0,16}?មិន(?:ទាន់)?ផ្ទុះ"
    + r"|\b(?:uxos?|erws?|(?:land ?)?mines?|bombs?|bomblets?|bombies?|grenades?|shells?"
    r"|rockets?|dpicm)\b"
)
#: what people call a thing they cannot name: something metal, a strange or rusty object
_KM_SUSPICIOUS = _word(
    "វត្ថុ(?:ដែក|ចម្លែក|គួរឱ្យសង្ស័យ|គួរអោយសង្ស័យ|គួរឲ្យសង្ស័យ|មិនស្គាល់|ច្រេះ|រាងមូល)|ដុំដែក"
    "|បំពង់ដែក|របស់ដែក|ដែកច្រេះ|ដែកចម្លែក|ដែករាងមូល|ដែកអ្វីមួយ|ដែកអ្វីម្យ៉ាង|អ្វីមួយដែលជាដែក"
    # strange metal (ប្លែក), a coloured object, something with fins, a skull sign (a minefield)
    "|ដែកប្លែក|វត្ថុប្លែក|វត្ថុពណ៌|មានស្លាប|ផ្លាកសញ្ញាក្បាលលលាដ៍|សញ្ញាក្បាលលលាដ៍"
)
_KM_THING = rf"(?:{_KM_EXPLOSIVE}|{_KM_SUSPICIOUS})"
#: a bare "round" (គ្រាប់: a bullet, a shell, a bomblet; not a seed, a grain or a pill) is a
#: thing only when someone found or handles it ("រើសបានគ្រាប់តូចមួយ", picked up a small round)
_KM_ROUND = _word("គ្រាប់") + "(?!ពូជ|ស្រូវ|ធញ្ញជាតិ|ថ្នាំ|ពោត|សណ្តែក|ល្ង|កាហ្វេ|ឈើ)"
#: someone came upon it: found, saw (not យល់ឃើញ, an opinion; not អានឃើញ, read), came across
#: or met (ជួប), dug up, picked up (not ជ្រើសរើស, to choose; not រើសអើង, to discriminate),
#: ploughed up, stepped on (not ជាន់ទីបី, the third floor)
_KM_FOUND = (
    _word(
        "រកឃើញ|(?<!យល់)(?<!អាន)ឃើញ|ប្រទះ|ជួប(?!ប្រជុំ|ពិភាក្សា)|ជីក|(?<!ជ្រើស)រើស(?!អើង)|ភ្ជួរ"
        "|ជាន់(?!ទី|ខាងលើ|ខាងក្រោម|ផ្ទាល់ដី)"
        "|ទាញ(?!ខ្លួន|ចេញពី)|ស្ទូច"
    )
    + r"|\bfound\b|\bfind\b"
)
#: what was seen was a picture, a post or the news: a topic, not an object
_KM_MEDIA = re.compile(
    _word(
        "វីដេអូ|វីដេអូរ|រូបភាព|រូបថត|ព័ត៌មាន|ពត៌មាន|អត្ថបទ|សៀវភៅ|ប៉ុស្តិ៍|ប៉ុស្ត៍|ទូរទស្សន៍"
        "|ហ្វេសប៊ុក|ឯកសារ|តួលេខ|ស្ថិតិ"
    )
    + r"|\b(?:posts?|news|videos?|photos?|pictures?|facebook|tiktok|articles?|reports?)\b"
)
#: what was seen was a gathering about the subject: a conference, a meeting, a ceremony, a
#: campaign, a workshop, an exhibition ("ឃើញគេរៀបចំសន្និសីទអំពីមីន", saw them hold a conference
#: on mines); someone may stand between the seeing and the gathering ("គេរៀបចំ", they hold)
_KM_GATHERING = re.compile(
    _word(
        "សន្និសីទ|កិច្ចប្រជុំ|ប្រជុំ|ពិធី|យុទ្ធនាការ|សិក្ខាសាលា|វគ្គបណ្តុះបណ្តាល|ពិព័រណ៍"
        "|ព្រឹត្តិការណ៍|វេទិកា|បាតុកម្ម"
    )
    + r"|\b(?:conferences?|meetings?|summits?|ceremon(?:y|ies)|workshops?|exhibitions?)\b"
)
_KM_GATHERING_WITHIN = 24
#: an organisation or its deminers as the one who found it: CMAC, the CMAA, HALO, MAG, NPA,
#: an authority, deminers, a clearance team, or "they" (គេ: people in general; not ជាងគេ,
#: most, nor មុនគេ, first). What they found is the record ("how many bombs has CMAC
#: found?"), not the writer's find
_KM_ORGANISATION_FINDS = re.compile(
    "(?:"
    + _word(
        "ស៊ីម៉ាក់|អាជ្ញាធរ|អ្នកដោះមីន|ក្រុមដោះមីន|ក្រុមការងារដោះមីន|អ្នកជំនាញដោះមីន"
        "|អង្គការ\\S{0,12}|មជ្ឈមណ្ឌល\\S{0,20}|(?<!ជាង)(?<!មុន)គេ"
    )
    + r"|\b(?:cmac|cmaa|halo(?: trust)?|mag|npa|deminers?|ngos?)"
    + ")"
    + r"\s?(?:បាន|ទើប|ធ្លាប់|នឹង)?(?:ស្រាវជ្រាវ)?$"
)
_KM_ORGANISATION_BEFORE = 30
#: it is near people: in a rice field, a plantation, a garden, the house or its fence, the
#: village, a school, a stream, buried
_KM_LYING = _word(
    "ស្រែ|ចម្ការ|វាល|សួន|ផ្ទះ|(?<!មេ)ភូមិ(?!ភាគ)|សាលា|ទីធ្លា|មាត់បឹង|មាត់ទឹក|ដីរបស់|ដីខ្ញុំ|ដីយើង"
    "|កប់|របង|អូរ|ព្រៃ|ចិញ្ចើមផ្លូវ|ត្រពាំង|ស្រះ|បឹង"
)
#: what the person does or means to do with it: touch (not ប៉ះពាល់, to affect; not ប៉ះទង្គិច,
#: a clash), hold (not កាន់កាប់, to occupy), open (not to drive, nor to open for signature),
#: move, push, take, sell, scrap, burn, hit (not វាយប្រហារ, to attack), knock, kick (not
#: បាល់ទាត់, football), dismantle, keep (not ស្តុកទុក or រក្សាទុក, to stockpile or retain),
#: play with (not ទៅលេង, to visit)
_KM_HANDLING = _word(
    "ប៉ះ(?!ពាល់|ទង្គិច)|កាន់(?!កាប់|តែ)"
    "|បើក(?!បរ|ឡាន|ម៉ូតូ|រថយន្ត|រ៉ឺម៉ក|តាក់ស៊ី|ទូក|កង់|ឲ្យ|ឱ្យ|អោយ|ចុះ|ទូលាយ|សម័យ|វគ្គ|សន្និសីទ|កិច្ចប្រជុំ|ពិធី)"
    "|រុះរើ|(?<!រុះ)រើ(?!ស)|រំកិល|រុញ|ផ្លាស់ទី|យកចេញ|យកទៅ|យកមក|លក់|អេតចាយ|ដុត"
    "|វាយ(?!ប្រហារ|តម្លៃ)|គោះ|(?<!បាល់)ទាត់|បំបែក|(?<!ស្តុក)(?<!រក្សា)ទុក(?!ដាក់|ចិត្ត)|(?<!ទៅ)លេង"
)
#: the person asks for advice about it: is it still live or dangerous, what to do, whom to
#: call or tell. "What should the allies do about cluster bombs" asks it too, so advice
#: counts only with someone in the story or the thing lying near people
_KM_ADVICE = _word(
    "នៅផ្ទុះ|ផ្ទុះទេ|ផ្ទុះឬ|ផ្ទុះអត់|នៅអាចផ្ទុះ|គ្រោះថ្នាក់ទេ|គ្រោះថ្នាក់ឬ|គ្រោះថ្នាក់អត់"
    "|គ្រោះថ្នាក់ទៀត|នៅគ្រោះថ្នាក់"
    "|ធ្វើអ្វី|ធ្វើអី|ធ្វើដូចម្តេច|ធ្វើម៉េច|ធ្វើយ៉ាងម៉េច|ធ្វើយ៉ាងណា"
    "|ហៅនរណា|ហៅអ្នកណា|ប្រាប់នរណា|ប្រាប់អ្នកណា|រាយការណ៍"
)
#: someone in the story: I, we, oneself, a child (not កូនគ្រាប់, a submunition), relatives,
#: neighbours, villagers, farmers, a friend (not សម្ព័ន្ធមិត្ត, allies), he or she
_KM_FIRST_PERSON = _word("ខ្ញុំ|យើង|ខ្លួនឯង|អញ|គ្នាខ្ញុំ") + r"|\b(?:i|my|we|our)\b"
_KM_PERSONAL = (
    _KM_FIRST_PERSON
    + "|"
    + _word(
        "កូន(?!គ្រាប់)|ក្មេង|ក្មួយ|ចៅ|ប្អូន|បងប្រុស|បងស្រី|ឪពុក|ម្តាយ|ម៉ែ|ពុក|មីង|ពូ(?!ទីន)|យាយ"
        "|តា|ជីដូន|ជីតា|អ្នកជិតខាង|អ្នកភូមិ|កសិករ|(?<!ព័ន្ធ)មិត្ត|គ្រួសារ|ប្តី|ប្រពន្ធ|គាត់"
    )
)
#: asking for oneself without saying who: should, can, may I, want to, is it all right, help,
#: "if one finds..." (Khmer drops the pronoun: "ឃើញមីន ចង់ជីកចេញ បានទេ?")
_KM_ASKING = _word(
    "តើ(?:គួរ|អាច|ត្រូវ)|គួរ|អាច|ចង់|ប្រសិនបើ|បើ(?!ក)|បានទេ|បានអត់|បានឬទេ|ជួយផង|ជួយខ្ញុំ"
    "|ល្អទេ|ល្អ"
)
#: a message that opens with the find ("រកឃើញមីននៅក្រោយផ្ទះ", found a mine behind the house)
#: tells one's own, as "found uxo in field" does in English
_KM_OPENS_WITH_FIND = re.compile("(?:ខ្ញុំ|យើង)?(?:បាន)?(?:រកឃើញ|ប្រទះឃើញ|ជីកឃើញ|រើសបាន)")
#: a question about the record told with a memory: "when I was a child my father stepped on a
#: mine... how many have died since 1979?"; a tale (និទាន) told by a parent, what a place
#: "used to have" (ធ្លាប់មាន)
_KM_PAST_STORY = re.compile(
    _word(
        "កាលពីក្មេង|កាលនៅក្មេង|កាលខ្ញុំនៅក្មេង|កាលពីមុន|ជំនាន់ប៉ុលពត|ជំនាន់នោះ|និទាន|ធ្លាប់មាន"
    )
    + r"|ពីឆ្នាំ\s?(?:១៩|19)|ឆ្នាំ\s?(?:១៩|19)\S\S"
)
#: statistics and treaty questions: how many (and its common misspelling), per year, in total,
#: the number, most of, per cent
_KM_STATISTICS = re.compile(
    _word(
        "ប៉ុន្មាន|បុន្មាន|ប៉ុន្នាន|ក្នុងមួយឆ្នាំ|រៀងរាល់ឆ្នាំ|សរុប|ស្ថិតិ|ចំនួន|ភាគច្រើន|ភាគរយ"
        "|ច្រើនជាងគេ|ច្រើនបំផុត"
    )
)
#: has the place been cleared: swept clear (បោសសម្អាត), demined, free of mines now
_KM_CLEARED = re.compile(
    _word("បោសសម្អាត|សម្អាតរួច|ដោះមីនរួច|ដោះរួច|គ្មានមីន|អស់មីន|រួចពីមីន|ស្អាតពីមីន|ស្អាតហើយ")
)
#: stepped on something (ជាន់: also a floor, ជាន់ទី២, so it needs more) and heard a click, or
#: stepped on something hard under the ground or underfoot: a find that names no explosive
_KM_STEPPED_RE = re.compile(_word("ជាន់(?!ទី|ខាងលើ|ខាងក្រោម|ផ្ទាល់ដី)"))
_KM_CLICK_RE = re.compile(
    _word("ក្លិក|ក្រឹក|ឮសូរ|ឮសំឡេង|ឮស្នូរ|លាន់សូរ") + r"|\bclick(?:ed|s)?\b"
)
_KM_HARD_UNDERFOOT_RE = re.compile(
    _word("រឹង") + r"\S{0,8}?" + _word("ក្រោម(?:ដី|ជើង|ស្លឹកឈើ)")
    + "|" + _word("ក្រោម(?:ដី|ជើង)") + r"\S{0,10}?" + _word("រឹង")
)
#: "from which year to which year": a question about history, not a find
_KM_WHICH_YEARS = re.compile("ឆ្នាំណា")
#: someone fired, dropped or attacked: news of an attack ("did Thailand fire cluster munitions
#: into my village?"), not a find, unless the thing was found or handled or advice is asked
_KM_ATTACK_RE = re.compile(_word("បាញ់|ទម្លាក់|វាយប្រហារ"))
_KM_NEAR = 80  # characters of Khmer (spaces removed) between the thing and the situation

_KM_THING_RE = re.compile(_KM_THING)
_KM_SUSPICIOUS_RE = re.compile(_KM_SUSPICIOUS)
_KM_ROUND_RE = re.compile(_KM_ROUND)
_KM_FOUND_RE = re.compile(_KM_FOUND)
_KM_LYING_RE = re.compile(_KM_LYING)
_KM_HANDLING_RE = re.compile(_KM_HANDLING)
_KM_ADVICE_RE = re.compile(_KM_ADVICE)
_KM_PERSONAL_RE = re.compile(_KM_PERSONAL)
_KM_FIRST_PERSON_RE = re.compile(_KM_FIRST_PERSON)
_KM_ASKING_RE = re.compile(_KM_ASKING)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _near(a: list[tuple[int, int]], b: list[tuple[int, int]], within: int = _KM_NEAR) -> bool:
    """Some match of `a` and some match of `b` are at most `within` characters apart."""
    return any(
        max(b_start - a_end, a_start - b_end) <= within
        for a_start, a_end in a
        for b_start, b_end in b
    )


def _found_spans(compact: str) -> list[tuple[int, int]]:
    """Where someone found or saw something, unless what they saw was a post or the news or
    a gathering, or the one who found it was an organisation (their finds are the record)."""
    return [
        (start, end)
        for start, end in _spans(_KM_FOUND_RE, compact)
        if not _KM_MEDIA.search(compact, end, end + 14)
        and not _KM_GATHERING.search(compact, end, end + _KM_GATHERING_WITHIN)
        and not _KM_ORGANISATION_FINDS.search(
            compact, max(0, start - _KM_ORGANISATION_BEFORE), start
        )
    ]


def _stepped_on_something_km(compact: str) -> bool:
    """Stepped on something and heard a click, or felt something hard under the ground:
    nothing is named, but standing on it is the emergency."""
    stepped = _spans(_KM_STEPPED_RE, compact)
    return _near(stepped, _spans(_KM_CLICK_RE, compact), 40) or _near(
        stepped, _spans(_KM_HARD_UNDERFOOT_RE, compact), 30
    )


def reports_a_find_km(text: str) -> bool:
    """The Khmer version of `reports_a_find`. Khmer drops pronouns ("ឃើញមីននៅជិតផ្ទះ",
    saw a mine near the house), so it asks for word classes rather than sentences:

    * a thing that may explode (or a bare "round", គ្រាប់, that someone found or handles);
    * a situation near it: found or dug up, handled (touch, open, push, sell...), asked
      about (is it still live, what to do) or lying where people are (field, garden, house);
    * someone it happens to (I, a child, a neighbour...) or a question asked for oneself
      (should, can, want to, is it all right); a thing merely lying somewhere needs the
      speaker's own place ("near my house") or such a question.

    Questions with statistics words (how many, most, per cent) and nobody in them, and things
    seen in a post, a video or the news, are not finds.

    >>> reports_a_find_km("ខ្ញុំបានរកឃើញគ្រាប់បែកនៅក្នុងស្រែ តើខ្ញុំគួរធ្វើអ្វី?")
    True
    >>> reports_a_find_km("តើកម្ពុជាបានបោសសម្អាតមីនប៉ុន្មានហើយ?")
    False
    """
    compact = " ".join(piece for _, piece in runs(fold_khmer(text)))
    suspicious = _spans(_KM_SUSPICIOUS_RE, compact)
    if suspicious and (
        _near(_found_spans(compact), suspicious)
        or _near(_spans(_KM_HANDLING_RE, compact), suspicious)
    ):
        # "pulled up a metal thing shaped like a mortar round": an unknown metal object found
        # or handled is a find, told without a pronoun as Khmer tells it
        return True
    personal = bool(_KM_PERSONAL_RE.search(compact) or _KM_OPENS_WITH_FIND.match(compact))
    asking = bool(_KM_ASKING_RE.search(compact) or _KM_ADVICE_RE.search(compact))
    if (personal or asking) and _stepped_on_something_km(compact):
        return True
    if (
        _KM_STATISTICS.search(compact)
        and _KM_PAST_STORY.search(compact)
        and not (_KM_HANDLING_RE.search(compact) or _KM_ADVICE_RE.search(compact))
    ):
        return False  # a memory, then a question about the record
    if not (personal or asking):
        return False
    if _KM_STATISTICS.search(compact) and not personal:
        return False
    things = _spans(_KM_THING_RE, compact)
    found = _found_spans(compact)
    handled = _spans(_KM_HANDLING_RE, compact)
    if _KM_STATISTICS.search(compact) and not (_near(found, things) or _near(handled, things)):
        # "how many died from mines, like in my village": a question about the record, even
        # with the speaker's village in it
        return False
    if (
        _KM_PAST_STORY.search(compact)
        and _KM_CLEARED.search(compact)
        and not (_near(found, things) or _near(handled, things) or _KM_ADVICE_RE.search(compact))
    ):
        # "my mother told me our village used to have many mines: has it been cleared now?":
        # a memory, then a question about the clearance record
        return False
    if _KM_WHICH_YEARS.search(compact) and not (handled or _KM_ADVICE_RE.search(compact)):
        # "I saw the B-52s drop bombs as a boy: from which year to which year?": history
        return False
    rounds = _spans(_KM_ROUND_RE, compact)
    if rounds and (_near(found, rounds, 30) or _near(handled, rounds, 30)):
        things += rounds
    if not things:
        return False
    if _near(found, things) or _near(handled, things):
        return True
    if _KM_ATTACK_RE.search(compact) and not _KM_ADVICE_RE.search(compact):
        return False  # news of an attack on the speaker's village, not a find
    lying = _near(_spans(_KM_LYING_RE, compact), things)
    if _near(_spans(_KM_ADVICE_RE, compact), things) and (personal or lying):
        return True
    return lying and (bool(_KM_FIRST_PERSON_RE.search(compact)) or asking)


#: "what should you do if you see a cluster bomb on the ground?", "what's the right thing to
#: do when you come across a suspected UXO?": asking for the advice itself, for anyone. Not
#: "what did the CMAA tell people to do if they find a bomb" (what someone said: a question
#: about the record, answered from the knowledge base)
_WHAT_TO_DO_ON_A_FIND = re.compile(
    r"\b(?:what|whats)\b(?! (?:did|does|do the|were|was|has|have|had)\b)(?: \w+){0,6}? (?:do|to do)"
    r"(?: \w+){0,3}? (?:if|when|once|after) (?:you|i|we|one|someone|somebody|a person|people"
    r"|my \w+|kids?|children)(?: \w+){0,2}? (?:find|finds|see|sees|spot|spots|come across"
    r"|comes across|stumble on|stumbles on|encounter|encounters|step on|steps on|dig up"
    r"|digs up|run into|runs into)\b(?P<rest>(?: \w+){1,10})"
)


def _asks_what_to_do_on_a_find(basic: str) -> bool:
    """Asking what to do on finding a thing that may explode (the advice is the answer)."""
    for match in _WHAT_TO_DO_ON_A_FIND.finditer(basic):
        rest = match["rest"]
        if _TOPIC_WORDS.intersection(rest.split()):
            continue  # "what do you do if you find information about mines"
        if _THING_RE.search(rest) or (_VAGUE_RE.search(rest) and _PHYSICAL_RE.search(rest)):
            return True
    return False

"""Recognise a message that asks for the bot's own opinion or verdict.

The bot reports sourced facts and positions attributed to the people who took them; it has no
view of its own. "Was Biden right to send them? what do u think" matched to Biden's statement
would pass his words off as an answer to a question nobody can answer from sources, so such
a message is declined, with the closest questions it can answer.
"""

from __future__ import annotations

import re

from bot.answer.anchors import Anchors, words_of

_OPINION = re.compile(
    r"\b(?:do|dont|don t|does|would) (?:you|u|ya) (?:think|reckon|believe|feel)\b"
    r"|\bwhat (?:do|would|d) (?:you|u|ya) (?:think|reckon|say)\b"
    r"|\b(?:your|ur) (?:opinion|view|views|take|thoughts|verdict|stance)\b"
    r"|\bin (?:your|ur) (?:opinion|view)\b"
    r"|\b(?:was|were|is|are) (?:\w+ ){1,3}(?:right|wrong) to\b"
    r"|\bwho is (?:right|wrong)\b"
    # "should cambodia join the ccm?": what someone ought to do is a verdict, not a fact
    r"|^(?:so |but |and |ok )?should (?!i |we |you |u |one |people )(?:\w+ ){1,4}?"
    r"(?:join|sign|ratify|accede|leave|withdraw|have|send|use|ban|stop|apologi[sz]e|pay)\b"
)
#: "was hun sen's appeal hypocritical?": a judgement asked of the bot (unless someone's words
#: are asked for: "did biden say it was justified")
_VERDICT = re.compile(
    r"\b(?:was|is|were|are|isnt|wasnt) (?:\w+ ){1,5}?(?:hypocritical|hypocrite|hypocrisy"
    r"|justified|justifiable|fair|unfair|ethical|unethical|moral|immoral|a good idea"
    r"|a bad idea|a mistake|the right call|the right decision|the wrong decision|worth it)\b"
)
#: the words each needs (`Anchors`): a question without them is not scanned (every part of
#: every message is asked this)
_OPINION_WORDS = Anchors(_OPINION)
_VERDICT_WORDS = Anchors(_VERDICT)


#: the same in Khmer: "in your opinion", "do you (bot / elder brother) think", "right or wrong"
_OPINION_KM = re.compile(
    r"តាមគំនិត(?:របស់)?(?:អ្នក|បង|ប្អូន)|តាមយោបល់(?:របស់)?(?:អ្នក|បង)|(?:អ្នក|បង|bot)គិតថា"
    r"|ត្រូវ\s*ឬ\s*ខុស|ត្រូវ\s*ឬ\s*អត់"
)


def asks_opinion_km(text: str) -> bool:
    """Does this Khmer message ask what the bot itself thinks?

    >>> asks_opinion_km("តាមគំនិតរបស់អ្នក ការសម្រេចរបស់ Biden ត្រូវឬខុស?")
    True
    >>> asks_opinion_km("ហ៊ុន សែន គិតយ៉ាងណាចំពោះការសម្រេចនេះ?")
    False
    """
    return bool(_OPINION_KM.search(text.replace("\u200b", "")))


def asks_opinion(normalized: str) -> bool:
    """Does this (normalized) message ask what the bot itself thinks?

    >>> asks_opinion("was biden right to send the cluster bombs what do u think")
    True
    >>> asks_opinion("what did hun sen think of the us decision")
    False
    >>> asks_opinion("should cambodia join the ccm")
    True
    >>> asks_opinion("did biden say the decision was justified")
    False
    """
    words = words_of(normalized)
    return bool(
        _OPINION_WORDS.search(normalized, words)
        or (_VERDICT_WORDS.search(normalized, words) and " say " not in f" {normalized} ")
    )

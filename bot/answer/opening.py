"""Fit an answer's opening to the question asked.

Answers to yes/no questions open with their verdict and restate the subject ("No, Cambodia
has not joined the CCM: ..."). When the same entry answers a question that asked *what*,
*how many* or *who* ("How many cluster munitions does Cambodia have?"), a bare "Yes," in
front reads as a reply to something nobody asked, or as the bot's own verdict. The sentence
after it carries the whole meaning, so the verdict word goes and the sentence stays.
"""

from __future__ import annotations

import re

#: a question that asks for a thing, not for a yes or a no
_ASKS_FOR_A_THING = re.compile(
    r"^(?:what|whats|which|who|whos|whom|whose|when|where|why|how|tell me|explain|list)\b"
)
#: "Yes, ..." / "**No**, ..." / "**No, the CCM ...": the verdict word and its comma
_VERDICT = re.compile(r"^(?P<open>\*\*)?(?:Yes|No)(?P<close>\*\*)?,\s+(?=\S)")


def fit_opening(answer: str, normalized_question: str) -> str:
    """The answer as shown for this (normalized) question.

    >>> fit_opening("Yes, Cambodia has cluster munitions of its own.", "how many does it have")
    'Cambodia has cluster munitions of its own.'
    >>> fit_opening("**No**, the CCM does not cover mines.", "what does the ccm cover")
    'The CCM does not cover mines.'
    >>> fit_opening("No, Cambodia has not joined.", "has cambodia joined the ccm")
    'No, Cambodia has not joined.'
    """
    if not _ASKS_FOR_A_THING.match(normalized_question):
        return answer
    verdict = _VERDICT.match(answer)
    if verdict is None:
        return answer
    rest = answer[verdict.end() :]
    # "**No, the CCM ...**": the bold that opened before the verdict still has to close
    keep = "**" if verdict["open"] and not verdict["close"] else ""
    return f"{keep}{rest[:1].upper()}{rest[1:]}"

"""Split a question that names two or three countries into one question per country.

"When did Spain and Germany ratify the CCM?" asks the country table twice; the matcher, which
ranks one entry per question, can only answer one of them (or, torn between the two, neither).
Each country's question is the same sentence with the other countries taken out, so each is
answered (or not) on its own, as the parts of one reply.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: more than this many countries is a list, not a question per country
MAX_COUNTRIES = 3


def per_country(normalized: str, countries: Sequence[str]) -> list[str]:
    """The question once per country named (normalized text in, normalized text out), or
    the question alone when it names fewer than two or more than MAX_COUNTRIES.

    >>> per_country("when did spain and germany ratify the ccm", ["spain", "germany"])
    ['when did spain ratify the ccm', 'when did germany ratify the ccm']
    >>> per_country("is laos in the ccm", ["laos"])
    ['is laos in the ccm']
    """
    named = list(dict.fromkeys(countries))
    if not 2 <= len(named) <= MAX_COUNTRIES or any(" " in c for c in named):
        return [normalized]
    out = []
    for keep in named:
        text = normalized
        for other in named:
            if other != keep:
                text = re.sub(
                    rf"(?:\b(?:and|or|nor|vs|versus)\s+)?\b{re.escape(other)}\b"
                    rf"(?:\s+(?:and|or|nor|vs|versus)\b)?",
                    " ",
                    text,
                )
        out.append(" ".join(text.split()))
    return out

"""Years an answer says it could not confirm.

"Cambodia recorded 32 casualties in 2023...; we could not confirm the 2024 total" mentions
2024, but a question about 2024 is not answered by it: the year is named only to say the
figure is missing. Both readings of a question (the English matcher's subject check and the
Khmer index's name check) treat such a year as one the entry does not hold.
"""

from __future__ import annotations

import re

#: a clause of an answer as written (before punctuation is folded away)
_CLAUSE = re.compile(r"[.;!?]\s")
#: what a clause says when a figure could not be confirmed
_UNCONFIRMED = re.compile(
    r"\b(?:could not|couldn't|cannot|can't) (?:confirm|verify|find)\b|\bunverified\b"
    r"|\bnot (?:been )?confirmed\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19[4-9]\d|20[0-4]\d)\b")
#: "its votes for 2022–2024": every year between is meant
_RANGE = re.compile(r"\b(19[4-9]\d|20[0-4]\d) ?(?:-|–|—|to) ?(19[4-9]\d|20[0-4]\d)\b")


def unconfirmed_years(answer: str) -> frozenset[str]:
    """The years named in the clauses of `answer` that say a figure could not be confirmed.

    >>> sorted(unconfirmed_years("32 in 2023 (Mar 2024); we could not confirm the 2024 total."))
    ['2024']
    >>> sorted(unconfirmed_years("we could not confirm its votes for 2022–2024"))
    ['2022', '2023', '2024']
    >>> unconfirmed_years("Cambodia ratified in 1999.")
    frozenset()
    """
    years: set[str] = set()
    for clause in _CLAUSE.split(answer):
        if _UNCONFIRMED.search(clause):
            years.update(_YEAR.findall(clause))
            for first, last in _RANGE.findall(clause):
                years.update(str(y) for y in range(int(first), int(last) + 1))
    return frozenset(years)

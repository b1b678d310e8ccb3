"""Which words, said to a given entry, mean that entry is the right answer: learned per entry.

The gate's other features measure how well a question matches an entry's phrasings; they
cannot tell a question that shares an entry's words and asks for its fact from one that
shares the words and asks for something else ("how many shells did the US send in total?"
against the entry on the shells the US sent). The blind batches hold thousands of questions
other people wrote, each labelled by whether the entry the matcher put first held the facts
asked for. From them a logistic model learns, for each entry, the words that came with right
answers ("when", "arrive" for the delivery entry) and those that came with wrong ones or with
questions to decline ("total", "more"). Its log-odds join the gate as one feature
(`entry_words`), fitted and measured by `python -m bot.quality.fit_gate` with each batch left
out, so the gain is the one on writers the model had not read.

Weights ship as data (`entry_words.json` beside this module): entry id -> word -> weight,
readable, so "why did it answer?" has an answer. An entry with no weights (new, or renamed
since the fit) gets the bias alone: the gate then judges it on its other features.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

ENTRY_WORDS_FILE = Path(__file__).with_name("entry_words.json")
#: the log-odds are kept within this bound, so that one strong word cannot swamp the gate
LIMIT = 10.0


def words(normalized: str) -> frozenset[str]:
    """The words of a normalized question, each once (the model counts presence).

    >>> sorted(words("when did the shells arrive the"))
    ['arrive', 'did', 'shells', 'the', 'when']
    """
    return frozenset(normalized.split())


class EntryWords(BaseModel):
    """Per-entry word weights and a bias: the log-odds that an entry put first is right."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    bias: float
    weights: dict[str, dict[str, float]]
    #: how it was fitted (for people, not for the code)
    provenance: dict[str, object] = Field(default_factory=dict)

    def logit(self, entry_id: str, normalized: str) -> float:
        """The log-odds that `entry_id` is the right answer to this question, from its words
        alone (bounded by LIMIT)."""
        table = self.weights.get(entry_id)
        z = self.bias
        if table:
            get = table.get
            z += sum(get(w, 0.0) for w in sorted(words(normalized)))
        return max(-LIMIT, min(LIMIT, z))

    @classmethod
    def neutral(cls) -> EntryWords:
        """No weights: every entry gets 0 (for tests and before any fitting)."""
        return cls(bias=0.0, weights={})

    @classmethod
    def load(cls, path: Path = ENTRY_WORDS_FILE) -> EntryWords:
        """The shipped weights (raises on a missing or broken file: it ships with the code)."""
        return cls.model_validate(json.loads(path.read_text(encoding="utf-8")))

    def dump(self, path: Path) -> None:
        """Write the weights as JSON, one entry per line, sorted, so that a refit's diff reads
        entry by entry."""
        lines = [
            f"  {json.dumps(entry)}: {json.dumps(dict(sorted(table.items())))}"
            for entry, table in sorted(self.weights.items())
        ]
        body = ",\n".join(lines)
        text = (
            "{\n"
            f'"bias": {json.dumps(self.bias)},\n'
            f'"provenance": {json.dumps(self.provenance, sort_keys=True)},\n'
            '"weights": {\n'
            f"{body}\n"
            "}\n}\n"
        )
        path.write_text(text, encoding="utf-8")


@cache
def shipped() -> EntryWords:
    """The shipped weights, read once."""
    return EntryWords.load()

"""A learned second opinion on finds: word and word-pair weights, fitted on blind batches.

The patterns in `safety.py` recognise the ways of telling a find that someone has written
down; every new blind writer finds shapes they have not met (at first sight 76-89 % of the
finds in the safety batches got the advice). A logistic model over the words and word pairs
of the message, fitted on every labelled message (`python -m bot.quality.fit_safety`, leave
one batch out to measure it), generalises from those shapes to their neighbours: it reads
"found a thing with a lever by the canal" as close to the finds it has seen, without a
pattern for levers. It only ever adds finds, and only in a message that names or describes
an object that may explode (the patterns' own object test), so it cannot turn a question
about visas into safety advice.

The weights ship as data (`safety_model.json` beside this module), hashed with CRC-32 so
that the same word lands on the same weight on every machine.
"""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Iterable
from functools import cache
from itertools import pairwise
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

MODEL_FILE = Path(__file__).with_name("safety_model.json")
#: the hashing space: large enough that the words of a few thousand messages rarely collide
DIMENSIONS = 2**18


def features(basic: str) -> list[int]:
    """The hashed words and word pairs of `Normalizer.basic` text, each once.

    >>> features("found a mine") == features("found a mine found")
    False
    >>> len(features("found a mine"))
    5
    """
    return sorted(_hashed(basic))


def _hashed(basic: str) -> set[int]:
    words = basic.split()
    grams = set(words)
    grams.update(f"{a} {b}" for a, b in pairwise(words))
    crc = zlib.crc32
    return {crc(g.encode()) % DIMENSIONS for g in grams}


class SafetyModel(BaseModel):
    """Weights by hashed feature, a bias and the threshold a find is read from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    dimensions: int = DIMENSIONS
    bias: float
    #: the probability from which a message (with an object in it) is read as a find
    threshold: float = Field(gt=0, lt=1)
    weights: dict[int, float]
    #: how it was fitted and what it measured (for people, not for the code)
    provenance: dict[str, object] = Field(default_factory=dict)

    def probability(self, basic: str) -> float:
        """The model's probability that this text tells of a find."""
        get = self.weights.get
        z = self.bias + sum(get(f, 0.0) for f in _hashed(basic))
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))

    def flags(self, basic: str) -> bool:
        """Is the probability at or above the threshold?"""
        return self.probability(basic) >= self.threshold

    @classmethod
    def from_weights(
        cls,
        weights: Iterable[float],
        bias: float,
        threshold: float,
        *,
        keep_above: float = 0.0,
        provenance: dict[str, object] | None = None,
    ) -> SafetyModel:
        """A model from a dense weight vector, keeping the weights whose size exceeds
        `keep_above` (the rest weigh too little to move a decision)."""
        sparse = {i: round(w, 4) for i, w in enumerate(weights) if abs(w) > keep_above}
        return cls(
            bias=round(bias, 4), threshold=threshold, weights=sparse, provenance=provenance or {}
        )

    def dump(self, path: Path) -> None:
        """Write the model as JSON (what `fit_safety` ships)."""
        data = self.model_dump(mode="json")
        data["weights"] = {str(k): v for k, v in sorted(self.weights.items())}
        path.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> SafetyModel:
        """The shipped model (raises on a missing or inconsistent file: it ships with the
        code)."""
        return cls.model_validate(json.loads(path.read_text(encoding="utf-8")))


@cache
def shipped() -> SafetyModel:
    """The shipped model, read once."""
    return SafetyModel.load()

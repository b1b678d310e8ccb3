"""Fit the per-entry word weights the gate reads as its `entry_words` feature.

Called by `python -m bot.quality.fit_gate`, which owns the rows and the cross-validation:
this module only turns labelled (question, entry put first, right?) rows into weights, and
gives each row the value a model that never read its batch would give it, so that the
gate's coefficient for the feature is fitted on out-of-sample values (stacking), as it will
meet them on people's questions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.answer.entry_words import EntryWords, words
from bot.quality.sgd import fit_sparse_logistic

EPOCHS = 8
LEARNING_RATE = 0.2
L2 = 1e-3
#: weights smaller than this are not shipped (they cannot move a decision)
KEEP_ABOVE = 0.01


@dataclass(frozen=True)
class Labelled:
    """One question as the gate saw it: its batch, normalized text, entry put first, and
    whether that entry held the facts asked for."""

    batch: str
    text: str
    entry_id: str
    right: bool


def _keys(row: Labelled) -> set[str]:
    return {f"{row.entry_id}|{w}" for w in words(row.text)}


def fit(rows: Sequence[Labelled], *, seed: int = 0) -> EntryWords:
    """Logistic regression by SGD on the log loss, right and not right weighed equally (the
    rows are mostly right: without it the bias would say "right" whatever the words)."""
    keyed = [_keys(r) for r in rows]
    vocabulary = {k: i for i, k in enumerate(sorted(set().union(*keyed)))} if keyed else {}
    index = [np.fromiter((vocabulary[k] for k in sorted(ks)), dtype=np.int64) for ks in keyed]
    labels = [1.0 if r.right else 0.0 for r in rows]
    weights, bias = fit_sparse_logistic(
        index,
        labels,
        len(vocabulary),
        epochs=EPOCHS,
        learning_rate=LEARNING_RATE,
        l2=L2,
        seed=seed,
    )
    positives = sum(labels)
    tables: dict[str, dict[str, float]] = {}
    for key, i in vocabulary.items():
        if abs(weights[i]) > KEEP_ABOVE:
            entry_id, word = key.split("|", 1)
            tables.setdefault(entry_id, {})[word] = round(float(weights[i]), 4)
    return EntryWords(
        bias=round(bias, 4),
        weights=tables,
        provenance={
            "rows": len(rows),
            "right": int(positives),
            "epochs": EPOCHS,
            "learning_rate": LEARNING_RATE,
            "l2": L2,
        },
    )


def left_out(rows: Sequence[Labelled]) -> list[float]:
    """Each row's log-odds from a model fitted on every batch but its own."""
    values = [0.0] * len(rows)
    for batch in sorted({r.batch for r in rows}):
        model = fit([r for r in rows if r.batch != batch])
        for i, r in enumerate(rows):
            if r.batch == batch:
                values[i] = model.logit(r.entry_id, r.text)
    return values

"""Logistic regression by stochastic gradient descent over sparse binary features.

The learned safety opinion and the gate's per-entry words are both this model: each example
is the few feature indices it has (hashed words, entry|word keys), labels are 0 or 1, and the
two classes weigh equally (finds are rare among messages; wrong entries are rare among the
gate's rows). Seeded, so the same data gives the same weights on every machine.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt


def fit_sparse_logistic(
    examples: Sequence[Sequence[int] | npt.NDArray[np.int64]],
    labels: Sequence[float],
    dimensions: int,
    *,
    epochs: int,
    learning_rate: float,
    l2: float,
    seed: int = 0,
) -> tuple[npt.NDArray[np.float64], float]:
    """(weights, bias) fitted on the log loss; `examples[i]` lists the features example i
    has (each once)."""
    positives = sum(labels) or 1.0
    negatives = (len(labels) - positives) or 1.0
    class_weight = (len(labels) / (2 * negatives), len(labels) / (2 * positives))
    weights = np.zeros(dimensions)
    bias = 0.0
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        for i in rng.permutation(len(labels)):
            f, y = examples[i], labels[i]
            z = float(weights[f].sum()) + bias
            p = 1.0 / (1.0 + np.exp(-max(min(z, 40.0), -40.0)))
            g = (p - y) * class_weight[int(y)]
            weights[f] -= learning_rate * (g + l2 * weights[f])
            bias -= learning_rate * g
    return weights, bias

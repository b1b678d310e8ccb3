"""A mapping that forgets its oldest keys past a size: memory for "what did we offer where"."""

from __future__ import annotations

from collections import OrderedDict
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BoundedDict(OrderedDict[K, V]):
    """An insertion-ordered dict that keeps only the `size` most recent keys.

    >>> seen = BoundedDict[int, str](size=2)
    >>> seen[1], seen[2], seen[3] = "a", "b", "c"
    >>> list(seen)
    [2, 3]
    """

    def __init__(self, *, size: int) -> None:
        super().__init__()
        self.size = size

    def __setitem__(self, key: K, value: V) -> None:
        super().__setitem__(key, value)
        self.move_to_end(key)
        while len(self) > self.size:
            self.popitem(last=False)

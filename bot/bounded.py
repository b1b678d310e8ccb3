"""Bounded memories: what was offered where (for pick pairing), what was just asked (follow-ups)."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

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


class Recent(Generic[K, V]):
    """What was said recently, per key, forgotten after `ttl` seconds (and past `size` keys).

    >>> recent = Recent[str, str](size=10, ttl=60.0, clock=lambda: 0.0)
    >>> recent["alice"] = "is vietnam in the ccm"
    >>> recent.get("alice"), recent.get("bob")
    ('is vietnam in the ccm', None)
    """

    def __init__(
        self, *, size: int, ttl: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._items: BoundedDict[K, tuple[float, V]] = BoundedDict(size=size)
        self._ttl = ttl
        self._clock = clock

    def __setitem__(self, key: K, value: V) -> None:
        self._items[key] = (self._clock(), value)

    def get(self, key: K) -> V | None:
        """The value kept for `key` if it is recent enough."""
        item = self._items.get(key)
        if item is None or self._clock() - item[0] > self._ttl:
            return None
        return item[1]

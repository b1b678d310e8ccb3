"""Build the answer engine from the knowledge files: the one place adapters get an `Answerer`.

It takes paths, not settings, so that `bot.answer` depends on nothing outside the core.
"""

from __future__ import annotations

import gc
from pathlib import Path

from bot.answer.answerer import Answerer
from bot.kb.loader import load_knowledge_base
from bot.kb.models import KnowledgeBase


def load_kb(knowledge_dir: Path, seeds_dir: Path) -> KnowledgeBase:
    """Load and validate the knowledge base (raises `KnowledgeBaseError` listing every mistake)."""
    return load_knowledge_base(knowledge_dir, seeds_dir)


def build_answerer(knowledge_dir: Path, seeds_dir: Path) -> Answerer:
    """Load the knowledge base, build its index once, and settle the heap for steady latency."""
    answerer = Answerer(load_kb(knowledge_dir, seeds_dir))
    settle_heap()
    return answerer


def settle_heap() -> None:
    """Move everything built so far out of the garbage collector's sight.

    The index is hundreds of thousands of long-lived objects that never form cycles; left in
    the collector's generations, every full collection walks them all and stalls a question
    for up to 150 ms at 100,000 phrasings (the p99 in `python -m bot bench`). Frozen, they
    are still freed by reference counting when a reload drops them.
    """
    gc.collect()
    gc.freeze()

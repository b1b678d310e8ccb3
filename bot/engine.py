"""Build the answer engine from settings: the one place adapters get an `Answerer` from."""

from __future__ import annotations

import gc

from bot.answer.answerer import Answerer
from bot.config import Settings
from bot.kb.loader import load_knowledge_base
from bot.kb.models import KnowledgeBase


def load_kb(settings: Settings) -> KnowledgeBase:
    """Load and validate the configured knowledge base (raises KnowledgeBaseError)."""
    return load_knowledge_base(settings.knowledge_dir, settings.seeds_dir)


def build_answerer(settings: Settings) -> Answerer:
    answerer = Answerer(load_kb(settings))
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

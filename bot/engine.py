"""Build the answer engine from settings: the one place adapters get an `Answerer` from."""

from __future__ import annotations

from bot.answer.answerer import Answerer
from bot.config import Settings
from bot.kb.loader import load_knowledge_base
from bot.kb.models import KnowledgeBase


def load_kb(settings: Settings) -> KnowledgeBase:
    """Load and validate the configured knowledge base (raises KnowledgeBaseError)."""
    return load_knowledge_base(settings.knowledge_dir, settings.seeds_dir)


def build_answerer(settings: Settings) -> Answerer:
    return Answerer(load_kb(settings))

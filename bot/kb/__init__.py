"""The curated knowledge base: pydantic models, the YAML loader and the linter."""

from bot.kb.loader import KnowledgeBaseError, LoadIssue, load_knowledge_base
from bot.kb.models import Entry, KnowledgeBase, Source

__all__ = [
    "Entry",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "LoadIssue",
    "Source",
    "load_knowledge_base",
]

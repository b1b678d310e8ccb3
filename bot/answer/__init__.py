"""The answer engine: normalize a message, match it against the index, decide how to reply.

Pure Python over the knowledge base models: no discord, no database, no I/O after loading,
so Discord, the terminal, the CLI and the benchmarks all share exactly the same behaviour.
Adapters import from here: `build_answerer(...)` once, then `ask`, `suggest`, `rank` and
`answer_entry` on the `Answerer`.
"""

from bot.answer.answerer import MAX_QUESTION_CHARS, Answerer, Policy, Reply, Suggestion
from bot.answer.engine import build_answerer, load_kb, settle_heap
from bot.answer.matcher import Candidate

__all__ = [
    "MAX_QUESTION_CHARS",
    "Answerer",
    "Candidate",
    "Policy",
    "Reply",
    "Suggestion",
    "build_answerer",
    "load_kb",
    "settle_heap",
]

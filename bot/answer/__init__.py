"""The answer engine: normalize a message, match it against the index, decide how to reply.

Pure Python over the knowledge base models: no discord, no database, no I/O after loading,
so Discord, the terminal, the CLI and the benchmarks all share exactly the same behaviour.
"""

from bot.answer.answerer import Answerer, Reply, Suggestion
from bot.answer.matcher import Candidate, Matcher
from bot.answer.normalize import Normalizer

__all__ = ["Answerer", "Candidate", "Matcher", "Normalizer", "Reply", "Suggestion"]

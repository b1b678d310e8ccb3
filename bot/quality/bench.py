"""`python -m bot bench`: speed and scale figures, printed, never asserted.

Machines are shared and noisy, so the figures come with a baseline measured in the same
process on the same questions: rapidfuzz's `process.extractOne` with `WRatio` over the raw
phrasings, the naive way to build this bot. Ratios are ours / baseline (below 1 is faster).
"""

from __future__ import annotations

import gc
import random
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from rapidfuzz import fuzz, process

from bot.answer.answerer import Answerer
from bot.answer.engine import load_kb, settle_heap
from bot.answer.matcher import Matcher
from bot.answer.normalize import Normalizer
from bot.config import Settings
from bot.kb.models import KnowledgeBase
from bot.quality.evaluation import load_gold

_QUESTION_OPENERS = (
    "what is",
    "how many",
    "who is",
    "when did",
    "why did",
    "is the",
    "does the",
    "where is",
    "how does",
    "what did",
)
_FILLER = ("the", "a", "of", "in", "to", "and", "for", "on", "with", "about")


def _latencies(fn: Callable[[str], object], queries: Sequence[str], rounds: int) -> list[float]:
    """Per-query wall time in ms, queries interleaved over several rounds."""
    times: list[float] = []
    gc.collect()
    for _ in range(rounds):
        for q in queries:
            start = time.perf_counter()
            fn(q)
            times.append((time.perf_counter() - start) * 1000)
    return times


def _p(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _row(name: str, ours: list[float], naive: list[float]) -> str:
    med, p99 = statistics.median(ours), _p(ours, 0.99)
    bmed, bp99 = statistics.median(naive), _p(naive, 0.99)
    return (
        f"  {name:<28} median {med:8.3f} ms  p99 {p99:8.3f} ms   |  naive median "
        f"{bmed:8.3f} ms  p99 {bp99:8.3f} ms   |  ratio median {med / bmed:6.2f}  "
        f"p99 {p99 / bp99:6.2f}"
    )


def synthetic_phrasings(total: int, seed: int = 7) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """A knowledge base of `total` phrasings (7 per entry) over a Zipf-distributed vocabulary
    of 30,000 invented words, with a 25-word answer per entry."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocab = list(
        dict.fromkeys(
            "".join(rng.choice(letters) for _ in range(rng.randint(4, 10))) for _ in range(32_000)
        )
    )[:30_000]
    weights = [1.0 / (rank + 1) for rank in range(len(vocab))]

    def words(k: int) -> list[str]:
        return rng.choices(vocab, weights=weights, k=k)

    phrasings: list[tuple[str, str]] = []
    answers: dict[str, str] = {}
    entry = 0
    while len(phrasings) < total:
        entry_id = f"synthetic-{entry}"
        topic = words(3)
        for _ in range(min(7, total - len(phrasings))):
            body = topic + words(rng.randint(2, 6)) + rng.sample(_FILLER, 2)
            rng.shuffle(body)
            phrasings.append((entry_id, f"{rng.choice(_QUESTION_OPENERS)} {' '.join(body)}"))
        answers[entry_id] = " ".join(topic + words(22))
        entry += 1
    return phrasings, answers


def _perturb(text: str, rng: random.Random) -> str:
    """A question as a person might type it: a word dropped, a typo, lowercase."""
    words = text.split()
    if len(words) > 4:
        words.pop(rng.randrange(1, len(words)))
    i = rng.randrange(len(words))
    w = words[i]
    if len(w) > 4:
        j = rng.randrange(1, len(w) - 1)
        words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


def _bench_bundled(kb: KnowledgeBase, queries: list[str], rounds: int, out: TextIO) -> None:
    builds = []
    for _ in range(5):
        start = time.perf_counter()
        answerer = Answerer(kb)
        builds.append((time.perf_counter() - start) * 1000)
    raw = [p for e in kb.entries for p in e.phrasings]
    start = time.perf_counter()
    naive_choices = list(raw)
    naive_build = (time.perf_counter() - start) * 1000
    answerer.ask("warm up the dictionary and caches")
    ours = _latencies(answerer.ask, queries, rounds)
    naive = _latencies(
        lambda q: process.extractOne(q, naive_choices, scorer=fuzz.WRatio), queries, rounds
    )
    print(
        f"bundled knowledge base: {len(kb.entries)} entries, {len(raw)} phrasings, "
        f"{len(queries)} questions x {rounds} rounds",
        file=out,
    )
    print(
        f"  index build                  median {statistics.median(builds):8.1f} ms "
        f"(5 builds; naive has no index: {naive_build:.3f} ms)",
        file=out,
    )
    print(_row("per question (full engine)", ours, naive), file=out)


def _bench_synthetic(total: int, queries_wanted: int, out: TextIO) -> None:
    rng = random.Random(11)
    phrasings, answers = synthetic_phrasings(total)
    normalizer = Normalizer()
    start = time.perf_counter()
    matcher = Matcher(phrasings, normalizer, answers=answers)
    build = (time.perf_counter() - start) * 1000
    settle_heap()  # as build_answerer does for the bot
    queries = [_perturb(p, rng) for _, p in rng.sample(phrasings, queries_wanted)]
    raw = [p for _, p in phrasings]

    def ours(q: str) -> object:
        return matcher.search(normalizer(q))

    ours(queries[0])
    mine = _latencies(ours, queries, 1)
    naive = _latencies(lambda q: process.extractOne(q, raw, scorer=fuzz.WRatio), queries, 1)
    print(
        f"synthetic knowledge base: {len(answers)} entries, {len(phrasings)} phrasings, "
        f"{len(queries)} perturbed questions",
        file=out,
    )
    print(f"  index build                  {build:8.1f} ms", file=out)
    print(_row("per question (match only)", mine, naive), file=out)


def _bench_report(rows: int, out: TextIO) -> None:
    """The curator report over `rows` generated unanswered questions (timed, not asserted)."""
    import tempfile
    from datetime import date

    from bot.curator.report import build_report
    from bot.curator.store import connect, migrate

    rng = random.Random(5)
    words = (
        *_FILLER,
        "cambodia",
        "volunteer",
        "deminer",
        "visa",
        "budget",
        "nato",
        "weather",
        "tanks",
        "map",
    )
    topics = [" ".join(rng.choice(words) for _ in range(5)) for _ in range(3000)]
    now = int(time.time())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        db = connect(path)
        migrate(db)
        db.execute("BEGIN")
        db.executemany(
            "INSERT INTO unanswered (ts, question, status, top_id, top_score, guild_id, "
            "channel_kind) VALUES (?, ?, 'declined', 'ccm-what', 0.3, 1, 'guild')",
            (
                (now - rng.randrange(30 * 86_400), _perturb(rng.choice(topics), rng))
                for _ in range(rows)
            ),
        )
        db.execute("COMMIT")
        db.close()
        start = time.perf_counter()
        report = build_report(path, date.fromtimestamp(now - 31 * 86_400))
        took = (time.perf_counter() - start) * 1000
    print(
        f"curator report over {rows:,} unanswered rows: {took:8.1f} ms "
        f"({len(report.clusters)} top clusters)",
        file=out,
    )


def run_benchmarks(
    settings: Settings, gold_dir: Path, phrasings: int, queries: int, out: TextIO
) -> int:
    """Print the speed figures: bundled engine, synthetic scale, the curator report."""
    kb = load_kb(settings.knowledge_dir, settings.seeds_dir)
    questions = [item.q for item in load_gold(gold_dir)] if gold_dir.exists() else []
    questions = questions or [e.question for e in kb.entries]
    print("Speed figures (wall clock on this machine; compare ratios, not absolutes)\n", file=out)
    _bench_bundled(kb, questions, rounds=3, out=out)
    print(file=out)
    _bench_synthetic(phrasings, min(queries, phrasings), out)
    print(file=out)
    _bench_report(100_000, out)
    print(
        "\ntargets: bundled median <= 1 ms and build <= 1 s; 100,000 phrasings median <= 20 ms",
        file=out,
    )
    return 0

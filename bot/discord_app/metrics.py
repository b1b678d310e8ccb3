"""Operations: Prometheus metrics and a health check, served when BOT_METRICS_PORT is set.

`GET /metrics` (prometheus-client's text format) exposes questions by status, latency
histograms for matching and for the whole interaction, gateway latency and state per shard,
the curator store's queue depth, write errors and availability, knowledge base reloads, and
replies retried or lost. `GET /healthz` answers 200 with a small JSON body when every shard
this process runs is connected, 503 otherwise (the store being down does not make the bot
unhealthy: it keeps answering). The server runs on the bot's own event loop (aiohttp, which
discord.py already uses), on BOT_METRICS_ADDR (127.0.0.1 unless set).

Each bot gets its own registry, so tests can run several bots in one process.
"""

from __future__ import annotations

import contextlib
import logging
import math
import time
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.exposition import generate_latest
from prometheus_client.registry import Collector

if TYPE_CHECKING:
    from bot.discord_app.bot import FaqBot

log = logging.getLogger(__name__)

MATCH_BUCKETS = (0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1.0)
INTERACTION_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class _LiveState(Collector):
    """What is read at scrape time: shards, gateway latency, the curator store."""

    def __init__(self, bot: FaqBot) -> None:
        self.bot = bot

    def collect(self) -> Iterable[Metric]:
        """Gauges and counters from the bot's current state."""
        latency = GaugeMetricFamily(
            "ccm_gateway_latency_seconds",
            "Time between a gateway heartbeat and its acknowledgement, per shard",
            labels=["shard"],
        )
        for shard_id, seconds in self.bot.latencies:
            if math.isfinite(seconds):
                latency.add_metric([str(shard_id)], seconds)
        yield latency
        up = GaugeMetricFamily(
            "ccm_shard_up", "1 when the shard's gateway connection is open", labels=["shard"]
        )
        for shard_id, shard in sorted(self.bot.shards.items()):
            up.add_metric([str(shard_id)], 0.0 if shard.is_closed() else 1.0)
        yield up
        yield GaugeMetricFamily(
            "ccm_guilds", "Guilds this process serves", value=float(len(self.bot.guilds))
        )
        store = self.bot.store
        yield GaugeMetricFamily(
            "ccm_store_queue_depth",
            "Curator rows waiting to be written (queued, or kept while the database is down)",
            value=float(store.queue_depth),
        )
        yield GaugeMetricFamily(
            "ccm_store_up",
            "1 when the curator database took the last write, 0 when it is down",
            value=1.0 if store.available else 0.0,
        )
        yield CounterMetricFamily(
            "ccm_store_write_errors",
            "Failed attempts to write to the curator database",
            value=float(store.write_errors),
        )
        yield CounterMetricFamily(
            "ccm_store_rows_written", "Curator rows committed", value=float(store.written)
        )
        yield CounterMetricFamily(
            "ccm_store_rows_dropped",
            "Curator rows dropped (memory bound reached while the database was down)",
            value=float(store.dropped),
        )


class Metrics:
    """The bot's metrics; `serve()` starts the HTTP endpoint."""

    def __init__(self, bot: FaqBot) -> None:
        self.bot = bot
        self.registry = CollectorRegistry()
        self.questions = Counter(
            "ccm_questions",
            "Questions put to the engine, by the reply's status",
            ["status"],
            registry=self.registry,
        )
        self.match_seconds = Histogram(
            "ccm_match_seconds",
            "Time to match one question (normalize, match, decide)",
            buckets=MATCH_BUCKETS,
            registry=self.registry,
        )
        self.interaction_seconds = Histogram(
            "ccm_interaction_seconds",
            "Time from receiving a question to the reply being accepted by Discord",
            ["kind"],
            buckets=INTERACTION_BUCKETS,
            registry=self.registry,
        )
        self.kb_reloads = Counter(
            "ccm_kb_reloads",
            "Knowledge base reloads, by result (ok, refused)",
            ["result"],
            registry=self.registry,
        )
        self.reply_retries = Counter(
            "ccm_reply_retries",
            "Replies sent again after a Discord server error",
            registry=self.registry,
        )
        self.reply_failures = Counter(
            "ccm_reply_failures",
            "Replies that could not be delivered after every retry",
            registry=self.registry,
        )
        for status in ("answered", "clarify", "declined"):
            self.questions.labels(status)
        for result in ("ok", "refused"):
            self.kb_reloads.labels(result)
        self.registry.register(_LiveState(bot))
        self._runner: web.AppRunner | None = None

    @contextlib.contextmanager
    def interaction(self, kind: str) -> Iterator[None]:
        """Time one interaction (slash, mention, button...) from receipt to reply."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.interaction_seconds.labels(kind).observe(time.perf_counter() - start)

    def exposition(self) -> bytes:
        """The metrics in Prometheus' text format."""
        return generate_latest(self.registry)

    def health(self) -> tuple[bool, dict[str, Any]]:
        """Healthy when the bot is ready and every shard's gateway is open."""
        bot = self.bot
        shards = {str(i): not s.is_closed() for i, s in sorted(bot.shards.items())}
        healthy = bot.is_ready() and not bot.is_closed() and bool(shards) and all(shards.values())
        body = {
            "status": "ok" if healthy else "unavailable",
            "ready": bot.is_ready(),
            "shards": {i: "up" if ok else "down" for i, ok in shards.items()},
            "store": (
                "off"
                if not bot.store.enabled
                else "up"
                if bot.store.available
                else "down"
                if bot.store.available is False
                else "starting"
            ),
            "store_queue": bot.store.queue_depth,
        }
        return healthy, body

    async def serve(self, host: str, port: int) -> None:
        """Start `/metrics` and `/healthz` on host:port (one log line if the port is taken)."""

        async def metrics(_: web.Request) -> web.Response:
            return web.Response(
                body=self.exposition(), headers={"Content-Type": CONTENT_TYPE_LATEST}
            )

        async def healthz(_: web.Request) -> web.Response:
            healthy, body = self.health()
            return web.json_response(body, status=200 if healthy else 503)

        app = web.Application()
        app.router.add_get("/metrics", metrics)
        app.router.add_get("/healthz", healthz)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        try:
            await web.TCPSite(runner, host, port).start()
        except OSError as exc:
            await runner.cleanup()
            log.error(
                "metrics endpoint not started: cannot listen on %s:%d (%s); still answering",
                host,
                port,
                exc.strerror or exc,
            )
            return
        self._runner = runner
        log.info("metrics on http://%s:%d/metrics and /healthz", host, port)

    async def stop(self) -> None:
        """Stop the HTTP endpoint."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

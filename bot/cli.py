"""The command line (the contract in the README, "Command line"): `python -m bot [command]`."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NoReturn, TextIO

from pydantic import ValidationError

from bot.config import PROJECT_ROOT, Settings, describe_errors
from bot.kb.loader import KnowledgeBaseError

if TYPE_CHECKING:
    from bot.answer import Answerer
    from bot.curator.report import Report
    from bot.kb.models import KnowledgeBase

log = logging.getLogger("bot")
GOLD_DIR = PROJECT_ROOT / "eval" / "gold"
BLIND_DIR = PROJECT_ROOT / "eval" / "blind"
NO_TOKEN = (
    "DISCORD_TOKEN is not set: put it in the environment or in a .env file "
    "(see README, 'Running on Discord'), or run `python -m bot chat` for the terminal chat."
)


class UsageError(Exception):
    """A command-line argument is wrong: one line naming it, exit 2."""


class CommandFailed(Exception):
    """A command could not do its job (a store it cannot read, Discord out of reach): one
    line saying why, exit 1."""


class _Parser(argparse.ArgumentParser):
    """argparse, with a mistake on the command line as one line rather than usage and error."""

    def error(self, message: str) -> NoReturn:
        """One line naming the argument at fault, exit 2."""
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m bot",
        description=(
            "CCM advocacy Q&A bot. With no command: the Discord bot if DISCORD_TOKEN is set, "
            "otherwise the terminal chat."
        ),
    )
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("chat", help="terminal chat (reads stdin lines when not a terminal)")
    ask = sub.add_parser("ask", help="answer one question, or each line of stdin")
    ask.add_argument("--json", action="store_true", help="one JSON object per input line")
    ask.add_argument("question", nargs="*", help="the question (default: read stdin lines)")
    sub.add_parser("run", help="run the Discord bot (needs DISCORD_TOKEN)")
    sync = sub.add_parser("sync", help="register slash commands with Discord")
    sync.add_argument("--guild", type=int, help="sync to one guild (instant) instead of globally")
    kb = sub.add_parser("kb", help="knowledge base tools")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)
    kb_sub.add_parser("check", help="validate and lint the knowledge base (exit 1 on errors)")
    export = kb_sub.add_parser("export", help="print every entry")
    export.add_argument("--json", action="store_true", required=True)
    review = kb_sub.add_parser(
        "review", help="entries due for review: old figures, 👎 since review, never reviewed"
    )
    review.add_argument(
        "--max-age",
        type=_positive_int,
        metavar="DAYS",
        help="figures older than this are due (default: BOT_REVIEW_MAX_AGE_DAYS, 365)",
    )
    review.add_argument(
        "--min-downvotes",
        type=_positive_int,
        default=1,
        metavar="N",
        help="list entries with at least N 👎 since their last review (default 1)",
    )
    review.add_argument("--json", action="store_true", help="machine-readable output")
    suggest = kb_sub.add_parser("suggest", help="candidate alternates from the curator store")
    suggest.add_argument("--since", help="days back (default 30) or a date YYYY-MM-DD")
    report = sub.add_parser("report", help="what curators need to see (from the store)")
    report.add_argument("--since", help="days back (default 30) or a date YYYY-MM-DD")
    report.add_argument("--guild", type=int, help="only this guild's questions and picks")
    report.add_argument("--json", action="store_true", help="machine-readable output")
    report.add_argument(
        "--html", type=Path, metavar="FILE", help="also write a self-contained HTML page"
    )
    ev = sub.add_parser("eval", help="score the engine on the labelled gold set")
    ev.add_argument("--gold", type=Path, default=GOLD_DIR)
    ev.add_argument("--blind", type=Path, default=BLIND_DIR, help="folder of blind batches")
    ev.add_argument("--quiet", action="store_true", help="don't list the misses")
    bench = sub.add_parser("bench", help="speed and scale figures")
    bench.add_argument(
        "--phrasings", type=int, default=100_000, help="size of the synthetic knowledge base"
    )
    bench.add_argument("--queries", type=int, default=400, help="queries per measurement")
    bench.add_argument(
        "--quick",
        action="store_true",
        help="the bundled knowledge base only (seconds); with --discord, 5 s of load",
    )
    bench.add_argument(
        "--discord",
        action="store_true",
        help="the whole bot under load through a fake Discord on 127.0.0.1",
    )
    bench.add_argument(
        "--rate", type=float, default=200.0, help="with --discord: /ask per second (200)"
    )
    bench.add_argument(
        "--seconds", type=float, default=30.0, help="with --discord: seconds of load (30)"
    )
    bench.add_argument(
        "--users", type=_positive_int, default=1000, help="with --discord: askers (1000)"
    )
    bench.add_argument(
        "--profile",
        type=Path,
        metavar="FILE",
        help="with --discord: profile the bot, print the top and save pstats to FILE",
    )
    return parser


def _positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1, or a one-line usage error."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, not {value}")
    return value


def _load_kb(settings: Settings) -> KnowledgeBase:
    from bot.answer import load_kb

    return load_kb(settings.knowledge_dir, settings.seeds_dir)


def _load_answerer(settings: Settings) -> Answerer:
    from bot.answer import build_answerer

    return build_answerer(settings.knowledge_dir, settings.seeds_dir)


def cmd_ask(settings: Settings, args: argparse.Namespace, stdin: BinaryIO, stdout: TextIO) -> int:
    """`ask`: answer one question, or every line of stdin (one JSON object each with --json).

    A line that is not valid UTF-8 is never guessed at: flagged (`reason: invalid-utf8`) in
    JSON, and said so in text, as the chat does.
    """
    from rich.console import Console

    from bot.terminal.lines import Line, clean, decode
    from bot.terminal.render import (
        INVALID_UTF8_TEXT,
        invalid_input_json,
        reply_renderable,
        reply_to_json,
    )

    answerer = _load_answerer(settings)
    kb = answerer.kb
    console = Console(file=stdout, highlight=False, emoji=False, markup=False)

    def answer(line: Line) -> None:
        if args.json:
            payload = (
                invalid_input_json(line.original, "invalid-utf8")
                if line.text is None
                else reply_to_json(answerer.ask(line.text), kb)
            )
            stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
        elif line.text is None:
            console.print(INVALID_UTF8_TEXT)
            console.print()
        else:
            console.print(reply_renderable(answerer.ask(line.text), kb))
            console.print()
        stdout.flush()

    if args.question:
        question = " ".join(args.question)
        answer(Line(clean(question), question))
        return 0
    for raw in stdin:
        answer(decode(raw))
    return 0


def cmd_kb_check(settings: Settings, stdout: TextIO) -> int:
    """`kb check`: load, validate and lint the knowledge base; exit 1 on any error."""
    from bot.answer import Answerer
    from bot.kb.lint import lint

    kb = _load_kb(settings)
    findings, retrieval = lint(kb, Answerer(kb))
    errors = [f for f in findings if f.severity == "error"]
    warnings = [f for f in findings if f.severity == "warning"]
    for finding in errors + warnings:
        print(finding, file=stdout)
    phrasings = sum(len(e.phrasings) for e in kb.entries)
    khmer = [e for e in kb.entries if e.km is not None]
    reviewed = sum(1 for e in khmer if e.km is not None and e.km.reviewed)
    print(
        f"{len(kb.entries)} entries in {len(kb.files)} files, {phrasings} phrasings, "
        f"{len(kb.topics)} topics; self-retrieval {retrieval.retrieved}/{retrieval.phrasings} "
        f"({100 * retrieval.rate:.1f}%); Khmer: {len(khmer)} entries ({reviewed} reviewed), "
        f"self-retrieval {retrieval.km_retrieved}/{retrieval.km_phrasings} "
        f"({100 * retrieval.km_rate:.1f}%); {len(errors)} error(s), {len(warnings)} warning(s)",
        file=stdout,
    )
    if kb.country_counts:
        rows = ", ".join(f"{n} {status}" for status, n in kb.country_counts.items())
        print(
            f"country table: {sum(kb.country_counts.values())} rows ({rows}); "
            f"{len(kb.families)} entries generated",
            file=stdout,
        )
    return 1 if errors else 0


def cmd_kb_review(settings: Settings, args: argparse.Namespace, stdout: TextIO) -> int:
    """`kb review`: entries due for review, most urgent first, as text or JSON."""
    from datetime import UTC, datetime

    from bot.curator.database import DatabaseError, database_from_settings
    from bot.curator.feedback import read_votes
    from bot.kb.review import DayVotes, build_queue, format_text

    kb = _load_kb(settings)
    database = database_from_settings(settings)
    votes: list[DayVotes] = []
    try:
        votes = read_votes(database)
        source = database.label if database.created() else f"no curator store at {database.label}"
    except DatabaseError as exc:
        source = f"could not read {database.label} ({exc})"
        print(f"warning: 👎 not counted: {source}", file=sys.stderr)
    queue = build_queue(
        kb,
        votes,
        today=datetime.now(UTC).date(),
        max_age_days=args.max_age or settings.review_max_age_days,
        min_downvotes=args.min_downvotes,
        votes_from=source,
    )
    if args.json:
        json.dump(queue.as_json(), stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
    else:
        print(format_text(queue), file=stdout)
    return 0


def cmd_kb_export(settings: Settings, stdout: TextIO) -> int:
    """`kb export --json`: every entry, with its sources resolved to title and link."""
    from bot.terminal.render import sources_of

    kb = _load_kb(settings)
    entries = []
    for entry in kb.entries:
        data = entry.model_dump(mode="json")
        data["file"] = kb.entry_files.get(entry.id)
        reviewed = kb.entry_reviews.get(entry.id)
        data["reviewed"] = reviewed.isoformat() if reviewed else None
        data["sources"] = [
            dict(raw, **resolved)
            for raw, resolved in zip(data["sources"], sources_of(entry, kb), strict=True)
        ]
        entries.append(data)
    json.dump(
        {"reviewed": kb.reviewed.isoformat() if kb.reviewed else None, "entries": entries},
        stdout,
        ensure_ascii=False,
        indent=2,
    )
    stdout.write("\n")
    return 0


def cmd_eval(settings: Settings, args: argparse.Namespace, stdout: TextIO) -> int:
    """`eval`: score the engine on the gold set and the blind batches; exit 1 below a floor."""
    from bot.quality.blind import format_batches, load_batches, run_batch, shortfalls
    from bot.quality.evaluation import evaluate, format_result, load_gold

    answerer = _load_answerer(settings)
    result = evaluate(answerer, load_gold(args.gold))
    print(format_result(result, show_failures=not args.quiet), file=stdout)
    batches = load_batches(args.blind) if args.blind.is_dir() else {}
    blind = [run_batch(answerer, name, items) for name, items in batches.items()]
    problems = shortfalls(blind)
    if blind:
        print("\n" + format_batches(blind, show_misses=not args.quiet), file=stdout)
        print("\n".join(["", *problems]) if problems else "\nblind floors: PASS", file=stdout)
    return 0 if result.passes and not problems else 1


def cmd_bench(settings: Settings, args: argparse.Namespace, stdout: TextIO) -> int:
    """`bench`: speed and scale figures beside a naive baseline (printed, never asserted);
    `bench --discord`: the whole bot under load through a fake Discord."""
    if args.discord:
        from bot.quality.bench_discord import QUICK_SECONDS, check_bounds, run_discord_bench

        seconds = min(args.seconds, QUICK_SECONDS) if args.quick else args.seconds
        problem = check_bounds(args.rate, seconds)
        if problem:
            raise UsageError(problem)
        return run_discord_bench(
            settings,
            GOLD_DIR,
            stdout,
            rate=args.rate,
            seconds=seconds,
            users=args.users,
            profile_path=args.profile,
        )
    from bot.quality.bench import run_benchmarks

    return run_benchmarks(
        settings, GOLD_DIR, args.phrasings, args.queries, stdout, quick=args.quick
    )


def _discord_failure(exc: BaseException, command: str) -> CommandFailed | None:
    """What went wrong talking to Discord, as one line (None: not a Discord problem)."""
    import aiohttp
    import discord

    if isinstance(exc, discord.LoginFailure):
        return CommandFailed(
            f"{command}: Discord refused the token in DISCORD_TOKEN; copy a fresh one from the "
            "Developer Portal (Bot -> Reset Token)"
        )
    if isinstance(exc, discord.PrivilegedIntentsRequired):
        return CommandFailed(
            f"{command}: BOT_MESSAGE_CONTENT is on but the Message Content intent is not enabled "
            "in the Developer Portal (Bot -> Privileged Gateway Intents)"
        )
    if isinstance(exc, discord.HTTPException):
        return CommandFailed(
            f"{command}: Discord answered {exc.status} {exc.text or ''}".rstrip()
            + "; try again later"
        )
    if isinstance(exc, aiohttp.ClientError | OSError | TimeoutError | discord.GatewayNotFound):
        reason = str(exc) or type(exc).__name__
        return CommandFailed(
            f"{command}: cannot reach Discord ({reason}); check the network and try again"
        )
    return None


def cmd_run(settings: Settings) -> int:
    """`run`: the Discord bot; exit 2 with one line when no token is set, 1 when Discord
    cannot be reached or refuses the token."""
    if settings.discord_token is None:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    import asyncio

    from bot.discord_app.bot import run_bot

    answerer = _load_answerer(settings)
    try:
        asyncio.run(run_bot(settings, answerer))
    except Exception as exc:
        failure = _discord_failure(exc, "run")
        if failure is None:
            raise
        raise failure from exc
    return 0


def cmd_sync(settings: Settings, guild: int | None, stdout: TextIO) -> int:
    """`sync`: register the slash commands globally or in one guild."""
    if settings.discord_token is None:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    import asyncio

    from bot.discord_app.bot import sync_commands

    answerer = _load_answerer(settings)
    try:
        count = asyncio.run(sync_commands(settings, answerer, guild))
    except Exception as exc:
        failure = _discord_failure(exc, "sync")
        if failure is None:
            raise
        raise failure from exc
    where = f"guild {guild}" if guild else "every guild (global sync: allow up to an hour)"
    print(f"synced {count} command(s) to {where}", file=stdout)
    return 0


def _questions(settings: Settings) -> dict[str, str]:
    """Entry id -> question, to show beside ids; empty if the knowledge base won't load."""

    try:
        return {e.id: e.question for e in _load_kb(settings).entries}
    except KnowledgeBaseError:
        return {}


def _since(command: str, text: str | None) -> date:
    from bot.curator.report import SinceError, parse_since

    try:
        return parse_since(text)
    except SinceError as exc:
        raise UsageError(f"{command}: --since {exc}") from None


def _read_report(settings: Settings, command: str, since: date, guild: int | None) -> Report:
    """The report from the store, or one line saying why the store cannot be read."""
    from bot.curator.database import DatabaseError, database_from_settings
    from bot.curator.report import build_report

    database = database_from_settings(settings)
    try:
        return build_report(database, since, guild)
    except DatabaseError as exc:
        setting = "BOT_DB_URL" if settings.db_url is not None else "BOT_DB_PATH"
        raise CommandFailed(f"{command}: cannot read the curator store ({setting}): {exc}") from exc


def _check_writable(path: Path) -> None:
    """Refuse, before any work, an --html path that cannot be written."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise UsageError(f"report: --html {path} is a folder; give a file name such as report.html")
    if not folder.is_dir():
        raise UsageError(f"report: --html {path}: the folder {folder} does not exist")


def cmd_report(settings: Settings, args: argparse.Namespace, stdout: TextIO) -> int:
    """`report`: what curators need to see, as text, JSON or a self-contained HTML page."""
    from bot.curator.html import format_html
    from bot.curator.report import format_text

    since = _since("report", args.since)
    if args.html:
        _check_writable(args.html)
    report = _read_report(settings, "report", since, args.guild)
    questions = _questions(settings)
    if args.html:
        try:
            args.html.write_text(format_html(report, questions), encoding="utf-8")
        except OSError as exc:
            raise CommandFailed(
                f"report: cannot write --html {args.html}: {exc.strerror or exc}"
            ) from exc
    if args.json:
        json.dump(report.as_json(), stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
    else:
        print(format_text(report, questions), file=stdout)
        if args.html:
            print(f"\nHTML report written to {args.html}", file=stdout)
    return 0


def cmd_kb_suggest(settings: Settings, args: argparse.Namespace, stdout: TextIO) -> int:
    """`kb suggest`: candidate alternates from the store, as YAML to review."""
    from bot.curator.suggest import format_suggestions

    report = _read_report(settings, "kb suggest", _since("kb suggest", args.since), None)
    try:
        files = _load_kb(settings).entry_files
    except KnowledgeBaseError:
        files = {}
    print(format_suggestions(report, files), file=stdout)
    return 0


def _chat(settings: Settings, stdout: TextIO) -> int:
    from bot.curator.database import database_from_settings
    from bot.curator.store import Store
    from bot.terminal.chat import chat

    store = Store(database_from_settings(settings), retention_days=settings.retention_days)
    try:
        return chat(_load_answerer(settings), sys.stdin, stdout, store=store)
    finally:
        store.close()


def main(
    argv: Sequence[str] | None = None, stdin: BinaryIO | None = None, stdout: TextIO | None = None
) -> int:
    """Parse the command line, read the settings, run one command; return the exit code."""
    args = _parser().parse_args(argv)
    stdout = stdout or sys.stdout
    try:
        settings = Settings()
    except ValidationError as exc:
        for line in describe_errors(exc):
            print(line, file=sys.stderr)
        return 2
    logging.basicConfig(
        level=settings.log_level.upper(),
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        match args.command:
            case None:
                if settings.discord_token is not None:
                    return cmd_run(settings)
                return _chat(settings, stdout)
            case "chat":
                return _chat(settings, stdout)
            case "report":
                return cmd_report(settings, args, stdout)
            case "ask":
                return cmd_ask(settings, args, stdin or sys.stdin.buffer, stdout)
            case "run":
                return cmd_run(settings)
            case "sync":
                return cmd_sync(settings, args.guild, stdout)
            case "kb" if args.kb_command == "check":
                return cmd_kb_check(settings, stdout)
            case "kb" if args.kb_command == "review":
                return cmd_kb_review(settings, args, stdout)
            case "kb" if args.kb_command == "suggest":
                return cmd_kb_suggest(settings, args, stdout)
            case "kb":
                return cmd_kb_export(settings, stdout)
            case "eval":
                return cmd_eval(settings, args, stdout)
            case "bench":
                return cmd_bench(settings, args, stdout)
    except KnowledgeBaseError as exc:
        print(exc.summary(), file=sys.stderr)
        return 1
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    except CommandFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    return 2

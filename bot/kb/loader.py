"""Load knowledge/*.yaml into a validated KnowledgeBase, reporting every mistake at once.

Curators are not programmers: an error must say which file, which entry, which field and,
where YAML knows it, which line, so that the fix is obvious. Nothing is half-loaded: either the
whole knowledge base is valid, or `KnowledgeBaseError` lists everything wrong with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.kb.countries import (
    COUNTRIES_FILE,
    FAMILY,
    CountryRow,
    TableSettings,
    check_rows,
    coverage_entry,
    generate_entries,
    row_label,
    status_counts,
)
from bot.kb.models import Entry, KnowledgeBase, ListedSource, SeedDocument, page_key

SYNONYMS_FILE = "synonyms.yaml"
META_FILE = "meta.yaml"
SOURCES_FILE = "sources.yaml"
_SPECIAL_FILES = {SYNONYMS_FILE, META_FILE, SOURCES_FILE, COUNTRIES_FILE}
_META_KEYS = ("reviewed", "entries")
#: a review date may be tomorrow (a curator east of UTC), never later
_FUTURE_SLACK = timedelta(days=1)
_SEED_PARAGRAPH = re.compile(r"^\[(\d+)\]\s+(.*)$")
_SEED_HEADER = re.compile(r"^#\s*(?:(\w+):\s*)?(.*)$")


#: libyaml's parser when PyYAML has it (about 15 times faster), else the pure-Python one
_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TextDatesLoader(_SAFE_LOADER):  # type: ignore[misc]
    """YAML's safe loader, except that dates stay the text the curator wrote: `2026-13-01`
    is then a mistake we can report with its line, not a crash inside the YAML library."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _SAFE_LOADER.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True, order=True)
class LoadIssue:
    """One mistake in a knowledge file, located as precisely as the YAML allows."""

    file: str
    line: int | None
    entry: str | None
    field: str | None
    message: str
    #: the file could not be parsed at all: fix this first, other problems may follow from it
    syntax: bool = False
    #: what `entry` names: an entry of a topic file, or a row of the country table
    what: str = "entry"

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        parts = [where]
        if self.entry:
            parts.append(f"{self.what} {self.entry}")
        if self.field:
            parts.append(f"field '{self.field}'")
        return " ".join(parts) + f": {self.message}"


class KnowledgeBaseError(Exception):
    """The knowledge base could not be loaded; `issues` holds every mistake found."""

    def __init__(self, issues: Iterable[LoadIssue]) -> None:
        self.issues = sorted(issues, key=lambda i: (not i.syntax, i.file, i.line or 0, i.message))
        super().__init__(self.summary())

    def summary(self) -> str:
        """Every problem, one per line (files that cannot be parsed first), for a terminal or
        a Discord reply; a single problem is a single line."""
        if len(self.issues) == 1:
            return f"problem in the knowledge base: {self.issues[0]}"
        lines = [f"{len(self.issues)} problem(s) in the knowledge base:"]
        lines += [f"  - {issue}" for issue in self.issues]
        return "\n".join(lines)


@dataclass
class _Located:
    """A parsed entry with the line of every key, so errors can point at the right line."""

    data: Any
    line: int
    key_lines: dict[str, int] = field(default_factory=dict)
    child_lines: dict[tuple[str | int, ...], int] = field(default_factory=dict)


def _index_lines(
    node: yaml.Node,
    path: tuple[str | int, ...],
    out: dict[tuple[str | int, ...], int],
    duplicates: list[tuple[tuple[str | int, ...], int]],
) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                duplicates.append(((*path, key), key_node.start_mark.line + 1))
            seen.add(key)
            out[(*path, key)] = key_node.start_mark.line + 1
            _index_lines(value_node, (*path, key), out, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index_lines(item, (*path, i), out, duplicates)


def _parse_yaml(
    path: Path, label: str, issues: list[LoadIssue]
) -> tuple[Any, dict[tuple[str | int, ...], int]] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        issues.append(
            LoadIssue(label, None, None, None, f"not valid UTF-8 text ({exc.reason})", True)
        )
        return None
    except OSError as exc:
        issues.append(LoadIssue(label, None, None, None, f"cannot be read: {exc.strerror}", True))
        return None
    try:
        node = yaml.compose(text, Loader=_TextDatesLoader)  # parsed once: nodes carry lines
        data = _TextDatesLoader("").construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or "invalid YAML"
        hint = f" ({exc.context})" if exc.context else ""
        issues.append(
            LoadIssue(label, line, None, None, f"YAML syntax error: {problem}{hint}", True)
        )
        return None
    except yaml.YAMLError as exc:
        issues.append(LoadIssue(label, None, None, None, f"YAML error: {exc}", True))
        return None
    lines: dict[tuple[str | int, ...], int] = {}
    duplicates: list[tuple[tuple[str | int, ...], int]] = []
    if node is not None:
        _index_lines(node, (), lines, duplicates)
    for dup_path, line in duplicates:
        entry = (
            _entry_label(data, dup_path[0]) if dup_path and isinstance(dup_path[0], int) else None
        )
        issues.append(
            LoadIssue(
                label,
                line,
                entry,
                _field_name(dup_path[1:]),
                "this key appears twice in the same block; the first would be lost",
            )
        )
    return data, lines


def _entry_label(data: Any, index: int | str, name: str = "id") -> str:
    if isinstance(index, int) and isinstance(data, list) and index < len(data):
        item = data[index]
        if isinstance(item, dict) and isinstance(item.get(name), str) and item[name].strip():
            return repr(item[name].strip())
        return f"#{index + 1}"
    return str(index)


def _field_name(loc: Iterable[str | int]) -> str | None:
    name = ""
    for part in loc:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name or None


def _best_line(lines: dict[tuple[str | int, ...], int], path: tuple[str | int, ...]) -> int | None:
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())


def _load_entries(
    path: Path,
    label: str,
    issues: list[LoadIssue],
    declared: dict[str, list[tuple[str, int | None]]],
) -> list[tuple[Entry, str, int | None]]:
    parsed = _parse_yaml(path, label, issues)
    if parsed is None:
        return []
    data, lines = parsed
    if data is None:
        issues.append(
            LoadIssue(label, None, None, None, "the file is empty: expected a list of entries")
        )
        return []
    if not isinstance(data, list):
        issues.append(
            LoadIssue(
                label,
                lines.get(()),
                None,
                None,
                "expected a list of entries (each starting with '- id: ...')",
            )
        )
        return []
    entries: list[tuple[Entry, str, int | None]] = []
    for index, raw in enumerate(data):
        entry_label = _entry_label(data, index)
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            declared.setdefault(raw["id"].strip(), []).append((label, lines.get((index,))))
        if not isinstance(raw, dict):
            issues.append(
                LoadIssue(
                    label,
                    lines.get((index,)),
                    entry_label,
                    None,
                    "each entry must be a block of 'field: value' lines",
                )
            )
            continue
        if "km" in raw and not (raw.get("question") and raw.get("answer")):
            issues.append(
                LoadIssue(
                    label,
                    _best_line(lines, (index, "km")),
                    entry_label,
                    "km",
                    "Khmer text needs the English entry it translates: write the English "
                    "question and answer first, with their sources",
                )
            )
        try:
            entries.append((Entry.model_validate(raw), label, lines.get((index,))))
        except ValidationError as exc:
            issues.extend(_validation_issues(exc, label, lines, (index,), entry_label))
    return entries


def _validation_issues(
    exc: ValidationError,
    label: str,
    lines: dict[tuple[str | int, ...], int],
    at: tuple[str | int, ...],
    item: str | None,
    what: str = "entry",
) -> list[LoadIssue]:
    """A pydantic error as one LoadIssue per mistake, each on the line of its field."""
    out: list[LoadIssue] = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        message = str(err["msg"]).removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            message = "unknown field (check its spelling)"
        elif err["type"] == "missing":
            message = "this required field is missing"
        elif err["type"] == "literal_error":
            message = message.replace("Input should be", "must be")
        out.append(
            LoadIssue(
                label, _best_line(lines, (*at, *loc)), item, _field_name(loc), message, what=what
            )
        )
    return out


def _load_countries(
    path: Path,
    label: str,
    issues: list[LoadIssue],
    curated: set[str],
    today: date,
) -> tuple[list[tuple[Entry, str, int | None]], dict[str, int]]:
    """The country table: validate every row, then generate one entry per row that does not
    name a curated entry (see bot/kb/countries.py). Returns the entries and rows by status."""
    if not path.exists():
        return [], {}
    parsed = _parse_yaml(path, label, issues)
    if parsed is None:
        return [], {}
    data, lines = parsed
    if not isinstance(data, dict) or not isinstance(data.get("countries"), list):
        shape = "expected 'related_by_status:' (optional) and 'countries:', a list of rows"
        issues.append(LoadIssue(label, lines.get(()), None, "countries", shape))
        return [], {}
    settings = TableSettings()
    try:
        settings = TableSettings.model_validate({k: v for k, v in data.items() if k != "countries"})
    except ValidationError as exc:
        issues += _validation_issues(exc, label, lines, (), None)

    def row_issue(line: int | None, row: str, field: str | None, message: str) -> None:
        issues.append(LoadIssue(label, line, row, field, message, what="row"))

    rows: list[CountryRow] = []
    row_lines: list[int | None] = []
    labels: list[str] = []
    for index, raw in enumerate(data["countries"]):
        at = ("countries", index)
        item = row_label(raw, index)
        if not isinstance(raw, dict):
            row_issue(lines.get(at), item, None, "each row must be a block of 'field: value' lines")
            continue
        try:
            rows.append(CountryRow.model_validate(raw))
        except ValidationError as exc:
            issues.extend(_validation_issues(exc, label, lines, at, item, "row"))
            continue
        row_lines.append(lines.get(at))
        labels.append(item)
    for problem in check_rows(rows):
        row_issue(row_lines[problem.index], labels[problem.index], problem.field, problem.message)
    unparsed = any(issue.syntax for issue in issues)  # its ids may be in the broken file
    for index, row in enumerate(rows):
        if row.entry is not None and row.entry not in curated and not unparsed:
            message = f"no curated entry has the id {row.entry!r}"
            row_issue(row_lines[index], labels[index], "entry", message)
    generated = [
        (entry, label, row_lines[index])
        for index, entry in generate_entries(rows, settings, today)
    ]
    coverage = coverage_entry(rows, settings)
    if coverage is not None:
        generated.append((coverage, label, lines.get(("coverage_sources",))))
    return generated, status_counts(rows)


def _load_synonyms(path: Path, label: str, issues: list[LoadIssue]) -> dict[str, tuple[str, ...]]:
    if not path.exists():
        return {}
    parsed = _parse_yaml(path, label, issues)
    if parsed is None:
        return {}
    data, lines = parsed
    if data is None:
        return {}
    if not isinstance(data, dict):
        issues.append(
            LoadIssue(label, 1, None, None, "expected 'canonical term: [variant, ...]' lines")
        )
        return {}
    result: dict[str, tuple[str, ...]] = {}
    owner: dict[str, str] = {}
    for canonical, variants in data.items():
        line = lines.get((canonical,))
        if isinstance(variants, str):
            variants = [variants]
        if (
            not isinstance(canonical, str)
            or not isinstance(variants, list)
            or not all(isinstance(v, str) and v.strip() for v in variants)
        ):
            issues.append(
                LoadIssue(
                    label,
                    line,
                    None,
                    str(canonical),
                    "expected a term followed by a list of its variants"
                    + (
                        " (YAML reads yes, no, on, off, true and false as true or false: "
                        'put the word in quotes, e.g. "no":)'
                        if isinstance(canonical, bool) or any(isinstance(v, bool) for v in variants)
                        else ""
                    ),
                )
            )
            continue
        for variant in variants:
            key = variant.strip().casefold()
            if key in owner and owner[key] != canonical:
                issues.append(
                    LoadIssue(
                        label,
                        line,
                        None,
                        str(canonical),
                        f"variant {variant!r} is already listed under {owner[key]!r}",
                    )
                )
            owner[key] = canonical
        result[canonical] = tuple(v.strip() for v in variants)
    return result


@dataclass
class _Meta:
    """knowledge/meta.yaml: the whole base's review date and each entry's own."""

    reviewed: date | None = None
    entries: dict[str, date] = field(default_factory=dict)
    lines: dict[str, int | None] = field(default_factory=dict)


def _review_date(value: Any, today: date) -> tuple[date | None, str | None]:
    """A review date from meta.yaml, or the reason it is not one."""
    try:
        when = date.fromisoformat(str(value))
    except ValueError:
        return None, "expected a date such as 2026-11-28"
    if when > today + _FUTURE_SLACK:
        return None, f"{when} is in the future"
    return when, None


def _load_meta(path: Path, label: str, issues: list[LoadIssue], today: date) -> _Meta:
    meta = _Meta()
    if not path.exists():
        return meta
    parsed = _parse_yaml(path, label, issues)
    if parsed is None:
        return meta
    data, lines = parsed
    if data is None:
        return meta
    if not isinstance(data, dict):
        issues.append(
            LoadIssue(label, 1, None, None, "expected 'reviewed: <date>' and 'entries:' lines")
        )
        return meta
    for key in data:
        if key not in _META_KEYS:
            issues.append(
                LoadIssue(
                    label,
                    lines.get((key,)),
                    None,
                    str(key),
                    f"unknown field (check its spelling); expected {' or '.join(_META_KEYS)}",
                )
            )
    if data.get("reviewed") is not None:
        meta.reviewed, problem = _review_date(data["reviewed"], today)
        if problem:
            issues.append(LoadIssue(label, lines.get(("reviewed",)), None, "reviewed", problem))
    entries = data.get("entries")
    if entries is None:
        return meta
    if not isinstance(entries, dict):
        issues.append(
            LoadIssue(
                label,
                lines.get(("entries",)),
                None,
                "entries",
                "expected one 'entry-id: <date>' line per entry",
            )
        )
        return meta
    for entry_id, value in entries.items():
        line = lines.get(("entries", entry_id))
        meta.lines[str(entry_id)] = line
        when, problem = _review_date(value, today)
        if problem:
            issues.append(LoadIssue(label, line, repr(str(entry_id)), "entries", problem))
        elif when is not None:
            meta.entries[str(entry_id)] = when
    return meta


def _load_source_list(
    path: Path, label: str, issues: list[LoadIssue]
) -> tuple[ListedSource, ...] | None:
    """knowledge/sources.yaml: every page entries may cite; None when the file is missing."""
    if not path.exists():
        return None
    parsed = _parse_yaml(path, label, issues)
    if parsed is None:
        return ()
    data, lines = parsed
    if not isinstance(data, list):
        issues.append(
            LoadIssue(
                label,
                lines.get(()),
                None,
                None,
                "expected a list of sources (each starting with '- key: ...')",
            )
        )
        return ()
    listed: list[ListedSource] = []
    keys: dict[str, int | None] = {}
    urls: dict[str, str] = {}
    for index, raw in enumerate(data):
        name = _entry_label(data, index, "key")
        line = lines.get((index,))
        if not isinstance(raw, dict):
            issues.append(
                LoadIssue(label, line, name, None, "each source must be a block of 'field: value'")
            )
            continue
        try:
            source = ListedSource.model_validate(raw)
        except ValidationError as exc:
            issues.extend(_validation_issues(exc, label, lines, (index,), name))
            continue
        if source.key in keys:
            first = keys[source.key]
            where = f"{label}:{first}" if first else label
            issues.append(
                LoadIssue(label, line, name, "key", f"duplicate key: already used at {where}")
            )
            continue
        keys[source.key] = line
        if page_key(source.url) in urls:
            issues.append(
                LoadIssue(
                    label,
                    _best_line(lines, (index, "url")),
                    name,
                    "url",
                    f"this address is already listed as {urls[page_key(source.url)]}",
                )
            )
            continue
        urls[page_key(source.url)] = source.key
        listed.append(source)
    return tuple(listed)


def load_seeds(seeds_dir: Path) -> dict[str, SeedDocument]:
    """Parse seed articles: `# Key: value` header lines, then `[N] paragraph` lines."""
    seeds: dict[str, SeedDocument] = {}
    if not seeds_dir.is_dir():
        return seeds
    for path in sorted(seeds_dir.glob("*.txt")):
        title, url, paragraphs = path.stem, None, []
        for line in path.read_text(encoding="utf-8").splitlines():
            para = _SEED_PARAGRAPH.match(line)
            if para:
                paragraphs.append(para.group(2))
                continue
            header = _SEED_HEADER.match(line)
            if header and header.group(1) is None and title == path.stem and not paragraphs:
                title = header.group(2).strip()
            elif header and header.group(1) == "URL":
                url = header.group(2).strip()
        seeds[path.stem] = SeedDocument(
            stem=path.stem, title=title, url=url, paragraphs=tuple(paragraphs)
        )
    return seeds


def knowledge_files(knowledge_dir: Path) -> list[Path]:
    """The topic files in a knowledge folder (not synonyms.yaml or meta.yaml), in order."""
    return sorted(p for p in knowledge_dir.glob("*.yaml") if p.name not in _SPECIAL_FILES)


def load_knowledge_base(
    knowledge_dir: Path, seeds_dir: Path | None = None, *, today: date | None = None
) -> KnowledgeBase:
    """Load and validate every knowledge file; raise KnowledgeBaseError listing all mistakes.

    `today` (default: the UTC date) is what review dates in meta.yaml may not be later than,
    and dates the answers generated from the country table ("has bound it since").
    """
    knowledge_dir = Path(knowledge_dir)
    today = today or datetime.now(UTC).date()
    seeds_dir = seeds_dir if seeds_dir is not None else knowledge_dir.parent / "seeds"
    issues: list[LoadIssue] = []
    if not knowledge_dir.is_dir():
        raise KnowledgeBaseError(
            [LoadIssue(str(knowledge_dir), None, None, None, "knowledge folder not found")]
        )
    files = knowledge_files(knowledge_dir)
    if not files:
        issues.append(LoadIssue(str(knowledge_dir), None, None, None, "no *.yaml knowledge files"))

    def label(path: Path) -> str:
        return f"{knowledge_dir.name}/{path.name}"

    loaded: list[tuple[Entry, str, int | None]] = []
    # every id written, valid entry or not: one mistake is reported once, and two entries
    # sharing an id are reported even when one of them has other mistakes
    declared: dict[str, list[tuple[str, int | None]]] = {}
    for path in files:
        loaded.extend(_load_entries(path, label(path), issues, declared))
    countries_path = knowledge_dir / COUNTRIES_FILE
    generated, country_counts = _load_countries(
        countries_path, label(countries_path), issues, set(declared), today
    )
    for entry, file, line in generated:
        declared.setdefault(entry.id, []).append((file, line))
    loaded.extend(generated)
    synonyms = _load_synonyms(
        knowledge_dir / SYNONYMS_FILE, label(knowledge_dir / SYNONYMS_FILE), issues
    )
    meta_label = label(knowledge_dir / META_FILE)
    meta = _load_meta(knowledge_dir / META_FILE, meta_label, issues, today)
    listed = _load_source_list(
        knowledge_dir / SOURCES_FILE, label(knowledge_dir / SOURCES_FILE), issues
    )
    seeds = load_seeds(seeds_dir)
    # a file that could not be parsed declares no ids: "no entry has the id" would only echo
    # its syntax error, once for every link into it (meta.yaml's review dates, `related`)
    unparsed = any(issue.syntax for issue in issues)
    for entry_id, line in meta.lines.items():
        if entry_id not in declared and not unparsed:
            issues.append(
                LoadIssue(
                    meta_label,
                    line,
                    repr(entry_id),
                    "entries",
                    f"no entry has the id {entry_id!r} (renamed or removed?)",
                )
            )

    for entry_id, places in declared.items():
        first_file, first_line = places[0]
        where = f"{first_file}:{first_line}" if first_line else first_file
        for file, line in places[1:]:
            issues.append(
                LoadIssue(
                    file, line, repr(entry_id), "id", f"duplicate id: already used at {where}"
                )
            )
    for entry, file, line in loaded:
        for related in entry.related:
            if related not in declared and not unparsed:
                issues.append(
                    LoadIssue(
                        file, line, repr(entry.id), "related", f"no entry has the id {related!r}"
                    )
                )
        for i, source in enumerate(entry.sources):
            if source.seed is None:
                continue
            doc = seeds.get(source.seed)
            if doc is None:
                issues.append(
                    LoadIssue(
                        file,
                        line,
                        repr(entry.id),
                        f"sources[{i}].seed",
                        f"no seed article named {source.seed!r} in seeds/",
                    )
                )
            elif source.paragraph is not None and source.paragraph > len(doc.paragraphs):
                issues.append(
                    LoadIssue(
                        file,
                        line,
                        repr(entry.id),
                        f"sources[{i}].paragraph",
                        f"the seed article has only {len(doc.paragraphs)} paragraphs",
                    )
                )
    if issues:
        raise KnowledgeBaseError(issues)
    return KnowledgeBase(
        entries=tuple(e for e, _, _ in loaded),
        synonyms=synonyms,
        seeds=seeds,
        reviewed=meta.reviewed,
        entry_reviews=meta.entries,
        listed_sources=listed,
        files=tuple(label(p) for p in files)
        + ((label(countries_path),) if countries_path.exists() else ()),
        entry_files={e.id: file for e, file, _ in loaded},
        country_counts=country_counts,
        families={e.id: FAMILY for e, _, _ in generated},
    )

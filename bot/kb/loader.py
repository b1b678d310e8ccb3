"""Load knowledge/*.yaml into a validated KnowledgeBase, reporting every mistake at once.

Curators are not programmers: an error must say which file, which entry, which field and,
where YAML knows it, which line, so that the fix is obvious. Nothing is half-loaded: either the
whole knowledge base is valid, or `KnowledgeBaseError` lists everything wrong with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
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
from bot.kb.models import Entry, KnowledgeBase, SeedDocument

SYNONYMS_FILE = "synonyms.yaml"
META_FILE = "meta.yaml"
_SPECIAL_FILES = {SYNONYMS_FILE, META_FILE, COUNTRIES_FILE}
#: libyaml's parser when PyYAML has it (about 15 times faster), else the pure-Python one
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SEED_PARAGRAPH = re.compile(r"^\[(\d+)\]\s+(.*)$")
_SEED_HEADER = re.compile(r"^#\s*(?:(\w+):\s*)?(.*)$")


@dataclass(frozen=True, order=True)
class LoadIssue:
    """One mistake in a knowledge file, located as precisely as the YAML allows."""

    file: str
    line: int | None
    entry: str | None
    field: str | None
    message: str
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
        self.issues = sorted(issues, key=lambda i: (i.file, i.line or 0, i.message))
        super().__init__(self.summary())

    def summary(self) -> str:
        """Every problem, one per line, for a terminal or a Discord reply."""
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


def _plain(value: Any) -> Any:
    """YAML turns `2025-09-08` into a date; our models keep dates as the text curators wrote."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


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
        issues.append(LoadIssue(label, None, None, None, f"not valid UTF-8 text ({exc.reason})"))
        return None
    except OSError as exc:
        issues.append(LoadIssue(label, None, None, None, f"cannot be read: {exc.strerror}"))
        return None
    try:
        node = yaml.compose(text, Loader=_YAML_LOADER)  # parsed once: nodes carry the lines
        data = _YAML_LOADER("").construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or "invalid YAML"
        hint = f" ({exc.context})" if exc.context else ""
        issues.append(LoadIssue(label, line, None, None, f"YAML syntax error: {problem}{hint}"))
        return None
    except yaml.YAMLError as exc:
        issues.append(LoadIssue(label, None, None, None, f"YAML error: {exc}"))
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
    return _plain(data), lines


def _entry_label(data: Any, index: int | str) -> str:
    if isinstance(index, int) and isinstance(data, list) and index < len(data):
        item = data[index]
        if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"].strip():
            return repr(item["id"].strip())
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
        try:
            entries.append((Entry.model_validate(raw), label, lines.get((index,))))
        except ValidationError as exc:
            issues += _validation_issues(exc, label, lines, (index,), entry_label)
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
            LoadIssue(label, _best_line(lines, (*at, *loc)), item, _field_name(loc), message, what)
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
        issues.append(LoadIssue(label, line, row, field, message, "row"))

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
    for index, row in enumerate(rows):
        if row.entry is not None and row.entry not in curated:
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
                    "expected a term followed by a list of its variants",
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


def _load_meta(path: Path, label: str, issues: list[LoadIssue]) -> date | None:
    if not path.exists():
        return None
    parsed = _parse_yaml(path, label, issues)
    if parsed is None:
        return None
    data, lines = parsed
    reviewed = data.get("reviewed") if isinstance(data, dict) else None
    if reviewed is None:
        return None
    try:
        return date.fromisoformat(str(reviewed))
    except ValueError:
        issues.append(
            LoadIssue(
                label,
                lines.get(("reviewed",)),
                None,
                "reviewed",
                "expected a date such as 2026-11-28",
            )
        )
        return None


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

    `today` dates the answers generated from the country table ("has bound it since" or
    "binds it from"); it defaults to the current date.
    """
    knowledge_dir = Path(knowledge_dir)
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
        countries_path, label(countries_path), issues, set(declared), today or date.today()
    )
    for entry, file, line in generated:
        declared.setdefault(entry.id, []).append((file, line))
    loaded.extend(generated)
    synonyms = _load_synonyms(
        knowledge_dir / SYNONYMS_FILE, label(knowledge_dir / SYNONYMS_FILE), issues
    )
    reviewed = _load_meta(knowledge_dir / META_FILE, label(knowledge_dir / META_FILE), issues)
    seeds = load_seeds(seeds_dir)

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
            if related not in declared:
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
        reviewed=reviewed,
        files=tuple(label(p) for p in files)
        + ((label(countries_path),) if countries_path.exists() else ()),
        entry_files={e.id: file for e, file, _ in loaded},
        country_counts=country_counts,
        families={e.id: FAMILY for e, _, _ in generated},
    )

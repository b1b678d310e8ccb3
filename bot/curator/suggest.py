"""`python -m bot kb suggest`: candidate alternates from what people asked, as YAML to review.

It never edits `knowledge/`: a curator pastes what is right, then runs `kb check`.
"""

from __future__ import annotations

from collections import defaultdict

from bot.curator.report import Report


def format_suggestions(report: Report, entry_files: dict[str, str]) -> str:
    """Candidate alternates as YAML a curator can review and paste. Never edits knowledge/."""
    lines = [
        "# Candidate alternates from what people asked (python -m bot kb suggest).",
        "# Review each one: paste the good ones under the entry's `alternates:` in the",
        "# file named, then run `python -m bot kb check`.",
        "",
    ]
    by_entry: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for question, entry_id, count in report.picks:
        by_entry[entry_id].append((question, count))
    if by_entry:
        lines.append("# 1. People asked these, then picked the entry from the suggestions:")
    for entry_id, asked in sorted(by_entry.items()):
        lines.append(f"- id: {entry_id}  # in {entry_files.get(entry_id, 'an unknown file')}")
        lines.append("  alternates:")
        lines += [f"  - {_yaml_str(q)}  # picked {n}x" for q, n in asked]
    picked = {q for q, _, _ in report.picks}
    open_clusters = [c for c in report.clusters if c.representative not in picked]
    if open_clusters:
        lines += [
            "",
            "# 2. Unanswered clusters: add to the nearest entry if it answers them,",
            "#    or write a new entry (see README, 'Curating the knowledge base').",
        ]
    for c in open_clusters:
        lines.append(f"# x{c.count} nearest: {c.nearest_id or 'none'} ({c.nearest_score:.2f})")
        lines += [f"#   - {_yaml_str(q)}" for q in c.examples]
    if len(lines) == 4:
        lines.append("# Nothing recorded yet.")
    return "\n".join(lines)


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

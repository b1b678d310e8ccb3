"""The Khmer test fixture: Khmer blocks for 22 bundled entries, added to a copy of knowledge/.

The real Khmer text is written on the content branch; these blocks (tests/fixtures/khmer/) only
exist to test and measure the engine, and never go into knowledge/ from here.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from tests.paths import ROOT

KHMER_DATA = ROOT / "tests" / "fixtures" / "khmer"
KM_BLOCKS = KHMER_DATA / "km_blocks.yaml"
QUESTIONS = KHMER_DATA / "questions.yaml"


def km_blocks() -> dict[str, dict[str, Any]]:
    """Entry id -> its Khmer block, as the fixture writes it."""
    data: dict[str, dict[str, Any]] = yaml.safe_load(KM_BLOCKS.read_text(encoding="utf-8"))
    return data


def labelled_questions() -> list[tuple[str, str | None]]:
    """(Khmer question, the entry that answers it or None) from the fixture."""
    items = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    return [(item["q"], item["id"]) for item in items]


def block_yaml(block: dict[str, Any], indent: str = "  ") -> str:
    """A `km:` block as YAML lines, indented to sit inside an entry."""
    text = yaml.safe_dump({"km": block}, allow_unicode=True, sort_keys=False, width=10_000)
    return "".join(f"{indent}{line}\n" for line in text.splitlines())


def write_khmer_knowledge(
    target: Path, blocks: dict[str, dict[str, Any]] | None = None
) -> Path:
    """A copy of knowledge/ under `target` with `blocks` (default: the fixture's) added to
    their entries, each right after the entry's `- id:` line. Returns the new folder."""
    blocks = km_blocks() if blocks is None else blocks
    folder = target / "knowledge"
    shutil.copytree(ROOT / "knowledge", folder)
    placed: set[str] = set()
    for path in sorted(folder.glob("*.yaml")):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        out: list[str] = []
        in_km = False  # the bundled Khmer blocks give way to the fixture's, so tests stay fixed
        for line in lines:
            if line.startswith("  km:"):
                in_km = True
                continue
            if in_km and line.startswith("    "):
                continue
            in_km = False
            out.append(line)
            if line.startswith("- id: "):
                entry_id = line.removeprefix("- id: ").strip()
                if entry_id in blocks:
                    out.append(block_yaml(blocks[entry_id]))
                    placed.add(entry_id)
        path.write_text("".join(out), encoding="utf-8")
    missing = set(blocks) - placed
    if missing:
        raise ValueError(f"no entry for Khmer blocks {sorted(missing)}")
    return folder

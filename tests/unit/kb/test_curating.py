"""Curation needs nothing outside the repository: the guide and the README point only inside."""

from __future__ import annotations

import re

from tests.paths import ROOT

GUIDE = ROOT / "knowledge" / "CURATING.md"


def curation_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("## Curating the knowledge base")
    return readme[start : readme.index("\n## ", start + 1)]


def test_readme_curation_section_links_the_guide_and_nothing_outside() -> None:
    section = curation_section()
    assert "knowledge/CURATING.md" in section and "knowledge/sources.yaml" in section
    assert "../" not in section and "facts.md" not in section


def test_the_guide_names_only_files_the_repository_has() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    assert "../" not in guide and "facts.md" not in guide
    named = set(re.findall(r"`((?:knowledge|seeds|eval)/[\w./*-]*)`", guide))
    assert {"knowledge/sources.yaml", "knowledge/meta.yaml", "seeds/"} <= named
    for path in named:
        if "*" in path:
            assert list(ROOT.glob(path)), path
        else:
            assert (ROOT / path).exists(), path


def test_knowledge_and_seed_files_point_inside_too() -> None:
    for path in [*(ROOT / "knowledge").glob("*.yaml"), *(ROOT / "seeds").glob("*.txt")]:
        text = path.read_text(encoding="utf-8")
        assert "../shared" not in text and "facts.md" not in text, path.name

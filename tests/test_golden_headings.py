"""The hand-read heading golden file (tests/golden/headings.yaml) matches the documents it describes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

GOLDEN = Path(__file__).parent / "golden" / "headings.yaml"
PINGTAN = Path(__file__).resolve().parent.parent.parent / "shared" / "real-docs" / "pingtan"
# Between a marker and its title the raw text may hold spaces or a leaked Word comment.
MARKER_GAP = r"[ \u3000]*(?:<!--\[endif\]-->)?"


def _golden() -> dict:
    """Heading entries per document file name."""
    return yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))


@pytest.mark.skipif(not PINGTAN.is_dir(), reason="../shared/real-docs not present")
@pytest.mark.parametrize("name, entries", sorted(_golden().items()))
def test_headings_occur_in_document_order(name, entries):
    text = (PINGTAN / name).read_text(encoding="utf-8")
    position = 0
    for entry in entries:
        found = re.compile(re.escape(entry["marker"]) + MARKER_GAP + re.escape(entry["title"])).search(text, position)
        assert found, (name, entry)
        position = found.end()


@pytest.mark.parametrize("name, entries", sorted(_golden().items()))
def test_levels_nest(name, entries):
    previous = 0
    for entry in entries:
        assert set(entry) <= {"level", "marker", "title", "list_item"}
        assert 1 <= entry["level"] <= previous + 1, (name, entry)
        assert entry.get("list_item", False) in (False, True)
        previous = entry["level"]

"""The same file gives the same rows whatever was processed before it (jieba's words loaded at start-up)."""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import CORPUS, ROOT

# Before the fix this PDF gave 211 paragraphs alone and 210 after any other file: jieba learnt the
# taxonomy's words when the first report reached the figures stage, and cleaned later ones with them.
TIBET_PDF = CORPUS / "pdf" / "tibet-foreign-affairs-2022-performance-management-summary.chromium.pdf"
KORLA = CORPUS / "korla-2020-performance-management.txt"

DUMP = """
import json, sys
from pathlib import Path
from pipeline.runner import run_file
reports = [run_file(Path(p)) for p in sys.argv[1:]]
last = reports[-1]
print(json.dumps({
    "paragraphs": [(p.kind, p.page, p.start, p.end, p.text) for p in last.paragraphs],
    "sections": [(s.level, s.heading, s.start) for s in last.sections],
    "figures": [(f.kind, f.surface, str(f.value), f.metric, f.start) for f in last.figures],
}, ensure_ascii=False))
"""


def rows_after(*paths) -> dict:
    """Return the last file's rows when the files are processed in order in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", DUMP, *map(str, paths)], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_a_pdf_gives_identical_rows_first_or_after_another_file():
    alone, after = rows_after(TIBET_PDF), rows_after(KORLA, TIBET_PDF)
    assert len(alone["paragraphs"]) > 200
    assert alone == after


@pytest.mark.slow
def test_a_text_gives_identical_rows_first_or_after_another_file():
    baoji = CORPUS / "baoji-2023-performance-management.txt"
    alone, after = rows_after(baoji), rows_after(KORLA, CORPUS / "lhasa-2020-performance-management.txt", baoji)
    assert alone == after and len(alone["figures"]) > 10

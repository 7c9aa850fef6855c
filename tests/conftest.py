"""Shared fixtures: a fresh database, the corpus paths, the corpus processed once per session, the stress renderings' folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from pipeline.models import Report
from pipeline.runner import run_file
from pipeline.schema import open_database

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
# The real Pingtan texts (../shared/real-docs, beside the checkout in CI); tests that read them skip without it.
PINGTAN = ROOT.parent / "shared" / "real-docs" / "pingtan"
needs_pingtan = pytest.mark.skipif(not PINGTAN.exists(), reason="../shared/real-docs not beside the checkout")


def skip_without_pingtan() -> None:
    """Skip the calling fixture's tests when the real Pingtan texts are not beside the checkout (marks do not apply to fixtures)."""
    if not PINGTAN.exists():
        pytest.skip("../shared/real-docs not beside the checkout")


GOLDEN = Path(__file__).parent / "golden"
TEXT_REPORTS = sorted(CORPUS.glob("*.txt"))


@pytest.fixture
def fresh_db(tmp_path):
    """An empty database with every migration applied."""
    return open_database(tmp_path / "test.db")


@pytest.fixture(scope="session")
def corpus_reports() -> dict[str, Report]:
    """Every text report of the corpus run through all stages, keyed by file name."""
    return {path.name: run_file(path) for path in TEXT_REPORTS}


@pytest.fixture(scope="session")
def golden_reports() -> dict:
    """Front matter and heading counts written by reading the reports."""
    return yaml.safe_load((GOLDEN / "reports.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def stress_cache(tmp_path_factory) -> Path:
    """One folder per test session for the stress corpus's rendered PDFs (or $GOVREPORTS_STRESS_CACHE, kept between sessions)."""
    kept = os.environ.get("GOVREPORTS_STRESS_CACHE")
    return Path(kept) if kept else tmp_path_factory.mktemp("stress-renderings")

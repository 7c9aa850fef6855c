"""Print stress cases to PDF with corpus/render_pdfs.py's producers, cached by case."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from corpus import render_pdfs as rp
from tests.stress.layouts import PROGRAM_OF, Case, styled_report

# The program each producer needs on PATH (reportlab needs only the Python venv).
BINARIES = {"chromium": ("chromium", "chromium-browser"), "libreoffice": ("soffice", "libreoffice")}
RENDERERS = {"reportlab": rp.render_reportlab, "chromium": rp.render_chromium, "libreoffice": rp.render_libreoffice}


class ProducerMissing(RuntimeError):
    """The program a producer needs is not installed."""


CJK_FONT_FAMILY = "Noto"  # render_pdfs asks chromium and LibreOffice for Noto Sans/Serif CJK SC


@cache
def has_cjk_font() -> bool:
    """True if fontconfig knows a Noto CJK font for Chinese (Debian: fonts-noto-cjk)."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return False
    listed = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=60).stdout
    return CJK_FONT_FAMILY in listed


def missing_program(producer: str) -> str | None:
    """Why a producer cannot run here (its program or the CJK fonts are not installed), or None if it can."""
    names = BINARIES.get(PROGRAM_OF[producer], ())
    package = "chromium" if "chromium" in names else "libreoffice-writer-nogui"
    if names and not any(shutil.which(n) for n in names):
        return f"{producer} needs {' or '.join(names)} on PATH (Debian: {package}, fonts-noto-cjk)"
    if names and not has_cjk_font():
        return f"{producer} needs the Noto CJK fonts (Debian: fonts-noto-cjk)"
    return None


def render_case(case: Case, cache_dir: Path) -> Path:
    """The PDF of a case, rendered into `cache_dir` unless it is there already."""
    out = cache_dir / f"{case.key}.pdf"
    if out.exists():
        return out
    reason = missing_program(case.producer)
    if reason:
        raise ProducerMissing(reason)
    cache_dir.mkdir(parents=True, exist_ok=True)
    report = styled_report(case)
    with tempfile.TemporaryDirectory(prefix="stress-", dir=cache_dir) as tmp:
        partial = Path(tmp) / out.name
        try:
            RENDERERS[PROGRAM_OF[case.producer]](report, partial, Path(tmp), case.layout(report.title))
        except SystemExit as exc:  # render_pdfs exits with the producer's stderr; a test wants an exception
            raise RuntimeError(f"{case.key}: {exc}") from None
        partial.replace(out)
    return out

"""The analysis notebooks run top to bottom on the bundled corpus and show the real figures."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def outputs_text(notebook) -> str:
    """Return every text output of an executed notebook, joined."""
    parts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", "") or output.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


@pytest.mark.slow
def test_cross_report_comparison_notebook_runs_and_shows_the_cut_rates():
    notebook = nbformat.read(NOTEBOOKS / "cross_report_comparison.ipynb", as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS.parent)}}).execute()
    text = outputs_text(notebook)
    assert "5 reports loaded, 0 failed" in text
    assert "38.08%" in text and "34%" in text  # Baoji 2023 and Lhasa 2024-2025 side by side
    assert "良" in text and "优" in text  # grades of the Lhasa annex (1)
    assert "参战退役人员补助经费" in text and "参战退役人员满意率" in text  # forms: the Tancheng form lost 3 points on 满意率

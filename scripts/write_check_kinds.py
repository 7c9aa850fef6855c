"""Rewrite the table of check kinds in docs/data-dictionary.md from the audit's registry.

Run after adding a check kind: PYTHONPATH=. python scripts/write_check_kinds.py
"""

from pathlib import Path

from extractors.audit.present import KINDS_END, KINDS_START, kinds_markdown

DICTIONARY = Path(__file__).resolve().parent.parent / "docs" / "data-dictionary.md"


def main() -> None:
    """Replace the text between the check-kind markers with the registry's table."""
    text = DICTIONARY.read_text(encoding="utf-8")
    head, rest = text.split(KINDS_START, 1)
    _, tail = rest.split(KINDS_END, 1)
    DICTIONARY.write_text(head + kinds_markdown() + tail, encoding="utf-8")


if __name__ == "__main__":
    main()

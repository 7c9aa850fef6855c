"""The data dictionary describes every table, view and column the migrations create."""

import re
from pathlib import Path

DICTIONARY = Path(__file__).resolve().parent.parent / "docs" / "data-dictionary.md"
# Tables sqlite-utils and FTS5 create for their own use.
INTERNAL = re.compile(r"^(_sqlite_migrations|.*_fts(_.*)?|sqlite_.*)$")


def documented() -> dict[str, set[str]]:
    """Return {table: {columns}} from the dictionary's `## name` sections and `| \\`col\\` |` rows."""
    tables: dict[str, set[str]] = {}
    current = None
    for line in DICTIONARY.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            tables[current] = set()
        elif current and (match := re.match(r"\|\s*`([^`]+)`\s*\|", line)):
            tables[current].add(match.group(1))
    return tables


def test_every_table_and_column_is_documented(fresh_db):
    docs = documented()
    names = [n for n in fresh_db.table_names() + fresh_db.view_names() if not INTERNAL.match(n)]
    for name in names:
        assert name in docs, f"table or view {name} is not in docs/data-dictionary.md"
        columns = {c.name for c in fresh_db[name].columns}
        missing = columns - docs[name]
        assert not missing, f"{name}: columns {sorted(missing)} are not documented"


def test_migrations_are_idempotent(tmp_path):
    from pipeline.schema import migrations, open_database

    db = open_database(tmp_path / "a.db")
    applied = [m.name for m in migrations.applied(db)]
    db = open_database(tmp_path / "a.db")
    assert [m.name for m in migrations.applied(db)] == applied

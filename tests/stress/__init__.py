"""The generated stress corpus: golden tables rendered with randomised, seeded layouts (issue 13).

`documents` turns golden table files into documents to render, `layouts` draws seeded cases
(producer, rules, orientation, font size, margins, forced page breaks, page furniture),
`render` prints a case to PDF with corpus/render_pdfs.py's producers (cached), and `check`
scores the tables the pipeline recovers from it against the golden file; `session` is what the
tests call: a case rendered, skipped without its producer, and extracted once per test session.
"""

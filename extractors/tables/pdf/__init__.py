"""PDF tables: page lines, several parsers behind one base, quality scoring, stitching and the finder."""

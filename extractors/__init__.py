"""The pipeline's stages: load, clean, segment, tables, figures, audit (one module each)."""

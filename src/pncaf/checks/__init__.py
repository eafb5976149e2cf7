"""The rules of `pncaf check`, their diagnostics, and the runner over many files."""

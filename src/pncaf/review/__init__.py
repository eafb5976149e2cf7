"""Review a change by its meaning: `pncaf diff` and the append-only history of `check --base`."""

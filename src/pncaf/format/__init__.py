"""The convention format: models, constraints, the validator and its messages."""

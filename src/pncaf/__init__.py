"""pncaf: check and run « Point numérique Caf » conventions kept as YAML files."""

__version__ = "0.1.0"

"""The diagnostics `check` raises: the one problem shape of pncaf (`pncaf.problems`), seen
from the checks."""

from pncaf.problems import Diagnostic, Severity, counted, sort_key

__all__ = ["Diagnostic", "Severity", "counted", "sort_key"]

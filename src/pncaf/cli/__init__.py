"""The command line: nothing here is needed to use pncaf from code."""

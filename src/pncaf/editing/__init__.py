"""Changing convention files while keeping everything else byte for byte."""

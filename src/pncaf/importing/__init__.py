"""Bring a convention already signed (Word, text or Markdown) into a convention file."""

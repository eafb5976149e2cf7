"""One module per command: its options, its examples, and a call into the library."""

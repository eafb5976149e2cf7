"""Reading and writing convention files: discovery, YAML with positions, loading, atomic writes."""

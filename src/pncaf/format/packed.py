"""A convention kept as its compressed text, read again when it is needed.

`reminders --send` sorts what is due over the whole network by date before sending it, so
it must keep every convention with something due until the end: as data (about 18 KB each)
ten thousand of them took 180 MB. Kept as their text, compressed (about 2 KB), they take a
tenth of that; each is read again from that same text when its message is composed, so
what is sent is what was found due, even if the file changes meanwhile.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from pncaf.format.loader import Loaded, load_text
from pncaf.format.models import Convention


@dataclass(frozen=True)
class Packed:
    file: str
    id: str
    text: bytes                 # the file's text, UTF-8, compressed

    @classmethod
    def of(cls, loaded: Loaded) -> Packed:
        assert loaded.text is not None and loaded.convention is not None
        return cls(loaded.file, loaded.id, zlib.compress(loaded.text.encode("utf-8"), 1))

    def convention(self) -> Convention:
        loaded = load_text(zlib.decompress(self.text).decode("utf-8"), self.file, self.id)
        assert loaded.convention is not None, "a packed convention was valid when packed"
        return loaded.convention

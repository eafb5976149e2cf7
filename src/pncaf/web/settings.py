"""What one run of `pncaf serve` serves: the same for every request, kept in the
application's config (no global state)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

#: The largest request body accepted: a scanned convention PDF as `import` reads it
#: (importing.pdf_text.MAX_BYTES, 50 MiB) plus the form around it.
MAX_UPLOAD = 51 * 1024 * 1024


@dataclass(frozen=True)
class ServeSettings:
    paths: tuple[Path, ...] = ()
    as_of: date | None = None           # None: each request's today
    config: Path | None = None
    token: str = ""
    host: str = "127.0.0.1"
    port: int = 0
    allow_remote: bool = False
    #: Host header values accepted (`host:port`): the address served, and for a loopback
    #: bind `localhost` and `127.0.0.1` too (DNS rebinding gets 400).
    hosts: frozenset[str] = field(default_factory=frozenset)
    #: Bound to every interface (`--host 0.0.0.0 --allow-remote`): a `Host` that is an IP
    #: address with our port is accepted too (DNS rebinding needs a name, not an address).
    any_address: bool = False

    def today(self) -> date:
        return self.as_of or date.today()

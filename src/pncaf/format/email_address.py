"""The one e-mail address check of pncaf: a convention's contacts, the officer and sender of
pncaf.toml, and the addresses the import finds in a convention's text.

An address is a local part of letters, digits and `. _ % + ' -` that starts with a letter
or digit (accents allowed, RFC 6532), `@`, then a domain of at least two labels. Stricter
than RFC 5322 on purpose, and alike everywhere so that an address the import writes or the
settings accept is one the format accepts too:
- no quote, space, `<`, `>`, `,` or `;`: each would break the `To:` or `From:` header
  (or smuggle a second recipient) of the reminders;
- never starting with `=`, `+`, `-` or `@`: a spreadsheet would run it as a formula (the
  export, the annex 2 form);
- a domain with a dot: `accueil@localhost` is a typo in a convention.
In running text (the import), the same address is found where nothing address-like is
glued before it, and a sentence's final full stop is not part of it.
"""

from __future__ import annotations

import re

_ADDRESS = r"\w[\w.%+'-]*@\w[\w-]*(?:\.[\w-]+)+"

#: The pattern of the format's `Email` type (and of its JSON Schema for editors, as shipped).
EMAIL_PATTERN = r"^\w[\w.%+'-]*@\w[\w-]*(\.[\w-]+)+$"

_WHOLE = re.compile(EMAIL_PATTERN)
_IN_TEXT = re.compile(rf"(?<![\w.%+'@-]){_ADDRESS}")


def is_email(text: str) -> bool:
    """Whether `text` is one e-mail address, and nothing else."""
    return _WHOLE.match(text) is not None and not text.endswith("\n")


def emails_in(text: str) -> list[str]:
    """The e-mail addresses written in a text, in order."""
    return _IN_TEXT.findall(text)


#: For the import, which searches lines with the other patterns it uses.
EMAIL_IN_TEXT = _IN_TEXT

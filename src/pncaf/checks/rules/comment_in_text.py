"""`comment-in-text`: a text value followed on its line by a `#` glued to a word.

`name: Antenne #2 de la Grange` is « Antenne » to YAML: a `#` after a space starts a
comment, so the rest of the value is silently lost. A comment written `# like this` (a
space after `#`) is taken as meant. Runs on the raw text, even when the file has errors.

Fails:
    id: test-convention #2

Passes:
    id: test-convention # the second one
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial

from pncaf.checks.rules.base import Finding, Found, Rule, RuleContext
from pncaf.problems import Severity

_GLUED_HASH = re.compile(r"[ \t]#[^\s#]")
_NOT_TEXT = re.compile(r"(?i)^(?:[-+]?[\d.][\d_.:-]*|true|false|yes|no|on|off|null|~)$")


def _fr(value: str, whole: str, quoted: str) -> str:
    return (f"la valeur est lue « {value} » : ce qui suit le # est un commentaire. Pour "
            f"« {whole} », écrivez-la entre guillemets : {quoted}")


def glued_hash(text: str) -> bool:
    """Whether `_GLUED_HASH` is found in `text`, by looking at each `#` (a convention
    has a few: its comments) rather than where the pattern would stop, at each of its
    thousands of spaces: ten times faster, the whole cost of the rule on most files."""
    at = text.find("#", 1)
    while at != -1:
        after = text[at + 1:at + 2]
        if text[at - 1] in " \t" and after and not after.isspace() and after != "#":
            return True
        at = text.find("#", at + 1)
    return False


def check(ctx: RuleContext) -> Iterator[Finding]:
    text = ctx.loaded.text or ""
    if not glued_hash(text):            # the common case: no `#` glued to a word
        return
    import yaml

    lines = text.splitlines()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    before: object = None
    introducers = (yaml.ValueToken, yaml.BlockEntryToken, yaml.FlowEntryToken,
                   yaml.FlowSequenceStartToken)
    try:
        for token in yaml.scan(text, Loader=loader):
            if (isinstance(token, yaml.ScalarToken) and token.plain
                    and isinstance(before, introducers) and not _NOT_TEXT.match(token.value)):
                end = token.end_mark
                rest = lines[end.line][end.column:] if end.line < len(lines) else ""
                glued = re.match(r"[ \t]+(#\S.*?)\s*$", rest)
                if glued:
                    whole = f"{token.value} {glued.group(1)}"
                    quoted = '"' + whole.replace("\\", "\\\\").replace('"', '\\"') + '"'
                    yield Found((token.start_mark.line + 1, token.start_mark.column + 1), (
                        f"YAML reads this value as « {token.value} »: what follows `#` is a "
                        f"comment. If « {whole} » is meant, write it in quotes: {quoted}"),
                        fr=partial(_fr, token.value, whole, quoted))
            before = token
    except yaml.YAMLError:      # the loader already reports the syntax error
        return


RULE = Rule("comment-in-text", Severity.WARNING, check, False, None,
            "a text value followed on its line by a `#` glued to a word "
            "(`name: Antenne #2`): YAML reads the rest as a comment; quote the value",
            "texte coupé par un #", __doc__ or "")

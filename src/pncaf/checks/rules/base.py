"""What every rule is made of: the context it reads, what it finds, and its description.

A rule module (yamllint's way) holds one rule: a `check` function that receives a
`RuleContext` (the loaded file, the date of the check) and yields its findings, and a `RULE`
that says what it is: id, severity, article, a one-line summary in English (the README's
table), its name in French (the dashboard) and the module's docstring, whose `Fails:` and
`Passes:` examples docs/rules.md shows and tests/test_rule_examples.py runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from pncaf.dates.duties import ReportStatus, YearlyDuty, reports, yearly_duties
from pncaf.dates.term import Term
from pncaf.files.yaml_positions import Position
from pncaf.format.loader import Loaded
from pncaf.format.models import Convention
from pncaf.problems import Severity
from pncaf.settings import DEFAULT_INDICATORS


@dataclass(frozen=True)
class Found:
    """A finding with more than a position and a message: the `subject` of a time-based
    finding (what an `acknowledgment` names, workflow §5) and the message in French for the
    dashboard. Rules yield a plain `(position, message)` pair when they need neither. The
    French message is written only when asked for (`run_rules(french=True)`): its dates
    need Babel, which `pncaf check` does not load."""

    position: Position | None
    message: str
    subject: str | None = None
    fr: Callable[[], str] | None = None


Finding = tuple[Position | None, str] | Found


@dataclass
class RuleContext:
    loaded: Loaded
    as_of: date
    #: annex 2's indicators, key → label: `[indicators]` of pncaf.toml, else the default list
    indicators: Mapping[str, str] = field(default_factory=lambda: DEFAULT_INDICATORS)

    @cached_property
    def convention(self) -> Convention:
        """The convention as it stood on the day of the check (later events ignored)."""
        assert self.loaded.convention is not None
        return self.loaded.convention.as_of(self.as_of)

    @cached_property
    def term(self) -> Term | None:
        """The term as of the check date; None for a draft (no effective date)."""
        term = Term.of(self.convention)
        return term if term.effective is not None else None

    @cached_property
    def reports(self) -> list[ReportStatus]:
        return reports(self.convention, self.term, self.as_of) if self.term else []

    @cached_property
    def duties(self) -> list[YearlyDuty]:
        return yearly_duties(self.convention, self.term, self.as_of) if self.term else []

    def at(self, *path: str | int) -> Position | None:
        """Position of the key that introduces `path` (or its nearest ancestor)."""
        return self.loaded.source.key(tuple(path)) or (1, 1)

    def at_value(self, *path: str | int) -> Position | None:
        return self.loaded.source.value(tuple(path)) or (1, 1)

    def start_position(self) -> Position | None:
        """Where the effective date comes from: `effective` when given, else `signed`
        (where the time-based rules point: the dates they compare follow from it)."""
        if self.convention.effective is not None:
            return self.at("effective")
        return self.at("signed")


RuleCheck = Callable[[RuleContext], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    check: RuleCheck | None     # None: raised by the loader (`yaml`, `schema`) or `--base`
    needs_valid: bool           # False: runs on the raw text even when the file has schema errors
    article: str | None         # the article of the model convention, e.g. "Art. 4"
    summary: str                # what it finds, in English (README, `pncaf check` docs)
    name_fr: str                # what it is called in French (dashboard)
    doc: str = ""               # its module's docstring: why, and a failing and a passing example

    @property
    def label_fr(self) -> str:
        """« ouverture minimale (art. 4) »: the French name with its article."""
        return f"{self.name_fr} ({self.article.lower()})" if self.article else self.name_fr

    def examples(self) -> list[Example]:
        """The `Fails:` and `Passes:` examples of its docstring, in order."""
        return list(_examples(self.doc))


@dataclass(frozen=True)
class Example:
    """A piece of a convention file: the top-level keys that differ from a valid, signed
    convention (the others stay as they are), checked as of `as_of` when given."""

    fails: bool
    text: str
    as_of: date | None


_EXAMPLE = re.compile(r"^(Fails|Passes)(?: as of (\d{4}-\d{2}-\d{2}))?:\n((?:\n|    .*\n)+)",
                      re.MULTILINE)


def _examples(doc: str) -> Iterator[Example]:
    for match in _EXAMPLE.finditer(doc.rstrip() + "\n"):
        lines = [line[4:] for line in match.group(3).splitlines()]
        text = "\n".join(lines).strip("\n") + "\n"
        as_of = date.fromisoformat(match.group(2)) if match.group(2) else None
        yield Example(match.group(1) == "Fails", text, as_of)

"""The engagements `pncaf check` enforces, one plain function per rule.

A rule receives a `RuleContext` (the loaded file, the date of the check) and yields
`(position, message)` pairs; the registry attaches the rule id and severity. Adding a rule
is writing one function and decorating it with `@rule(...)`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from pncaf.diagnostics import Diagnostic, Severity
from pncaf.hours import DAY_NAMES_FR, weekly_opening
from pncaf.identifiers import department_of_postcode, find_nirs, mask_nir, parse_actes_id
from pncaf.loader import Loaded
from pncaf.models import Convention
from pncaf.yamlsource import Position

Finding = tuple[Position | None, str]


@dataclass
class RuleContext:
    loaded: Loaded
    as_of: date

    @property
    def convention(self) -> Convention:
        assert self.loaded.convention is not None
        return self.loaded.convention

    def at(self, *path: str | int) -> Position | None:
        """Position of the key that introduces `path` (or its nearest ancestor)."""
        return self.loaded.source.key(tuple(path)) or (1, 1)

    def at_value(self, *path: str | int) -> Position | None:
        return self.loaded.source.value(tuple(path)) or (1, 1)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    check: Callable[[RuleContext], Iterable[Finding]]
    needs_valid: bool   # False: runs on the raw text even when the file has schema errors


RULES: list[Rule] = []


def rule(rule_id: str, severity: Severity, needs_valid: bool = True,
         ) -> Callable[[Callable[[RuleContext], Iterable[Finding]]],
                       Callable[[RuleContext], Iterable[Finding]]]:
    """Register a rule function under `rule_id`."""
    def register(func: Callable[[RuleContext], Iterable[Finding]],
                 ) -> Callable[[RuleContext], Iterable[Finding]]:
        RULES.append(Rule(rule_id, severity, func, needs_valid))
        return func
    return register


def run_rules(loaded: Loaded, as_of: date, rules: Iterable[Rule] | None = None,
              ) -> list[Diagnostic]:
    """Apply every rule that can run on `loaded`; return the diagnostics they raise."""
    ctx = RuleContext(loaded, as_of)
    found: list[Diagnostic] = []
    for r in RULES if rules is None else rules:
        if r.needs_valid and loaded.convention is None:
            continue
        if not r.needs_valid and loaded.text is None:
            continue
        for position, message in r.check(ctx):
            line, column = position if position else (None, None)
            found.append(Diagnostic(loaded.file, line, column, r.severity, r.id, message,
                                    loaded.id))
    return found


# --- Art. 4: opening minimum ---------------------------------------------------------------

def format_hours(hours: float) -> str:
    """12.5 → `12 h 30`, 12 → `12 h`."""
    whole = int(hours)
    minutes = round((hours - whole) * 60)
    return f"{whole} h {minutes:02d}" if minutes else f"{whole} h"


_HALF_FR = {"morning": "matin", "afternoon": "après-midi"}


@rule("opening-minimum", Severity.ERROR)
def opening_minimum(ctx: RuleContext) -> Iterator[Finding]:
    conv = ctx.convention
    week = weekly_opening(site.hours.as_dict() for site in conv.sites)
    need_half, need_hours = conv.engagements.min_half_days, conv.engagements.min_weekly_hours
    short = []
    if len(week.half_days) < need_half:
        short.append(f"{len(week.half_days)} half-days (at least {need_half} required)")
    if week.hours < need_hours:
        short.append(f"{format_hours(week.hours)} a week (at least {format_hours(need_hours)} "
                     "required)")
    if not short:
        return
    counted = ", ".join(f"{DAY_NAMES_FR[d]} {_HALF_FR[h]}" for d, h in week.half_days) or "none"
    yield ctx.at("sites"), (
        f"opening minimum of Art. 4 not reached: the sites together open {' and '.join(short)}. "
        f"Half-days counted (60 min or more before or after 13:00): {counted}. "
        "Add opening hours to a site; monthly openings do not count")


# --- Art. 5: personal data -----------------------------------------------------------------

_CREDENTIAL = re.compile(
    r"(?i)(?<![\w])(password|passwd|pwd|mot[ _-]?de[ _-]?passe|mdp|login|user[ _-]?name|"
    r"nom[ _-]d[' ]?utilisateur|identifiants?[ _-]de[ _-]connexion|code[ _-]secret|secret|"
    r"token|api[ _-]?key)[\"']?\s*[:=]\s*[^\s#]"
)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def _position(starts: list[int], index: int) -> Position:
    line = bisect.bisect_right(starts, index)
    return line, index - starts[line - 1] + 1


@rule("personal-data", Severity.ERROR, needs_valid=False)
def personal_data(ctx: RuleContext) -> Iterator[Finding]:
    text = ctx.loaded.text or ""
    starts: list[int] | None = None
    for match in find_nirs(text):
        starts = starts or _line_starts(text)
        yield _position(starts, match.start()), (
            f"a social-security number ({mask_nir(match)}) is written here: Art. 5 forbids "
            "keeping users' personal data; delete it, and ask for it to be purged from the "
            "git history")
    for match in _CREDENTIAL.finditer(text):
        starts = starts or _line_starts(text)
        yield _position(starts, match.start()), (
            f"a credential (`{match.group(1)}`) is written here: Art. 5 forbids noting users' "
            "login data; delete it, and ask for it to be purged from the git history")


# --- Art. 4, 8: equipment ------------------------------------------------------------------

@rule("equipment", Severity.WARNING)
def equipment(ctx: RuleContext) -> Iterator[Finding]:
    for i, site in enumerate(ctx.convention.sites):
        if site.equipment is None:
            yield ctx.at("sites", i, "name"), (
                f"site « {site.name} » lists no equipment for the public: add "
                "`equipment: {computers: 1, printers: 1, scanners: 1}` with the real counts "
                "(Art. 8)")
            continue
        missing = [label for label, count in (("computer", site.equipment.computers),
                                              ("scanner", site.equipment.scanners)) if count < 1]
        if missing:
            yield ctx.at("sites", i, "equipment"), (
                f"site « {site.name} » has no {' and no '.join(missing)} for the public: users "
                "must be able to go online and send their documents (Art. 4, 8)")


# --- préfecture acknowledgement ------------------------------------------------------------

@rule("prefecture-id", Severity.WARNING)
def prefecture_id(ctx: RuleContext) -> Iterator[Finding]:
    conv = ctx.convention
    pref = conv.prefecture
    if pref is None:
        return
    actes, problem = parse_actes_id(pref.id)
    if actes is None:
        yield ctx.at_value("prefecture", "id"), f"{problem}; copy it from the acknowledgement"
        return
    if actes.siren != conv.partner.siren:
        yield ctx.at_value("prefecture", "id"), (
            f"the ACTES id carries SIREN {actes.siren}, but the partner's is "
            f"{conv.partner.siren}: one of the two is mistyped")
    postcode = conv.partner.address.postcode
    if not postcode.startswith("20") and actes.department != department_of_postcode(postcode):
        yield ctx.at_value("prefecture", "id"), (
            f"the ACTES id starts with département {actes.department}, but the partner's "
            f"postcode {postcode} is in {department_of_postcode(postcode)}")
    if actes.decided > pref.transmitted:
        yield ctx.at_value("prefecture", "id"), (
            f"the ACTES id is dated {actes.decided.isoformat()}, after its transmission on "
            f"{pref.transmitted.isoformat()}: check both dates")
    if pref.received is not None and pref.received < pref.transmitted:
        yield ctx.at_value("prefecture", "received"), (
            f"received on {pref.received.isoformat()}, before it was transmitted on "
            f"{pref.transmitted.isoformat()}: check both dates")


# --- Art. 11: signature --------------------------------------------------------------------

@rule("unsigned", Severity.WARNING)
def unsigned(ctx: RuleContext) -> Iterator[Finding]:
    conv = ctx.convention
    if conv.effective_date is not None:
        return
    missing = [who for who, day in (("caf", conv.signed.caf), ("partner", conv.signed.partner))
               if day is None]
    yield ctx.at("signed"), (
        "not signed yet, so its term cannot be computed: fill in "
        f"{' and '.join(f'`signed.{m}`' for m in missing)} with the signature date "
        "(the convention takes effect on signature, Art. 11)")

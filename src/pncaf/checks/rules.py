"""The engagements `pncaf check` enforces, one plain function per rule.

A rule receives a `RuleContext` (the loaded file, the date of the check) and yields
`(position, message)` pairs; the registry attaches the rule id and severity. Adding a rule
is writing one function and decorating it with `@rule(...)`, which also says what the rule
is for: its article, a one-line summary in English (the README's table of rules is
`rules_table()`, and a test holds the two together) and its name in French (the dashboard).
The two rules that the loader raises itself, `yaml` and `schema`, are described here too,
so that `RULES` is the whole catalogue.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from pncaf.checks.diagnostics import Diagnostic, Severity, counted
from pncaf.dates.duties import (
    ReportStatus,
    YearlyDuty,
    last_training,
    reports,
    training_due,
    yearly_duties,
)
from pncaf.dates.term import Status, Term
from pncaf.files.loader import Loaded
from pncaf.files.yaml_positions import Position
from pncaf.format.hours import DAY_NAMES_FR, format_duration, weekly_opening
from pncaf.format.identifiers import department_of_postcode, find_nirs, mask_nir, parse_actes_id
from pncaf.format.models import Convention

Finding = tuple[Position | None, str]


@dataclass
class RuleContext:
    loaded: Loaded
    as_of: date

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


RuleCheck = Callable[[RuleContext], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    check: RuleCheck | None     # None: raised by the loader (`yaml`, `schema`)
    needs_valid: bool           # False: runs on the raw text even when the file has schema errors
    article: str | None         # the article of the model convention, e.g. "Art. 4"
    summary: str                # what it finds, in English (README, `pncaf check` docs)
    name_fr: str                # what it is called in French (dashboard)

    @property
    def label_fr(self) -> str:
        """« ouverture minimale (art. 4) »: the French name with its article."""
        return f"{self.name_fr} ({self.article.lower()})" if self.article else self.name_fr


RULES: list[Rule] = []


def rule(rule_id: str, severity: Severity, *, article: str | None, summary: str,
         name_fr: str, needs_valid: bool = True) -> Callable[[RuleCheck], RuleCheck]:
    """Register a rule function under `rule_id`, with what it is for."""
    def register(func: RuleCheck) -> RuleCheck:
        RULES.append(Rule(rule_id, severity, func, needs_valid, article, summary, name_fr))
        return func
    return register


def rule_named(rule_id: str) -> Rule:
    return next(r for r in RULES if r.id == rule_id)


def rules_table() -> str:
    """The table of rules as the README shows it (Markdown)."""
    rows = ["| rule | severity | what |", "|---|---|---|"]
    for r in RULES:
        where = f" ({r.article})" if r.article else ""
        rows.append(f"| `{r.id}` | {r.severity.value} | {r.summary}{where} |")
    return "\n".join(rows) + "\n"


RULES.append(Rule(
    "yaml", Severity.ERROR, None, False, None,
    "not readable as YAML: syntax, duplicate key, empty file, not UTF-8, larger than 1 MiB, "
    "alias bomb, nesting too deep", "fichier illisible"))
RULES.append(Rule(
    "schema", Severity.ERROR, None, False, None,
    "does not match the format: unknown key, wrong type, impossible date or time, "
    "overlapping ranges, duplicate id, bad SIREN, a date outside 1900-2199, text a "
    "spreadsheet would run as a formula (`=`, `+`, `-`, `@`)", "format du fichier"))


def run_rules(loaded: Loaded, as_of: date, rules: Iterable[Rule] | None = None,
              ) -> list[Diagnostic]:
    """Apply every rule that can run on `loaded`; return the diagnostics they raise."""
    ctx = RuleContext(loaded, as_of)
    found: list[Diagnostic] = []
    for r in RULES if rules is None else rules:
        if r.check is None:
            continue
        if r.needs_valid and loaded.convention is None:
            continue
        if not r.needs_valid and loaded.text is None:
            continue
        try:
            findings = list(r.check(ctx))
        except Exception as exc:  # a bug on one file's values: say so, check the rest
            findings = [((1, 1), f"pncaf could not apply this rule to this file (internal "
                                 f"error: {type(exc).__name__}: {exc}); the other rules and "
                                 "files were checked; please report it with the file")]
        for position, message in findings:
            line, column = position if position else (None, None)
            found.append(Diagnostic(loaded.file, line, column, r.severity, r.id, message,
                                    loaded.id))
    return found


# --- Art. 4: opening minimum ---------------------------------------------------------------

_HALF_FR = {"morning": "matin", "afternoon": "après-midi"}


@rule("opening-minimum", Severity.ERROR, article="Art. 4",
      summary="the sites together open fewer than 4 half-days or 12 hours a week",
      name_fr="ouverture minimale")
def opening_minimum(ctx: RuleContext) -> Iterator[Finding]:
    conv = ctx.convention
    week = weekly_opening(site.hours.as_dict() for site in conv.sites)
    need_half, need_hours = conv.engagements.min_half_days, conv.engagements.min_weekly_hours
    short = []
    if len(week.half_days) < need_half:
        short.append(f"{len(week.half_days)} half-days (at least {need_half} required)")
    if week.hours < need_hours:
        short.append(f"{format_duration(week.hours)} a week (at least "
                     f"{format_duration(need_hours)} required)")
    if not short:
        return
    half_days = ", ".join(f"{DAY_NAMES_FR[d]} {_HALF_FR[h]}" for d, h in week.half_days) or "none"
    yield ctx.at("sites"), (
        f"opening minimum of Art. 4 not reached: the sites together open {' and '.join(short)}. "
        f"Half-days counted (60 min or more before or after 13:00): {half_days}. "
        "Add opening hours to a site; monthly openings do not count")


# --- Art. 5: personal data -----------------------------------------------------------------

# The look-ahead on the first letters lets the regex engine skip to candidate positions
# (2.4 times faster on a typical file than trying every alternative everywhere).
_CREDENTIAL = re.compile(
    r"(?i)(?=[pmlunicsta])(?<![\w])"
    r"(password|passwd|pwd|mot[ _-]?de[ _-]?passe|mdp|login|user[ _-]?name|"
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


@rule("personal-data", Severity.ERROR, article="Art. 5",
      summary="a social-security number or a credential in the file, comments included",
      name_fr="données personnelles", needs_valid=False)
def personal_data(ctx: RuleContext) -> Iterator[Finding]:
    return credential_findings(ctx.loaded.text or "")


def credential_findings(text: str) -> Iterator[tuple[Position, str]]:
    """Social-security numbers and credentials anywhere in a text, comments included
    (conventions, and the settings file too)."""
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

@rule("equipment", Severity.WARNING, article="Art. 4, 8",
      summary="a site without a computer or a scanner for the public",
      name_fr="équipement")
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

@rule("prefecture-id", Severity.WARNING, article=None,
      summary=("malformed ACTES id, or one inconsistent with the partner's SIREN or "
               "the transmission date"),
      name_fr="accusé de réception préfecture")
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

@rule("unsigned", Severity.WARNING, article="Art. 11",
      summary="no effective date: the term cannot be computed",
      name_fr="convention non signée")
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


# --- Art. 9, 11: duties over time --------------------------------------------------------
# These rules compare the history with the dates the term implies, as of `--as-of`.

def _start_position(ctx: RuleContext) -> Position | None:
    """Where the effective date comes from: `effective` when given, else `signed`."""
    if ctx.convention.effective is not None:
        return ctx.at("effective")
    return ctx.at("signed")


@rule("report-overdue", Severity.WARNING, article="Art. 9",
      summary="a semester report past its due date (10 August, 10 January) and not recorded",
      name_fr="indicateurs non reçus")
def report_overdue(ctx: RuleContext) -> Iterator[Finding]:
    for status in ctx.reports:
        semester = status.semester
        if status.received is None and semester.due < ctx.as_of:
            yield _start_position(ctx), (
                f"report {semester.label} (activity from {semester.start.isoformat()} to "
                f"{semester.end.isoformat()}) was due on {semester.due.isoformat()} and is not "
                "recorded: ask the partner for the indicators of annex 2, then record it with "
                f"`event: report, period: {semester.label}` (Art. 9)")


@rule("report-late", Severity.WARNING, article="Art. 9",
      summary="a report received after its due date",
      name_fr="indicateurs reçus en retard")
def report_late(ctx: RuleContext) -> Iterator[Finding]:
    for status in ctx.reports:
        if status.late and status.received is not None and status.index is not None:
            days = (status.received.date - status.semester.due).days
            yield ctx.at_value("history", status.index), (
                f"report {status.semester.label} arrived on {status.received.date.isoformat()}, "
                f"{counted(days, 'day')} after its due date "
                f"{status.semester.due.isoformat()} (Art. 9)")


def _missing_duty(ctx: RuleContext, kind: str, label: str) -> Iterator[Finding]:
    for duty in ctx.duties:
        if duty.kind == kind and duty.done_on is None and duty.period.end < ctx.as_of:
            yield _start_position(ctx), (
                f"no {label} recorded in period {duty.period.number} "
                f"({duty.period.start.isoformat()} to {duty.period.end.isoformat()}): Art. 9 "
                f"asks for one a year; record it with `event: {kind}` if it took place")


@rule("committee-missing", Severity.WARNING, article="Art. 9",
      summary="a finished period without a steering committee",
      name_fr="comité de pilotage manquant")
def committee_missing(ctx: RuleContext) -> Iterator[Finding]:
    return _missing_duty(ctx, "committee", "steering committee")


@rule("visit-missing", Severity.WARNING, article="Art. 9",
      summary="a finished period without a visit of the Caf",
      name_fr="visite annuelle manquante")
def visit_missing(ctx: RuleContext) -> Iterator[Finding]:
    return _missing_duty(ctx, "visit", "visit of the Caf")


@rule("training-missing", Severity.WARNING, article="Art. 3",
      summary="no training recorded in the 12 months before the check date",
      name_fr="formation manquante")
def training_missing(ctx: RuleContext) -> Iterator[Finding]:
    term = ctx.term
    if term is None or not term.in_force(ctx.as_of):
        return
    due = training_due(ctx.convention, term, ctx.as_of)
    if due is None or due >= ctx.as_of:
        return
    last = last_training(ctx.convention, ctx.as_of)
    since = f"the last one was on {last.isoformat()}" if last else "none is recorded"
    yield _start_position(ctx), (
        f"no training in the 12 months before {ctx.as_of.isoformat()} ({since}): the Caf's "
        "monthly webinars are mandatory for the partner's staff (Art. 3); record the next one "
        "with `event: training`")


@rule("notice-late", Severity.WARNING, article="Art. 11",
      summary="a notice received after the deadline: the convention runs one more period",
      name_fr="préavis tardif")
def notice_late(ctx: RuleContext) -> Iterator[Finding]:
    term = ctx.term
    if term is None or not term.tacit_renewal:
        return
    for notice in term.notices:
        if not notice.on_time:
            yield ctx.at_value("history", notice.index), (
                f"notice received on {notice.event.date.isoformat()}, after the deadline "
                f"{notice.period.notice_deadline.isoformat()} of period {notice.period.number}: "
                f"the convention is renewed once more and ends on {notice.ends_on.isoformat()}, "
                f"not on {notice.period.end.isoformat()} (Art. 11)")


@rule("label-withdrawn", Severity.WARNING, article="Art. 6, 11",
      summary="the label was withdrawn but no notice followed",
      name_fr="label retiré sans dénonciation")
def label_withdrawn(ctx: RuleContext) -> Iterator[Finding]:
    term = ctx.term
    if term is None or term.status(ctx.as_of) is Status.ENDED:
        return
    for index, event in term.withdrawals:
        if any(n.event.date >= event.date for n in term.notices):
            continue
        deadline = term.next_notice_deadline(ctx.as_of)
        advice = (f"send notice so that it is received by {deadline.isoformat()}"
                  if deadline else "send notice")
        yield ctx.at_value("history", index), (
            f"the label was withdrawn on {event.date.isoformat()} but no notice followed: the "
            f"convention runs on and will be renewed; {advice} (Art. 6, 11)")


if __name__ == "__main__":  # `python -m pncaf.checks.rules`: the README's table of rules
    print(rules_table(), end="")

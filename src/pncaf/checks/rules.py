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

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, partial

from pncaf.checks.diagnostics import Diagnostic, Severity, counted
from pncaf.dates.duties import (
    ReportStatus,
    Semester,
    YearlyDuty,
    first_training_due,
    last_training,
    reports,
    training_due,
    yearly_duties,
)
from pncaf.dates.term import NoticeOutcome, Period, Status, Term
from pncaf.files.yaml_positions import Position
from pncaf.format.hours import DAY_NAMES_FR, format_duration, weekly_opening
from pncaf.format.identifiers import department_of_postcode, parse_actes_id
from pncaf.format.loader import Loaded
from pncaf.format.models import AcknowledgmentEvent, Convention, ReportEvent
from pncaf.format.personal_data import credential_findings
from pncaf.french import long_date
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
RULES.append(Rule(   # raised by `check --base REV` (pncaf.review.history), which knows the base
    "history-rewritten", Severity.ERROR, None, True, None,
    "with `--base REV`: an event of that version removed or changed (the history is "
    "append-only; a correction is a new event)", "historique réécrit"))


def run_rules(loaded: Loaded, as_of: date, rules: Iterable[Rule] | None = None,
              french: bool = False, indicators: Mapping[str, str] | None = None,
              ) -> list[Diagnostic]:
    """Apply every rule that can run on `loaded`; return the diagnostics they raise (with
    their French message too when `french`, for the dashboard). `indicators` is the team's
    list of annex 2 (default: pncaf's own list)."""
    ctx = RuleContext(loaded, as_of, DEFAULT_INDICATORS if indicators is None else indicators)
    found: list[Diagnostic] = []
    noted = _acknowledgments(ctx) if loaded.convention is not None else {}
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
        for finding in findings:
            f = finding if isinstance(finding, Found) else Found(*finding)
            line, column = f.position if f.position else (None, None)
            severity, message = r.severity, f.message
            fr = f.fr() if french and f.fr else None
            ack = noted.get((r.id, f.subject)) if f.subject is not None else None
            if ack is not None:
                severity = Severity.INFO
                message += f" [acknowledged on {ack.date.isoformat()}: {ack.note}]"
                if french:
                    fr = (f"{fr or r.name_fr} [pris en compte le {long_date(ack.date)} : "
                          f"{ack.note}]")
            found.append(Diagnostic(loaded.file, line, column, severity, r.id, message,
                                    loaded.id, f.subject, fr))
    return found


def _acknowledgments(ctx: RuleContext) -> dict[tuple[str, str | None], AcknowledgmentEvent]:
    """(rule, subject) → the acknowledgment of that finding, as of the check date."""
    return {(e.rule, e.subject): e for e in ctx.convention.history
            if isinstance(e, AcknowledgmentEvent)}


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
    yield Found(ctx.at("sites"), (
        f"opening minimum of Art. 4 not reached: the sites together open {' and '.join(short)}. "
        f"Half-days counted (60 min or more before or after 13:00): {half_days}. "
        "Add opening hours to a site; monthly openings do not count"),
        fr=partial(_opening_fr, len(week.half_days), week.hours, need_half, need_hours))


def _opening_fr(half_days: int, hours: float, need_half: int, need_hours: float) -> str:
    return (f"les lieux ensemble ouvrent {half_days} demi-journée(s) et "
            f"{format_duration(hours)} par semaine ; l'article 4 demande au moins {need_half} "
            f"demi-journées et {format_duration(need_hours)} (les ouvertures mensuelles ne "
            "comptent pas)")


# --- Art. 5: personal data -----------------------------------------------------------------

def _personal_fr(what: str) -> str:
    return (f"{what} est écrit ici : l'article 5 interdit de conserver les données "
            "personnelles des usagers ; supprimez-le, ainsi que ses copies antérieures")


@rule("personal-data", Severity.ERROR, article="Art. 5",
      summary="a social-security number or a credential in the file, comments included",
      name_fr="données personnelles", needs_valid=False)
def personal_data(ctx: RuleContext) -> Iterator[Finding]:
    for position, message in credential_findings(ctx.loaded.text or ""):
        what = ("un numéro de sécurité sociale" if message.startswith("a social-security")
                else "un identifiant de connexion")
        yield Found(position, message, fr=partial(_personal_fr, what))


# --- YAML: a `#` glued to a word cuts a text -----------------------------------------------

_GLUED_HASH = re.compile(r"[ \t]#[^\s#]")
_NOT_TEXT = re.compile(r"(?i)^(?:[-+]?[\d.][\d_.:-]*|true|false|yes|no|on|off|null|~)$")


def _glued_fr(value: str, whole: str, quoted: str) -> str:
    return (f"la valeur est lue « {value} » : ce qui suit le # est un commentaire. Pour "
            f"« {whole} », écrivez-la entre guillemets : {quoted}")


@rule("comment-in-text", Severity.WARNING, article=None,
      summary=("a text value followed on its line by a `#` glued to a word "
               "(`name: Antenne #2`): YAML reads the rest as a comment; quote the value"),
      name_fr="texte coupé par un #", needs_valid=False)
def comment_in_text(ctx: RuleContext) -> Iterator[Finding]:
    """`name: Antenne #2 de la Grange` is « Antenne » to YAML: a `#` after a space starts a
    comment. A comment written `# like this` (a space after `#`) is taken as meant."""
    text = ctx.loaded.text or ""
    if not _GLUED_HASH.search(text):        # the common case costs one regex search
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
                        fr=partial(_glued_fr, token.value, whole, quoted))
            before = token
    except yaml.YAMLError:      # the loader already reports the syntax error
        return


# --- Art. 4, 8: equipment ------------------------------------------------------------------

@rule("equipment", Severity.WARNING, article="Art. 4, 8",
      summary="the sites together offer no computer, or no scanner, to the public",
      name_fr="équipement")
def equipment(ctx: RuleContext) -> Iterator[Finding]:
    """Art. 8 lists the point's equipment as a whole: one scanner in one of three sites is
    enough; a site without any equipment is not a finding by itself."""
    sites = ctx.convention.sites
    listed = [(i, site.equipment) for i, site in enumerate(sites) if site.equipment]
    if not listed:
        yield Found(ctx.at("sites"), (
            "no site lists its equipment for the public: add `equipment: {computers: 1, "
            "printers: 1, scanners: 1}` with the real counts to the site that has it (Art. 8)"),
            fr=lambda: "aucun site n'indique son équipement : ajoutez `equipment: {computers: 1, "
               "printers: 1, scanners: 1}` au site qui l'accueille, avec les vrais nombres "
               "(art. 8)")
        return
    missing = [(en, fr) for en, fr, count in (
        ("computer", "ordinateur", sum(e.computers for _, e in listed)),
        ("scanner", "scanner", sum(e.scanners for _, e in listed))) if count < 1]
    if missing:
        where = "the site" if len(sites) == 1 else "the sites together"
        where_fr = "le site" if len(sites) == 1 else "les sites réunis"
        yield Found(ctx.at("sites", listed[0][0], "equipment"), (
            f"{where} offer no {' and no '.join(en for en, _ in missing)} to the public: users "
            "must be able to go online and send their documents (Art. 4, 8); add one to a "
            "site's `equipment`").replace("the site offer ", "the site offers "),
            fr=lambda: (f"{where_fr} n'offre{'nt' if len(sites) > 1 else ''} au public aucun "
                f"{' ni aucun '.join(fr for _, fr in missing)} : les usagers doivent pouvoir "
                "se connecter et transmettre leurs documents (art. 4 et 8)"))


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
    at_id = ctx.at_value("prefecture", "id")
    actes, problem = parse_actes_id(pref.id)
    if actes is None:
        yield Found(at_id, f"{problem}; copy it from the acknowledgement",
                    fr=lambda: "identifiant ACTES mal formé : recopiez-le depuis l'accusé de "
                               "réception de la préfecture")
        return
    if actes.siren != conv.partner.siren:
        yield Found(at_id, (
            f"the ACTES id carries SIREN {actes.siren}, but the partner's is "
            f"{conv.partner.siren}: one of the two is mistyped"),
            fr=lambda: (f"l'identifiant ACTES porte le SIREN {actes.siren}, celui du "
                        f"partenaire est {conv.partner.siren} : l'un des deux est mal saisi"))
    postcode = conv.partner.address.postcode
    if not postcode.startswith("20") and actes.department != department_of_postcode(postcode):
        yield Found(at_id, (
            f"the ACTES id starts with département {actes.department}, but the partner's "
            f"postcode {postcode} is in {department_of_postcode(postcode)}"),
            fr=lambda: (f"l'identifiant ACTES commence par le département {actes.department}, "
                        f"mais le code postal du partenaire ({postcode}) est dans le "
                        f"{department_of_postcode(postcode)}"))
    if actes.decided > pref.transmitted:
        yield Found(at_id, (
            f"the ACTES id is dated {actes.decided.isoformat()}, after its transmission on "
            f"{pref.transmitted.isoformat()}: check both dates"),
            fr=lambda: (f"l'identifiant ACTES est daté du {long_date(actes.decided)}, après sa "
                        f"transmission le {long_date(pref.transmitted)} : vérifiez les deux "
                        "dates"))
    if pref.received is not None and pref.received < pref.transmitted:
        received = pref.received
        yield Found(ctx.at_value("prefecture", "received"), (
            f"received on {received.isoformat()}, before it was transmitted on "
            f"{pref.transmitted.isoformat()}: check both dates"),
            fr=lambda: (f"reçu le {long_date(received)}, avant sa transmission le "
                        f"{long_date(pref.transmitted)} : vérifiez les deux dates"))


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
    yield Found(ctx.at("signed"), (
        "not signed yet, so its term cannot be computed: fill in "
        f"{' and '.join(f'`signed.{m}`' for m in missing)} with the signature date "
        "(the convention takes effect on signature, Art. 11)"),
        fr=lambda: ("convention pas encore signée : ses dates ne peuvent pas être calculées ; "
                    "indiquez les dates de signature (`signed`), la convention prend effet "
                    "à la signature (art. 11)"))


# --- Art. 9, 11: duties over time --------------------------------------------------------
# These rules compare the history with the dates the term implies, as of `--as-of`.

def _start_position(ctx: RuleContext) -> Position | None:
    """Where the effective date comes from: `effective` when given, else `signed`."""
    if ctx.convention.effective is not None:
        return ctx.at("effective")
    return ctx.at("signed")


def _days(status: ReportStatus) -> str:
    return f"{status.first_day.isoformat()} to {status.last_day.isoformat()}"


def _overdue_fr(status: ReportStatus) -> str:
    return (f"indicateurs du {status.name_fr} attendus le {long_date(status.semester.due)}, "
            "non reçus : demandez-les au partenaire (art. 9, annexe 2)")


@rule("report-overdue", Severity.WARNING, article="Art. 9",
      summary="a semester report past its due date (10 August, 10 January) and not recorded",
      name_fr="indicateurs non reçus")
def report_overdue(ctx: RuleContext) -> Iterator[Finding]:
    for status in ctx.reports:
        semester = status.semester
        if status.received is None and semester.due < ctx.as_of:
            days = f"the days in force, {_days(status)}" if status.partial else _days(status)
            yield Found(_start_position(ctx), (
                f"report {semester.label} (« {semester.name_fr} », {days}) was due on "
                f"{semester.due.isoformat()} and is "
                "not recorded: ask the partner for the indicators of annex 2 (the form: "
                f"`pncaf form {ctx.loaded.file} --period {semester.label}`), then record it "
                f"with `pncaf record {ctx.loaded.file} report --from FORM.xlsx` (Art. 9)"),
                subject=semester.label,
                fr=partial(_overdue_fr, status))


def _late_fr(semester: Semester, received: date, days: int) -> str:
    return (f"indicateurs du {semester.name_fr} reçus le {long_date(received)}, {days} "
            f"jour{'s' if days > 1 else ''} après la date prévue du {long_date(semester.due)} "
            "(art. 9)")


@rule("report-late", Severity.WARNING, article="Art. 9",
      summary="a report received after its due date",
      name_fr="indicateurs reçus en retard")
def report_late(ctx: RuleContext) -> Iterator[Finding]:
    for status in ctx.reports:
        if status.late and status.received is not None and status.index is not None:
            days = (status.received.date - status.semester.due).days
            yield Found(ctx.at_value("history", status.index), (
                f"report {status.semester.label} (« {status.semester.name_fr} ») arrived on "
                f"{status.received.date.isoformat()}, {counted(days, 'day')} after its due "
                f"date {status.semester.due.isoformat()} (Art. 9)"),
                subject=status.semester.label,
                fr=partial(_late_fr, status.semester, status.received.date, days))


_DUTY_FR = {"committee": "comité de pilotage", "visit": "visite de la Caf"}


def _duty_fr(kind: str, p: Period) -> str:
    e = "e" if kind == "visit" else ""
    return (f"aucun{e} {_DUTY_FR[kind]} enregistré{e} pendant la période {p.number} (du "
            f"{long_date(p.start)} au {long_date(p.end)}) : l'article 9 en prévoit au moins "
            f"un{e} par an")


def _missing_duty(ctx: RuleContext, kind: str, label: str) -> Iterator[Finding]:
    for duty in ctx.duties:
        if duty.kind == kind and duty.done_on is None and duty.period.end < ctx.as_of:
            p = duty.period
            yield Found(_start_position(ctx), (
                f"no {label} recorded in period {p.number} "
                f"({p.start.isoformat()} to {p.end.isoformat()}): Art. 9 "
                f"asks for one a year; record it with `event: {kind}` if it took place"),
                subject=f"period {p.number}",
                fr=partial(_duty_fr, kind, p))


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
      summary=("no training by `engagements.first_training_months` (default 3) after the "
               "effective date, or none in the 12 months since the last one"),
      name_fr="formation manquante")
def training_missing(ctx: RuleContext) -> Iterator[Finding]:
    term = ctx.term
    if term is None or not term.in_force(ctx.as_of):
        return
    due = training_due(ctx.convention, term, ctx.as_of)
    if due is None or due >= ctx.as_of:
        return
    last = last_training(ctx.convention, ctx.as_of)
    months = ctx.convention.engagements.first_training_months
    first = last is None or due == first_training_due(ctx.convention, term)
    if first:
        message = (f"the first training was due by {due.isoformat()}, {months} months after "
                   f"the effective date, and none is recorded")
    else:
        message = f"no training since {last}: the next one was due by {due.isoformat()}"

    def fr() -> str:
        if first:
            return (f"première formation attendue au plus tard le {long_date(due)} ({months} "
                    "mois après la prise d'effet), aucune n'est enregistrée ; les webinaires "
                    "mensuels de la Caf sont obligatoires (art. 3)")
        assert last is not None and due is not None
        return (f"aucune formation depuis le {long_date(last)} : la suivante était attendue au "
                f"plus tard le {long_date(due)} ; les webinaires mensuels de la Caf sont "
                "obligatoires (art. 3)")

    yield Found(_start_position(ctx), (
        f"{message}: the Caf's monthly webinars are mandatory for the partner's staff "
        "(Art. 3); record the next one with `event: training`"),
        subject=due.isoformat(), fr=fr)


def _notice_late_fr(notice: NoticeOutcome) -> str:
    return (f"préavis reçu le {long_date(notice.event.date)}, après la date limite du "
            f"{long_date(notice.period.notice_deadline)} : la convention est reconduite une "
            f"fois encore et prend fin le {long_date(notice.ends_on)} (art. 11)")


@rule("notice-late", Severity.WARNING, article="Art. 11",
      summary="a notice received after the deadline: the convention runs one more period",
      name_fr="préavis tardif")
def notice_late(ctx: RuleContext) -> Iterator[Finding]:
    term = ctx.term
    if term is None or not term.tacit_renewal:
        return
    for notice in term.notices:
        if not notice.on_time:
            yield Found(ctx.at_value("history", notice.index), (
                f"notice received on {notice.event.date.isoformat()}, after the deadline "
                f"{notice.period.notice_deadline.isoformat()} of period {notice.period.number}: "
                f"the convention is renewed once more and ends on {notice.ends_on.isoformat()}, "
                f"not on {notice.period.end.isoformat()} (Art. 11)"),
                subject=notice.event.date.isoformat(),
                fr=partial(_notice_late_fr, notice))


@rule("label-withdrawn", Severity.WARNING, article="Art. 6, 11",
      summary="the label was withdrawn but no notice followed",
      name_fr="label retiré sans dénonciation")
def label_withdrawn(ctx: RuleContext) -> Iterator[Finding]:
    term = ctx.term
    if term is None or term.status(ctx.as_of) is Status.ENDED:
        return
    if term.ends_on is not None:
        return  # a notice already given (or no tacit renewal): it ends without another one
    for index, event in term.withdrawals:
        if any(n.event.date >= event.date for n in term.notices):
            continue
        deadline = term.next_notice_deadline(ctx.as_of)
        advice = (f"send notice so that it is received by {deadline.isoformat()}"
                  if deadline else "send notice")
        yield Found(ctx.at_value("history", index), (
            f"the label was withdrawn on {event.date.isoformat()} but no notice followed: the "
            f"convention runs on and will be renewed; {advice} (Art. 6, 11)"),
            fr=partial(_withdrawn_fr, event.date, deadline))


def _withdrawn_fr(withdrawn: date, deadline: date | None) -> str:
    advice = (f"le préavis doit être reçu au plus tard le {long_date(deadline)}" if deadline
              else "envoyez un préavis")
    return (f"label retiré le {long_date(withdrawn)} sans dénonciation : la convention "
            f"continue et sera reconduite ; {advice} (art. 6 et 11)")


# --- Art. 9, annex 2: the semester figures -----------------------------------------------

def _folded(text: str) -> str:
    """`Démarches en ligne` → `demarches_en_ligne`: how keys and labels are compared."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "_", plain).strip("_")


def indicator_suggestion(name: str, indicators: Mapping[str, str]) -> str | None:
    """The listed key closest to `name`, compared with the keys and the labels alike
    (`démarches` → `demarches`, `nombre d'accueils` → `accueils`), or None. Remembered per
    name and list: a network whose reports use keys off the list repeats the same few
    names in every report, and difflib was then 40 % of `check`'s time."""
    return _suggestion(name, tuple(indicators.items()))


@functools.lru_cache(maxsize=4096)
def _suggestion(name: str, items: tuple[tuple[str, str], ...]) -> str | None:
    import difflib

    indicators = dict(items)

    folded = _folded(name)
    candidates: dict[str, str] = {}
    for key, label in indicators.items():
        candidates.setdefault(_folded(key), key)
        candidates.setdefault(_folded(label), key)
    if folded in candidates:
        return candidates[folded]
    close = difflib.get_close_matches(folded, list(candidates), n=1, cutoff=0.6)
    if close:
        return candidates[close[0]]
    inside = [key for key in indicators if len(key) >= 4 and _folded(key) in folded]
    return inside[0] if len(inside) == 1 else None


def _indicator_unknown_fr(name: str, period: str, guess: tuple[str, str] | None) -> str:
    hint = (f"vouliez-vous dire « {guess[1]} » (`{guess[0]}`) ?" if guess
            else "utilisez une clé de la liste.")
    return (f"l'indicateur `{name}` du rapport du {Semester.parse(period).name_fr} n'est pas "
            f"dans la liste de l'annexe 2 et il est compté à part : {hint} Sinon, ajoutez-le "
            "à [indicators] dans pncaf.toml")


def _report_duplicate_fr(period: str, first: date) -> str:
    return (f"deuxième rapport pour le {Semester.parse(period).name_fr} (le premier est du "
            f"{long_date(first)}) sans `correction: true` : seul le dernier compte ; ajoutez "
            "`correction: true` pour dire qu'il remplace le premier")


@rule("indicator-unknown", Severity.WARNING, article="Art. 9",
      summary="a report indicator that is not in the list of annex 2 (`[indicators]` of "
              "pncaf.toml, or the default list), with the nearest one",
      name_fr="indicateur hors liste")
def indicator_unknown(ctx: RuleContext) -> Iterator[Finding]:
    listed = ctx.indicators
    for index, event in enumerate(ctx.convention.history):
        if not isinstance(event, ReportEvent):
            continue
        for name in event.indicators:
            if name in listed:
                continue
            guess = indicator_suggestion(name, listed)
            hint = (f"did you mean `{guess}` ({listed[guess]})? Rename it"
                    if guess else f"the list has {', '.join(f'`{k}`' for k in listed)}: "
                    "use one of them")
            yield Found(ctx.at("history", index, "indicators", name), (
                f"indicator `{name}` of report {event.period} is not in the list of annex 2, "
                f"so the dashboard counts it apart: {hint}, or add it to [indicators] in "
                "pncaf.toml"),
                fr=partial(_indicator_unknown_fr, name, event.period,
                           (guess, listed[guess]) if guess else None))


@rule("report-duplicate", Severity.WARNING, article="Art. 9",
      summary="two reports for one semester, the later one without `correction: true`",
      name_fr="rapport en double")
def report_duplicate(ctx: RuleContext) -> Iterator[Finding]:
    first: dict[str, ReportEvent] = {}
    for index, event in enumerate(ctx.convention.history):
        if not isinstance(event, ReportEvent):
            continue
        earlier = first.setdefault(event.period, event)
        if earlier is not event and not event.correction:
            yield Found(ctx.at_value("history", index), (
                f"a second report for {event.period} (the first one is dated "
                f"{earlier.date.isoformat()}) without `correction: true`: the dashboard "
                "counts only the latest report of a semester; add `correction: true` to this "
                "one to say it replaces the first (record it with `pncaf record … "
                "--correction`)"),
                fr=partial(_report_duplicate_fr, event.period, earlier.date))


if __name__ == "__main__":  # `python -m pncaf.checks.rules`: the README's table of rules
    print(rules_table(), end="")

"""Compare two versions of a convention and say what the change means, one French line a
change: parties, representatives and contacts, sites and opening hours (with Art. 4),
signatures, effective date and the status they cause, term and notice, history events.

Both versions go through the same loader as `check`; a version that does not load is
itself the change to report (the new file has errors: run `pncaf check`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date

from pncaf.checks.diagnostics import Severity
from pncaf.dates.term import Status, Term
from pncaf.files.yaml_alike import key_position
from pncaf.files.yaml_positions import Path as YamlPath
from pncaf.format.hours import format_duration, weekly_opening
from pncaf.format.loader import Loaded, load_bytes, load_bytes_quickly
from pncaf.format.models import Convention
from pncaf.french import STATUS_FR, long_date, short_date
from pncaf.review.changes import Change, FileReview
from pncaf.review.events import history_changes
from pncaf.review.opening import address_text, person_text, site_changes


@dataclass(frozen=True)
class Version:
    """One side of a comparison: its name as the user knows it and its bytes (None when
    the file does not exist on that side)."""

    name: str
    data: bytes | None


def review(old: Version, new: Version, as_of: date, renamed: bool = False,
           placed: bool = True) -> FileReview:
    """The changes of meaning from `old` to `new`, each placed on a line of the new file
    (what was removed, on the list it left). Neither version is read with the whole map of
    positions unless a change needs it (`_placed`); `placed=False`, for an output that
    shows no line (`--format json`): no change is placed."""
    after = _load_quickly(new)
    # An invalid new version is the whole story (`_file_changes` says only that): the old
    # one is not read, which spares half the work of a change that broke many files.
    if after is not None and after.convention is None:
        before = None
    elif after is not None and old.data == new.data:
        before = after                  # a file renamed as it was
    else:
        before = _load_quickly(old, after)
    shown = new if new.data is not None else old
    main = after if after is not None else before
    assert main is not None
    title = (main.convention.partner.name if main.convention else main.id)
    result = FileReview(shown.name, main.id, title)
    changes: list[Change] = []
    if renamed:
        changes.append(Change("file-renamed", f"Fichier renommé : {old.name} → {new.name}",
                              Severity.INFO))
    changes.extend(_file_changes(before, after, as_of))
    if before is not None and after is not None and not changes and old.data != new.data:
        changes.append(Change("layout", "Aucun changement de sens : seuls des commentaires "
                              "ou la mise en forme ont changé", Severity.INFO))
    if not placed:
        result.changes = changes
        return result
    result.changes = _placed(changes, after, new)
    return result


def _placed(changes: list[Change], after: Loaded | None, new: Version) -> list[Change]:
    """Each change on its line. Those of the new version (read quickly) are placed from
    the lines of their own key or list item (`files.yaml_alike.key_position`: an added
    event, from its own line), and by the whole map of positions when that cannot tell."""
    lines: dict[YamlPath, int] = {}
    if after is not None and after.source.root is None and after.text is not None:
        for change in changes:
            if change.where:
                position = key_position(after.text, after.data, change.where)
                if position is None:
                    after, lines = _load(new), {}
                    break
                lines[change.where] = position[0]
    return [replace(c, line=lines[c.where]) if c.where in lines else _located(c, after)
            for c in changes]


def _load(version: Version) -> Loaded | None:
    if version.data is None:
        return None
    return load_bytes(version.data, version.name, _stem(version))


def _load_quickly(version: Version, like: Loaded | None = None) -> Loaded | None:
    """`_load`, without the map of positions when the file is a plain valid convention:
    the old side needs only its model (every change is placed on the new file's lines),
    the new side is placed from its own lines (`_placed`). The parts it shares with `like`
    (the new version) are not validated again."""
    if version.data is None:
        return None
    return load_bytes_quickly(version.data, version.name, _stem(version), like)


def _stem(version: Version) -> str:
    """The file's name without folder or extension: its id when `id:` is missing."""
    return version.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def _located(change: Change, after: Loaded | None) -> Change:
    if after is None or not change.where:
        return change
    position = after.source.key(change.where)
    return replace(change, line=position[0] if position else None)


def _file_changes(before: Loaded | None, after: Loaded | None, as_of: date,
                  ) -> Iterator[Change]:
    if after is not None and after.convention is None:
        yield Change("invalid", (
            f"La nouvelle version n'est pas une convention valide "
            f"({len(after.errors)} erreur{'s' if len(after.errors) > 1 else ''}, la première "
            f"ligne {after.errors[0].line} : {after.errors[0].message}) : lancez `pncaf check "
            f"{after.file}` et corrigez-la"), Severity.ERROR)
        return
    if after is None:
        assert before is not None
        events = len(before.convention.history) if before.convention else 0
        yield Change("file-deleted", (
            f"Convention supprimée, avec son historique de {events} événement"
            f"{'s' if events > 1 else ''} : une convention terminée se garde (déplacez-la "
            "plutôt dans un dossier d'archives)"), Severity.WARNING)
        return
    new = after.convention
    assert new is not None
    if before is None or before.convention is None:
        yield _added(new, after, as_of, invalid_before=before is not None)
        return
    yield from compare(before.convention, new, as_of)


def _added(new: Convention, after: Loaded, as_of: date, invalid_before: bool) -> Change:
    week = weekly_opening(site.hours.as_dict() for site in new.sites)
    reached = (len(week.half_days) >= new.engagements.min_half_days
               and week.hours >= new.engagements.min_weekly_hours)
    status = Term.of(new).status(as_of)
    head = ("Convention corrigée (l'ancienne version n'était pas valide)" if invalid_before
            else "Nouvelle convention")
    verdict = "minimum de l'art. 4 atteint" if reached else "sous le minimum de l'art. 4"
    sites = len(new.sites)
    text = (f"{head} : {new.partner.name}, {sites} site{'s' if sites > 1 else ''} ouvert"
            f"{'s' if sites > 1 else ''} {format_duration(week.hours)} par semaine sur "
            f"{len(week.half_days)} demi-journée{'s' if len(week.half_days) > 1 else ''} "
            f"({verdict})"
            f", statut au {long_date(as_of)} : {STATUS_FR[status.value]}")
    return Change("repaired" if invalid_before else "file-added", text,
                  Severity.INFO if reached else Severity.ERROR)


def compare(old: Convention, new: Convention, as_of: date) -> Iterator[Change]:
    """Every change of meaning from `old` to `new`, in the order of the file."""
    if old.id != new.id:
        yield Change("id", (f"Identifiant {old.id or '(nom du fichier)'} → "
                            f"{new.id or '(nom du fichier)'} : le journal des relances et "
                            "les liens du tableau de bord suivent l'identifiant"),
                     Severity.WARNING, ("id",))
    yield from _parties(old, new)
    yield from site_changes(old, new)
    yield from _dates(old, new, as_of)
    yield from _term(old, new)
    if old.prefecture != new.prefecture:
        yield Change("prefecture", _prefecture(old, new), Severity.INFO, ("prefecture",))
    yield from history_changes(old, new)
    yield from _status(old, new, as_of)


def _value(text: str | None) -> str:
    return text if text else "aucun"


def _parties(old: Convention, new: Convention) -> Iterator[Change]:
    for who, label in (("caf", "de la Caf"), ("partner", "du partenaire")):
        a, b = getattr(old, who), getattr(new, who)
        if a.name != b.name:
            yield Change("party", f"Nom {label} : {a.name} → {b.name}", Severity.INFO,
                         (who, "name"))
        if a.address != b.address:
            yield Change("party", (f"Adresse {label} : {address_text(a.address)} → "
                                   f"{address_text(b.address)}"), Severity.INFO, (who, "address"))
        if a.representative != b.representative:
            yield Change("representative", (
                f"Représentant {label} : {person_text(a.representative)} → "
                f"{person_text(b.representative)}"), Severity.INFO, (who, "representative"))
    if old.partner.siren != new.partner.siren:
        yield Change("party", (f"SIREN du partenaire : {old.partner.siren} → "
                               f"{new.partner.siren} : vérifiez-le sur l'avis de situation "
                               "INSEE"), Severity.WARNING, ("partner", "siren"))
    if old.partner.email != new.partner.email:
        yield Change("contact", (f"E-mail du partenaire (destinataire des relances) : "
                                 f"{_value(old.partner.email)} → {_value(new.partner.email)}"),
                     Severity.INFO, ("partner", "email"))
    if old.caf.level2_contact != new.caf.level2_contact:
        yield Change("contact", (f"Contact de niveau 2 de la Caf (art. 3) : "
                                 f"{old.caf.level2_contact} → {new.caf.level2_contact}"),
                     Severity.INFO, ("caf", "level2_contact"))
    if old.caf.city != new.caf.city:
        yield Change("party", f"Lieu de signature de la Caf : {old.caf.city} → {new.caf.city}",
                     Severity.INFO, ("caf", "city"))


def _day(day: date | None, none: str = "aucune") -> str:
    return long_date(day) if day else none


def _dates(old: Convention, new: Convention, as_of: date) -> Iterator[Change]:
    for who, label in (("caf", "de la Caf"), ("partner", "du partenaire")):
        a, b = getattr(old.signed, who), getattr(new.signed, who)
        if a == b:
            continue
        level = Severity.INFO if a is None else Severity.WARNING
        why = "" if a is None else " : une date de signature ne change pas, sauf erreur de saisie"
        party = "Caf" if who == "caf" else "partenaire"
        yield Change("signature", f"Signature {label} : {_day(a)} → {_day(b)}{why}", level,
                     ("signed", who), short=f"Signature {party} "
                     f"{short_date(b) if b else 'retirée'}")
    if old.effective != new.effective:
        yield Change("effective", (f"Date d'effet fixée dans le fichier (`effective`) : "
                                   f"{_day(old.effective)} → {_day(new.effective)}"),
                     Severity.INFO if old.effective_date is None else Severity.WARNING,
                     ("effective",))
    e_old, e_new = old.effective_date, new.effective_date
    if e_old != e_new:
        level = Severity.INFO if e_old is None else Severity.WARNING
        shift = ("" if e_old is None or e_new is None else
                 " : toutes les échéances, dates de préavis et périodes se décalent")
        where = ("effective",) if new.effective is not None else ("signed",)
        yield Change("effective-date", (f"Date d'effet de la convention : "
                                        f"{_day(e_old, 'aucune (brouillon)')} → "
                                        f"{_day(e_new, 'aucune (brouillon)')}{shift}"),
                     level, where)


_TERM_FR = {"years": "Durée d'une période", "tacit_renewal": "Reconduction tacite",
            "notice_months": "Préavis"}


def _term_value(key: str, value: object) -> str:
    if key == "years":
        return f"{value} an{'s' if value != 1 else ''}"
    if key == "tacit_renewal":
        return "oui" if value else "non"
    return f"{value} mois"


def _term(old: Convention, new: Convention) -> Iterator[Change]:
    signed = old.effective_date is not None
    level = Severity.WARNING if signed else Severity.INFO
    amend = " : la convention est signée, ce changement demande un avenant" if signed else ""
    for key, label in _TERM_FR.items():
        a, b = getattr(old.term, key), getattr(new.term, key)
        if a != b:
            yield Change("term", (f"{label} (art. 11) : {_term_value(key, a)} → "
                                  f"{_term_value(key, b)}{amend}"), level, ("term", key))
    for key, unit in (("min_half_days", "demi-journées"), ("min_weekly_hours", "par semaine")):
        a, b = getattr(old.engagements, key), getattr(new.engagements, key)
        if a != b:
            shown = (f"{a} → {b} {unit}" if key == "min_half_days" else
                     f"{format_duration(a)} → {format_duration(b)} {unit}")
            yield Change("engagements", f"Minimum d'ouverture engagé (art. 4) : {shown}{amend}",
                         level, ("engagements", key))


def _prefecture(old: Convention, new: Convention) -> str:
    a, b = old.prefecture, new.prefecture
    if b is None:
        return "Accusé de réception de la préfecture retiré"
    sent = f"transmis le {long_date(b.transmitted)}"
    before = f"{a.id} → " if a is not None and a.id != b.id else ""
    return f"Accusé de réception de la préfecture (ACTES) : {before}{b.id}, {sent}"


def _status(old: Convention, new: Convention, as_of: date) -> Iterator[Change]:
    t_old, t_new = Term.of(old.as_of(as_of)), Term.of(new.as_of(as_of))
    s_old, s_new = t_old.status(as_of), t_new.status(as_of)
    if s_old == s_new and t_old.ends_on == t_new.ends_on:
        return
    end = f", dernier jour le {long_date(t_new.ends_on)}" if t_new.ends_on else ""
    level = (Severity.WARNING if s_new in (Status.TERMINATING, Status.ENDED) or
             t_old.ends_on != t_new.ends_on else Severity.INFO)
    yield Change("status", (f"Statut au {long_date(as_of)} : {STATUS_FR[s_old.value]} → "
                            f"{STATUS_FR[s_new.value]}{end}"), level)

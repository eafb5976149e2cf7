"""One partner, two convention files: a copy made by mistake (an import of a convention
already kept, a `new` for a partner already there) makes the network list the partner
twice and remind it twice.

- `check` (`SeenPartners`): each file's SIREN and term are noted as the results stream by
  (nothing is read again); a later file whose SIREN an earlier one holds for days that
  overlap gets `partner-duplicate`, naming the earlier file.
- reminders (`twin`, `held`): the same marks, as the files stream by, hold the later
  file's partner reminders (drafts, --send, the web's chosen sending) with a reason.
- `pncaf import` and `pncaf new` (`elsewhere`): before writing, the other files of the
  folder are read for the same SIREN, or a site at the same address, and each is named.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pncaf.dates.term import Term
from pncaf.format.loader import Loaded
from pncaf.french import long_date
from pncaf.problems import Diagnostic, Severity

RULE_ID = "partner-duplicate"


@dataclass(frozen=True)
class PartnerMark:
    """What `check` keeps of a file to compare partners: a few values, not the file."""

    file: str
    siren: str
    name: str
    position: tuple[int, int] | None
    start: date
    end: date | None                    # None: renewed until a notice ends it

    def __reduce__(self) -> tuple[type[PartnerMark], tuple[object, ...]]:
        """Pickled as its fields: each checking process sends one a file."""
        return (PartnerMark, (self.file, self.siren, self.name, self.position, self.start,
                              self.end))

    def overlaps(self, other: PartnerMark) -> bool:
        return (self.start <= (other.end or date.max)
                and other.start <= (self.end or date.max))


def partner_mark(loaded: Loaded, as_of: date, term: Term | None = None,
                 ) -> PartnerMark | None:
    """The mark of a valid, signed convention (a draft is in force on no day yet).
    `term`: `Term.at(loaded.convention, as_of)` when the caller has it."""
    if loaded.convention is None:
        return None
    return mark_of(loaded, Term.at(loaded.convention, as_of) if term is None else term)


def mark_of(loaded: Loaded, term: Term | None) -> PartnerMark | None:
    """`partner_mark` with the term as of the day already known (`check` has the rules'
    own: working it out again took as long as a rule)."""
    convention = loaded.convention
    if convention is None or term is None or term.effective is None:
        return None
    return PartnerMark(loaded.file, convention.partner.siren, convention.partner.name,
                       loaded.source.value_at(("partner", "siren")), term.effective,
                       term.ends_on)


class SeenPartners:
    """The marks of the files `check` went through, by SIREN."""

    def __init__(self) -> None:
        self._by_siren: dict[str, list[PartnerMark]] = {}

    def see(self, mark: PartnerMark | None, convention_id: str) -> list[Diagnostic]:
        """Note `mark`; the finding when an earlier file holds its SIREN on the same days."""
        first = self.twin(mark)
        return [] if first is None or mark is None else [duplicate(mark, first, convention_id)]

    def twin(self, mark: PartnerMark | None) -> PartnerMark | None:
        """Note `mark`; the earlier file's mark holding its SIREN on the same days, if any
        (what `see` reports, and what holds the later file's partner reminders)."""
        if mark is None:
            return None
        earlier = self._by_siren.setdefault(mark.siren, [])
        first = next((m for m in earlier if m.overlaps(mark)), None)
        earlier.append(mark)
        return first


@dataclass(frozen=True)
class Held:
    """The partner reminders of a file held for `partner-duplicate`: the partner is not
    reminded twice (once per file) until the officer resolves it. `reason` for the command
    line, `reason_fr` for the web page."""

    file: str
    convention: str
    items: tuple[str, ...]              # the titles of the reminders held
    reason: str
    reason_fr: str


def held(mark: PartnerMark, other: PartnerMark, convention_id: str,
         items: Iterable[str]) -> Held:
    titles = tuple(items)
    return Held(
        mark.file, convention_id, titles,
        f"{mark.file}: held, not sent: {len(titles)} partner reminder(s) "
        f"({'; '.join(titles)}): [{RULE_ID}] SIREN {mark.siren} ({mark.name}) is also the "
        f"partner of {other.file} on the same days, so the partner would be reminded twice; "
        "if this file is a copy, delete it; if it replaces the other, record the other's end "
        "(a notice) there. Its reminders go again once that is done",
        f"Relances au partenaire retenues ({'; '.join(titles)}) : le SIREN {mark.siren} "
        f"({mark.name}) est aussi celui du partenaire de {other.file}, sur les mêmes jours ; "
        "le partenaire serait relancé deux fois. Si ce fichier est une copie, supprimez-le ; "
        "s'il remplace l'autre, enregistrez la fin de l'autre (préavis). Les relances "
        "reprendront ensuite.")


E = TypeVar("E")


def hold_partner_entries(entries: Sequence[E], to_partner: Callable[[E], bool],
                         title: Callable[[E], str], mark: PartnerMark | None,
                         twin: PartnerMark | None, convention_id: str,
                         told: list[Held] | None) -> list[E]:
    """`entries` (agenda items, drafts) without those addressed to the partner when an
    earlier file (`twin`) holds the same partner on the same days; what was held back is
    told to `told`. One rule for sending and for drafts alike."""
    if twin is None or mark is None:
        return list(entries)
    stopped = [title(e) for e in entries if to_partner(e)]
    if stopped and told is not None:
        told.append(held(mark, twin, convention_id, stopped))
    return [e for e in entries if not to_partner(e)]


def duplicate(mark: PartnerMark, other: PartnerMark, convention_id: str) -> Diagnostic:
    line, column = mark.position or (1, 1)
    until = f"until {other.end.isoformat()}" if other.end else "with no end yet"
    until_fr = f"jusqu'au {long_date(other.end)}" if other.end else "sans fin prévue"
    return Diagnostic(
        mark.file, line, column, Severity.WARNING, RULE_ID,
        f"SIREN {mark.siren} ({mark.name}) is also the partner of {other.file}, in force "
        f"from {other.start.isoformat()} {until}, on days this file covers too: the partner "
        "would be listed and reminded twice; if this file is a copy, delete it; if it "
        "replaces the other, record the other's end (a notice) there",
        convention_id, None,
        f"le SIREN {mark.siren} ({mark.name}) est aussi celui du partenaire de {other.file}, "
        f"en vigueur du {long_date(other.start)} {until_fr}, sur des jours que couvre aussi "
        "ce fichier : le partenaire serait compté et relancé deux fois ; si ce fichier est "
        "une copie, supprimez-le ; s'il remplace l'autre, enregistrez la fin de l'autre "
        "(préavis)")


# --- before writing a new file (import, new) -------------------------------------------------

@dataclass(frozen=True)
class Twin:
    """Another file that holds the same partner, and why it is taken for the same."""

    file: str
    why: str            # « SIREN 217709997 » or « site 4 rue des Tilleuls, 77999 »
    why_fr: str

    def warning(self, target: str) -> str:
        return (f"{target}: warning[{RULE_ID}] {self.why} is already in {self.file}: is this "
                "convention a copy of it? (pncaf would list and remind the partner twice)")

    def warning_fr(self) -> str:
        return (f"{self.why_fr} figure déjà dans {self.file} : cette convention en est-elle "
                "une copie ? Le partenaire serait compté et relancé deux fois.")


def elsewhere(target: Path, data: Any, files: Iterable[Path]) -> list[Twin]:
    """The files among `files` (other than `target`) whose partner has the SIREN of `data`
    (a convention's values, possibly incomplete), or a site at the same address."""
    from pncaf.files.yaml_positions import parse_yaml
    from pncaf.format.loader import display_name

    siren, sites = _identity(data)
    twins: list[Twin] = []
    for path in files:
        if path.resolve() == target.resolve():
            continue
        try:
            parsed, _ = parse_yaml(path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            continue
        other_siren, other_sites = _identity(parsed.data if parsed else None)
        name = display_name(path)
        if siren and siren == other_siren:
            twins.append(Twin(name, f"SIREN {siren}", f"Le SIREN {siren}"))
        elif shared := sorted(sites.keys() & other_sites.keys()):
            street, postcode = other_sites[shared[0]], shared[0][1]
            twins.append(Twin(name, f"a site at {street}, {postcode}",
                              f"Un lieu au {street}, {postcode}"))
    return twins


def _identity(data: Any) -> tuple[str | None, dict[tuple[str, str], str]]:
    """(SIREN, {(street, postcode) of each site: its street as written}) of a convention's
    values, as far as they are there; addresses compared without case or repeated spaces,
    shown as the file writes them (« 4 rue des Tilleuls »)."""
    if not isinstance(data, Mapping):
        return None, {}
    partner = data.get("partner")
    siren = partner.get("siren") if isinstance(partner, Mapping) else None
    sites: dict[tuple[str, str], str] = {}
    for site in data.get("sites") or []:
        address = site.get("address") if isinstance(site, Mapping) else None
        if isinstance(address, Mapping) and address.get("street") and address.get("postcode"):
            street = str(address["street"])
            sites[(_plain(street), str(address["postcode"]).strip())] = " ".join(street.split())
    return (re.sub(r"\s", "", str(siren)) or None) if siren else None, sites


def _plain(text: str) -> str:
    return " ".join(text.lower().split())


def twins_of_text(target: Path, text: str) -> list[Twin]:
    """`elsewhere` for the file about to be written at `target` with `text`: the other
    convention files of its folder (none when the folder does not exist yet)."""
    from pncaf.files.discovery import discover
    from pncaf.files.yaml_positions import parse_yaml

    folder = target.parent
    if not folder.is_dir():
        return []
    parsed, _ = parse_yaml(text)
    return elsewhere(target, parsed.data if parsed else None, discover([folder]))

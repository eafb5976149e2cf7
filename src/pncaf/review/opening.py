"""Changes to the sites: opening hours (per site and for the network, with the Art. 4
verdict), sites added, removed or renamed, addresses, monthly openings, managers and
equipment.

Hours are compared through `weekly_opening`, the same count as the `opening-minimum` rule:
a reviewer reads « 24 h → 20 h 30 ; le lundi matin n'est plus ouvert » and whether the
network still reaches the minimum, instead of a changed list of time ranges.
"""

from __future__ import annotations

from collections.abc import Iterator

from pncaf.checks.diagnostics import Severity
from pncaf.format.hours import (
    DAY_NAMES_FR,
    WEEKDAYS,
    WeeklyOpening,
    format_duration,
    weekly_opening,
)
from pncaf.format.models import Address, Convention, Engagements, Equipment, Person, Site
from pncaf.review.changes import Change, french_list, worst

_HALF_FR = {"morning": "matin", "afternoon": "après-midi"}


def address_text(address: Address) -> str:
    extra = f", {address.complement}" if address.complement else ""
    return f"{address.street}{extra}, {address.postcode} {address.city}"


def person_text(person: Person | None) -> str:
    return f"{person.name} ({person.title})" if person else "personne"


def _ranges(week: WeeklyOpening, day: str) -> str:
    from pncaf.outputs.templating import format_ranges

    return format_ranges(week.by_day[day]) or "fermé"


def _open_or_closed(items: list[str], now_open: bool) -> str:
    plural = len(items) > 1
    verb = ("sont" if plural else "est") if now_open else ("ne sont" if plural else "n'est")
    state = "désormais ouvert" if now_open else "plus ouvert"
    return f"{french_list(items)} {verb} {state}{'s' if plural else ''}"


def opening_change(old: WeeklyOpening, new: WeeklyOpening, details: bool = True,
                   ) -> tuple[str, bool] | None:
    """« ouverture hebdomadaire 24 h → 20 h 30, demi-journées 9 → 8 ; le lundi matin n'est
    plus ouvert (lundi : …) », and whether the opening shrank; None when nothing changed.
    `details=False` leaves out the hours of each day (the network's line: each site's
    line gives them)."""
    if old.by_day == new.by_day:
        return None
    if old.minutes != new.minutes:
        head = (f"ouverture hebdomadaire {format_duration(old.hours)} → "
                f"{format_duration(new.hours)}")
    else:
        head = f"ouverture hebdomadaire inchangée ({format_duration(new.hours)})"
    if len(old.half_days) != len(new.half_days):
        head += f", demi-journées {len(old.half_days)} → {len(new.half_days)}"
    parts = [head]
    for before, after, now_open in ((old, new, False), (new, old, True)):
        whole = [d for d in WEEKDAYS if before.by_day[d] and not after.by_day[d]]
        halves = [f"le {DAY_NAMES_FR[d]} {_HALF_FR[h]}" for d, h in before.half_days
                  if (d, h) not in after.half_days and d not in whole]
        items = [f"le {DAY_NAMES_FR[d]}" for d in whole] + halves
        if items:
            parts.append(_open_or_closed(items, now_open))
    days = [f"{DAY_NAMES_FR[d]} : {_ranges(old, d)} → {_ranges(new, d)}" for d in WEEKDAYS
            if old.by_day[d] != new.by_day[d]]
    text = " ; ".join(parts) + (f" ({' ; '.join(days)})" if details else "")
    shrank = (new.minutes < old.minutes
              or any(h not in new.half_days for h in old.half_days))
    return text, shrank


def minimum_verdict(old: WeeklyOpening, new: WeeklyOpening, old_rules: Engagements,
                    new_rules: Engagements) -> tuple[str, Severity]:
    """Whether the new version reaches the Art. 4 minimum, said against the old one."""
    def reaches(week: WeeklyOpening, rules: Engagements) -> bool:
        return (len(week.half_days) >= rules.min_half_days
                and week.hours >= rules.min_weekly_hours)

    minimum = (f"le minimum de l'art. 4 ({new_rules.min_half_days} demi-journées et "
               f"{format_duration(new_rules.min_weekly_hours)} par semaine)")
    was, now = reaches(old, old_rules), reaches(new, new_rules)
    if now:
        return f"{minimum} {'reste' if was else 'est désormais'} atteint", Severity.INFO
    missing = []
    if len(new.half_days) < new_rules.min_half_days:
        missing.append(f"{len(new.half_days)} demi-journées")
    if new.hours < new_rules.min_weekly_hours:
        missing.append(f"{format_duration(new.hours)}")
    state = "n'est plus" if was else "n'est toujours pas"
    return (f"{minimum} {state} atteint "
            f"({french_list(missing)} seulement) : ajoutez des horaires ou gardez ceux "
            "d'avant"), Severity.ERROR


def _half_days(count: int) -> str:
    return f"{count} demi-journée{'s' if count > 1 else ''}"


def _week(site: Site) -> WeeklyOpening:
    return weekly_opening([site.hours.as_dict()])


def _network(conv: Convention) -> WeeklyOpening:
    return weekly_opening(site.hours.as_dict() for site in conv.sites)


def pair_sites(old: list[Site], new: list[Site]) -> tuple[list[tuple[int, int]], list[int],
                                                          list[int]]:
    """(old index, new index) of the same site — same name, else same address — and the
    indexes of removed and added sites."""
    pairs: list[tuple[int, int]] = []
    left_old = list(range(len(old)))
    left_new = list(range(len(new)))
    for key in ("name", "address"):
        for i in list(left_old):
            j = next((j for j in left_new
                      if getattr(old[i], key) == getattr(new[j], key)), None)
            if j is not None:
                pairs.append((i, j))
                left_old.remove(i)
                left_new.remove(j)
    return sorted(pairs, key=lambda p: p[1]), left_old, left_new


def site_changes(old: Convention, new: Convention) -> Iterator[Change]:
    pairs, removed, added = pair_sites(old.sites, new.sites)
    alone = len(old.sites) == 1 and len(new.sites) == 1 and len(pairs) == 1
    for i, j in pairs:
        yield from _same_site(old.sites[i], new.sites[j], j, old, new, alone)
    for i in removed:
        site = old.sites[i]
        place = address_text(site.address)
        # placed on the new file's `sites:`, the list it left (as a removed event is on
        # `history:`): its own line was in the old version, and `FILE:LINE` names the new
        yield Change("site-removed", f"Site retiré : « {site.name} » ({place})",
                     Severity.WARNING, ("sites",))
    for j in added:
        site = new.sites[j]
        week = _week(site)
        yield Change("site-added", (
            f"Site ajouté : « {site.name} » ({address_text(site.address)}), ouvert "
            f"{format_duration(week.hours)} par semaine sur {_half_days(len(week.half_days))}"),
            Severity.INFO, ("sites", j))
    if not alone:
        yield from _network_change(old, new)


def _network_change(old: Convention, new: Convention) -> Iterator[Change]:
    if old.sites == new.sites and old.engagements == new.engagements:
        return                          # the same week and the same minimum: nothing to say
    before, after = _network(old), _network(new)
    change = opening_change(before, after, details=False)
    if change is None and old.engagements == new.engagements:
        return
    verdict, level = minimum_verdict(before, after, old.engagements, new.engagements)
    if change is None:
        text, shrank = f"ouverture hebdomadaire inchangée ({format_duration(after.hours)})", False
    else:
        text, shrank = change
    if level is Severity.INFO and shrank:
        level = Severity.WARNING
    yield Change("network-hours", f"Ensemble des sites : {text} ; {verdict}", level, ("sites",))


def _same_site(a: Site, b: Site, j: int, old: Convention, new: Convention,
               alone: bool) -> Iterator[Change]:
    if a == b and not (alone and old.engagements != new.engagements):
        return                          # nothing below could differ: spare the weeks
    name = f"« {b.name} »"
    if a.name != b.name:
        yield Change("site-renamed", f"Site renommé : « {a.name} » → {name}", Severity.INFO,
                     ("sites", j, "name"))
    if a.address != b.address:
        yield Change("site-address", f"{name} : adresse {address_text(a.address)} → "
                     f"{address_text(b.address)}", Severity.INFO, ("sites", j, "address"))
    change = opening_change(_week(a), _week(b))
    if change is not None or (alone and old.engagements != new.engagements):
        text, shrank = change or (f"ouverture hebdomadaire inchangée "
                                  f"({format_duration(_week(b).hours)})", False)
        level = Severity.WARNING if shrank else Severity.INFO
        if alone:
            verdict, verdict_level = minimum_verdict(_network(old), _network(new),
                                                     old.engagements, new.engagements)
            text += f" ; {verdict}"
            level = worst([level, verdict_level])
        yield Change("hours", f"{name} : {text}", level, ("sites", j, "hours"))
    yield from _monthly(a, b, j, name)
    if a.manager != b.manager:
        yield Change("manager", f"{name} : responsable {person_text(a.manager)} → "
                     f"{person_text(b.manager)}", Severity.INFO, ("sites", j, "manager"))
    if a.equipment != b.equipment:
        yield _equipment(a.equipment, b.equipment, j, name, new)


def _monthly(a: Site, b: Site, j: int, name: str) -> Iterator[Change]:
    from pncaf.outputs.templating import monthly_line

    before = [monthly_line(m.nth, m.weekday, m.hours, m.note) for m in a.monthly]
    after = [monthly_line(m.nth, m.weekday, m.hours, m.note) for m in b.monthly]
    for line in before:
        if line not in after:
            yield Change("monthly", f"{name} : ouverture mensuelle retirée : {line} (elle ne "
                         "comptait pas dans le minimum de l'art. 4)", Severity.INFO,
                         ("sites", j, "monthly"))
    for line in after:
        if line not in before:
            yield Change("monthly", f"{name} : ouverture mensuelle ajoutée : {line} (elle ne "
                         "compte pas dans le minimum de l'art. 4)", Severity.INFO,
                         ("sites", j, "monthly"))


_EQUIPMENT_FR = (("computers", "ordinateurs"), ("printers", "imprimantes"),
                 ("scanners", "scanners"))


def _equipment(a: Equipment | None, b: Equipment | None, j: int, name: str,
               new: Convention) -> Change:
    a, b = a or Equipment(), b or Equipment()
    parts = [f"{label} {getattr(a, key)} → {getattr(b, key)}" for key, label in _EQUIPMENT_FR
             if getattr(a, key) != getattr(b, key)]
    fewer = any(getattr(b, key) < getattr(a, key) for key, _ in _EQUIPMENT_FR)
    text = f"{name} : équipement pour le public (art. 8) : {', '.join(parts)}"
    for key, label in (("computers", "ordinateur"), ("scanners", "scanner")):
        if fewer and not any(getattr(site.equipment or Equipment(), key) for site in new.sites):
            text += f" ; plus aucun {label} dans le point"
    return Change("equipment", text, Severity.WARNING if fewer else Severity.INFO,
                  ("sites", j, "equipment"))

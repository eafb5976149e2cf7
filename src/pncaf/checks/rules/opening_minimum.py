"""`opening-minimum` (Art. 4): the sites together open at least 4 half-days and 12 hours a
week (or what `engagements` says).

A half-day counts when a site is open 60 minutes or more before or after 13:00; the sites
are counted together (two sites open the same morning make one half-day), and monthly
openings do not count.

Fails:
    sites:
      - name: Point d'accueil
        address: {street: 2 rue du Point, postcode: "77270", city: Villeparisis}
        hours:
          monday: ["09:00-12:00", "14:00-17:00"]
        equipment: {computers: 1, printers: 1, scanners: 1}

Passes:
    sites:
      - name: Point d'accueil
        address: {street: 2 rue du Point, postcode: "77270", city: Villeparisis}
        hours:
          monday: ["09:00-12:00", "14:00-17:00"]
          tuesday: ["09:00-12:00", "14:00-17:00"]
        equipment: {computers: 1, printers: 1, scanners: 1}
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from pncaf.checks.rules.base import Finding, Found, Rule, RuleContext
from pncaf.format.hours import DAY_NAMES_FR, format_duration, weekly_opening
from pncaf.problems import Severity

_HALF_FR = {"morning": "matin", "afternoon": "après-midi"}


def check(ctx: RuleContext) -> Iterator[Finding]:
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
        fr=partial(_fr, len(week.half_days), week.hours, need_half, need_hours))


def _fr(half_days: int, hours: float, need_half: int, need_hours: float) -> str:
    return (f"les lieux ensemble ouvrent {half_days} demi-journée(s) et "
            f"{format_duration(hours)} par semaine ; l'article 4 demande au moins {need_half} "
            f"demi-journées et {format_duration(need_hours)} (les ouvertures mensuelles ne "
            "comptent pas)")


RULE = Rule("opening-minimum", Severity.ERROR, check, True, "Art. 4",
            "the sites together open fewer than 4 half-days or 12 hours a week",
            "ouverture minimale", __doc__ or "")

"""Opening hours in French: written as the model writes them, and read back from the usual
ways people write them (table-driven: phrase → hours)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pncaf.format.hours import WEEKDAYS, TimeRange, parse_range
from pncaf.importing.hours_grammar import read_monthly, read_week
from pncaf.outputs.hours_fr import monthly_phrase, ordinal, week_phrase


def week(**days: list[str]) -> dict[str, list[TimeRange]]:
    return {day: [parse_range(r) for r in ranges] for day, ranges in days.items()}


def shown(hours: dict[str, list[TimeRange]]) -> dict[str, list[str]]:
    return {day: [str(r) for r in ranges] for day, ranges in hours.items()}


VILLEPARISIS = week(monday=["08:30-12:00", "14:00-17:30"], tuesday=["14:00-17:30"],
                    wednesday=["08:30-12:00"], thursday=["08:30-12:00", "14:00-17:30"],
                    friday=["08:30-12:00", "14:00-17:30"])


def test_days_with_the_same_hours_are_grouped_in_the_models_words() -> None:
    assert week_phrase(VILLEPARISIS) == (
        "le lundi, le jeudi et le vendredi de 8 h 30 à 12 h et de 14 h à 17 h 30 ; "
        "le mardi de 14 h à 17 h 30 ; le mercredi de 8 h 30 à 12 h")


@pytest.mark.parametrize("nth,weekday,hours,note,expected", [
    (4, "saturday", ["09:00-12:00"], None, "le 4e samedi du mois de 9 h à 12 h"),
    (1, "saturday", ["09:30-12:30"], None, "le 1er samedi du mois de 9 h 30 à 12 h 30"),
    (-1, "saturday", [], "horaires affichés sur place",
     "le dernier samedi du mois (horaires affichés sur place)"),
])
def test_monthly_openings(nth: int, weekday: str, hours: list[str], note: str | None,
                          expected: str) -> None:
    assert monthly_phrase(nth, weekday, [parse_range(r) for r in hours], note) == expected


def test_ordinals() -> None:
    assert [ordinal(n) for n in (1, 2, 5, -1)] == ["1er", "2e", "5e", "dernier"]


WEEK_PHRASES = [
    ("Il accueille le public le lundi, jeudi et vendredi de 8h30 à 12h et de 14h à 17h30 – "
     "le mardi de 14h à 17h30 et le mercredi de 8h30 à 12h.", shown(VILLEPARISIS)),
    ("du lundi au jeudi de 9h à 12h",
     {d: ["09:00-12:00"] for d in ("monday", "tuesday", "wednesday", "thursday")}),
    ("le mardi et le jeudi également de 13h30 à 17h",
     {"tuesday": ["13:30-17:00"], "thursday": ["13:30-17:00"]}),
    ("de 9h00 à 12h30 le lundi", {}),                           # times before any day
    ("le lundi de 9h00 à 12h30", {"monday": ["09:00-12:30"]}),
    ("les lundis et jeudis de 9 heures à midi",
     {"monday": ["09:00-12:00"], "thursday": ["09:00-12:00"]}),
    ("le mercredi de 9 h 30 à 12 h 15", {"wednesday": ["09:30-12:15"]}),
    ("le vendredi 9:00 - 12:00 et 13:30 - 16:00", {"friday": ["09:00-12:00", "13:30-16:00"]}),
    ("le lundi de 2h à 5h l'après-midi", {"monday": ["14:00-17:00"]}),
    ("le lundi matin de 9h à 12h et l'après-midi de 2h à 5h30",
     {"monday": ["09:00-12:00", "14:00-17:30"]}),
    ("le samedi de 9 h à 12 h ; le lundi de 14 h à 17 h",
     {"monday": ["14:00-17:00"], "saturday": ["09:00-12:00"]}),
    ("du samedi au lundi de 10h à 12h",
     {"monday": ["10:00-12:00"], "saturday": ["10:00-12:00"], "sunday": ["10:00-12:00"]}),
    ("Le Lundi De 9H À 12H", {"monday": ["09:00-12:00"]}),
    ("le jeudi de 20 h à minuit", {"thursday": ["20:00-24:00"]}),
]


@pytest.mark.parametrize("phrase,expected", WEEK_PHRASES)
def test_hours_read_from_french(phrase: str, expected: dict[str, list[str]]) -> None:
    assert shown(read_week(phrase).hours) == expected


@pytest.mark.parametrize("phrase,problem", [
    ("le samedi matin", "no hours given for saturday"),
    ("le lundi de 9h", "an opening time without its closing time"),
    ("le lundi de 12h à 9h", "ends before it starts"),
    ("de 9h à 12h", "times without a day"),
])
def test_what_cannot_be_read_is_said(phrase: str, problem: str) -> None:
    reading = read_week(phrase)
    assert reading.hours == {} and any(problem in p for p in reading.problems)


@pytest.mark.parametrize("phrase,nth,weekday,hours,note", [
    ("La structure est également ouverte un samedi par mois le matin, généralement le 4ème",
     4, "saturday", [], "un samedi matin par mois, généralement le 4e"),
    ("Il est aussi ouvert le 4e samedi du mois de 9 h à 12 h.", 4, "saturday",
     ["09:00-12:00"], None),
    ("le premier samedi du mois de 9h30 à 12h30", 1, "saturday", ["09:30-12:30"], None),
    ("le dernier samedi du mois (horaires affichés sur place)", -1, "saturday", [],
     "horaires affichés sur place"),
    ("un samedi par mois", None, "saturday", [], "un samedi par mois"),
])
def test_monthly_openings_read(phrase: str, nth: int | None, weekday: str, hours: list[str],
                               note: str | None) -> None:
    reading = read_monthly(phrase)
    assert (reading.nth, reading.weekday, [str(r) for r in reading.hours], reading.note) == (
        nth, weekday, hours, note)


_minutes = st.integers(0, 24 * 4 - 1).map(lambda q: q * 15)


@st.composite
def weeks(draw: st.DrawFn) -> dict[str, list[TimeRange]]:
    out: dict[str, list[TimeRange]] = {}
    for day in draw(st.sets(st.sampled_from(WEEKDAYS), max_size=7)):
        cuts = sorted(draw(st.sets(st.integers(0, 96).map(lambda q: q * 15), min_size=2,
                                   max_size=6)))
        cuts = cuts[:len(cuts) // 2 * 2]
        out[day] = [TimeRange(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=True)]
    return {day: out[day] for day in WEEKDAYS if day in out}


@settings(max_examples=300, deadline=None)
@given(weeks())
def test_what_pncaf_writes_reads_back(hours: dict[str, list[TimeRange]]) -> None:
    phrase = week_phrase(hours)
    assert read_week(f"Il accueille le public {phrase}.").hours == hours

"""French opening hours as people write them in conventions, read into time ranges.

A small grammar over tokens: days (« le lundi », « les lundis », « du lundi au jeudi »),
times (`9h`, `9h00`, `9 h 30`, `9 heures`, `9:30`, `midi`), « matin » / « après-midi »
and « et ». Days listed one after another form a group; the times that follow them are
paired into ranges (« de 9h à 12h et de 14h à 17h »); the next day after some times starts
a new group. Words such as « également » or « le public » are simply not tokens.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from pncaf.format.hours import WEEKDAYS, WEEKDAYS_FR, TimeRange

_DAY = r"(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?"
_TOKENS = re.compile(
    rf"(?P<dayrange>\bdu\s+{_DAY}\s+au\s+{_DAY})"
    rf"|(?P<day>\b{_DAY}\b)"
    r"|(?P<qual>\bmatin(?:s|ée|ées)?\b|\baprès[\s-]?midis?\b|\bapres[\s-]?midis?\b)"
    r"|(?P<time>\b(?P<h>\d{1,2})\s*(?:h|heures?|:)\s*(?P<m>\d{2})?(?!\d)|\bmidi\b|\bminuit\b)"
    r"|(?P<conj>\bet\b)"
)
_NTH_WORDS = {"premier": 1, "première": 1, "deuxième": 2, "second": 2, "seconde": 2,
              "troisième": 3, "quatrième": 4, "cinquième": 5, "dernier": -1, "dernière": -1}
NTH = re.compile(r"\b(?P<n>[1-5])\s*(?:er|re|ère|e|ème|eme|è)\b|\b(?P<w>"
                 + "|".join(_NTH_WORDS) + r")\b", re.IGNORECASE)


def normalise(text: str) -> str:
    """Lower case, one kind of apostrophe and dash, no non-breaking spaces."""
    text = unicodedata.normalize("NFC", text).lower()
    for odd, plain in (("\u2019", "'"), ("\u00a0", " "), ("\u202f", " "), ("\u2013", " - "),
                       ("\u2014", " - ")):
        text = text.replace(odd, plain)
    return text


@dataclass
class Token:
    kind: str            # day | qual | time | conj
    days: tuple[str, ...] = ()
    minutes: int = 0
    afternoon: bool = False
    text: str = ""


def tokens(text: str) -> list[Token]:
    out: list[Token] = []
    for match in _TOKENS.finditer(normalise(text)):
        kind = match.lastgroup or ""
        word = match.group(0)
        if kind == "dayrange":
            first, last = (WEEKDAYS.index(WEEKDAYS_FR[d]) for d in match.group(2, 3))
            span = (WEEKDAYS[first:last + 1] if first <= last      # « du samedi au lundi »
                    else WEEKDAYS[first:] + WEEKDAYS[:last + 1])
            out.append(Token("day", days=span, text=word))
        elif kind == "day":
            out.append(Token("day", days=(WEEKDAYS_FR[match.group(5)],), text=word))
        elif kind == "qual":
            out.append(Token("qual", afternoon=not word.startswith("matin"), text=word))
        elif kind == "time":
            out.append(Token("time", minutes=_minutes(match), text=word))
        else:
            out.append(Token("conj", text=word))
    return out


def _minutes(match: re.Match[str]) -> int:
    word = match.group(0)
    if word == "midi":
        return 12 * 60
    if word == "minuit":
        return 24 * 60
    return int(match.group("h")) * 60 + int(match.group("m") or 0)


@dataclass
class Group:
    """Days that share the times written after them."""

    days: list[str] = field(default_factory=list)
    times: list[int] = field(default_factory=list)
    qualifiers: list[bool] = field(default_factory=list)   # afternoon?, one per group qualifier


@dataclass
class WeekReading:
    hours: dict[str, list[TimeRange]]
    problems: list[str]
    qualifiers: list[str]        # « matin », « après-midi » met without times (monthly notes)


def _groups(items: list[Token]) -> tuple[list[Group], list[str]]:
    groups: list[Group] = []
    qualifiers: list[str] = []
    current = Group()
    afternoon: bool | None = None
    previous: Token | None = None
    pending: list[int] = []           # indexes of times not yet placed under a qualifier
    for tok in items:
        if tok.kind == "day":
            if current.times or (current.days and previous is not None
                                 and previous.kind == "qual"):
                groups.append(current)
                current, afternoon, pending = Group(), None, []
            current.days.extend(d for d in tok.days if d not in current.days)
        elif tok.kind == "qual":
            qualifiers.append(tok.text)
            if previous is not None and previous.kind == "time" and pending:
                # « de 2h à 5h l'après-midi »: the qualifier follows the times it qualifies
                if tok.afternoon:
                    for i in pending:
                        current.times[i] = _afternoon(current.times[i])
                pending = []
            afternoon = tok.afternoon
            current.qualifiers.append(tok.afternoon)
        elif tok.kind == "time":
            minutes = _afternoon(tok.minutes) if afternoon else tok.minutes
            current.times.append(minutes)
            if afternoon is None:
                pending.append(len(current.times) - 1)
        elif tok.kind == "conj":
            pending = [] if previous is not None and previous.kind == "time" else pending
        previous = tok
    if current.days or current.times:
        groups.append(current)
    return groups, qualifiers


def _afternoon(minutes: int) -> int:
    """« 2h » in the afternoon is 14:00; « 12h » and « 14h » stay as they are."""
    return minutes + 12 * 60 if minutes < 12 * 60 else minutes


def read_week(text: str) -> WeekReading:
    """Read « le lundi, jeudi et vendredi de 8h30 à 12h et de 14h à 17h30 – le mardi de 14h
    à 17h30 » into {weekday: [ranges]}; what cannot be read is listed in `problems`."""
    groups, qualifiers = _groups(tokens(text))
    hours: dict[str, list[TimeRange]] = {}
    problems: list[str] = []
    unread: set[str] = set()          # days whose hours were misread: none of them is kept
    for group in groups:
        if not group.days:
            problems.append("times without a day before them")
            continue
        if not group.times:
            problems.append(f"no hours given for {', '.join(group.days)}")
            continue
        if len(group.times) % 2:
            problems.append(f"an opening time without its closing time ({', '.join(group.days)})")
            unread.update(group.days)
            continue
        pairs = list(zip(group.times[::2], group.times[1::2], strict=True))
        if any(not 0 <= start < end <= 24 * 60 for start, end in pairs):
            # one range misread (a scan's « à1l 2h »): none of these days' hours is kept,
            # so that no day is imported with only part of its hours
            problems.append(f"a range that ends before it starts ({', '.join(group.days)})")
            unread.update(group.days)
            continue
        if any(b <= a for a, b in zip(group.times, group.times[1:], strict=False)):
            # « de 9h à 12h et de 10h à 16h »: a day misread (« mardide ») gave its hours to
            # the day before; people write a day's ranges in order
            problems.append(f"times out of order ({', '.join(group.days)})")
            unread.update(group.days)
            continue
        for start, end in pairs:
            for day in group.days:
                hours.setdefault(day, []).append(TimeRange(start, end))
    ordered = {day: sorted(hours[day]) for day in WEEKDAYS if day in hours and day not in unread}
    return WeekReading(ordered, problems, qualifiers)


@dataclass
class MonthlyReading:
    nth: int | None
    weekday: str | None
    hours: list[TimeRange]
    note: str | None
    problems: list[str]


_NOTE = re.compile(r"\((?P<note>.*)\)\s*[.;]?\s*$")
_USUALLY = re.compile(r"\b(généralement|en général|habituellement|souvent)\b")


def read_monthly(text: str) -> MonthlyReading:
    """« le 4e samedi du mois de 9 h à 12 h », « le dernier samedi du mois (note) », « un
    samedi par mois le matin, généralement le 4ème »."""
    note: str | None = None
    found = _NOTE.search(text)
    if found:
        note = found.group("note").strip()
        text = text[:found.start()]
    lowered = normalise(text)
    days = [t for t in tokens(text) if t.kind == "day"]
    weekday = days[0].days[0] if days else None
    nth_match = NTH.search(lowered)
    nth = None
    if nth_match:
        digit, word = nth_match.group("n", "w")
        nth = int(digit) if digit else _NTH_WORDS[word]
    week = read_week(text)
    hours = week.hours.get(weekday, []) if weekday else []
    problems = [p for p in week.problems if not p.startswith("no hours")]
    if weekday is None:
        problems.append("no day of the week")
    if "(" in text:
        # « (sur rendez-vous, » with the rest on a line of its own (a scan cut it)
        problems.append("a note in brackets that does not close on this line")
    if not hours and note is None and weekday is not None:
        # « un samedi par mois le matin, généralement le 4ème »: no fixed hours, said in words
        from pncaf.format.hours import DAY_NAMES_FR
        from pncaf.outputs.hours_fr import ordinal

        when = " ".join([DAY_NAMES_FR[weekday], *(q.replace("apres", "après")
                                                  for q in week.qualifiers[:1])])
        note = f"un {when} par mois"
        usually = _USUALLY.search(lowered)
        if nth is not None and usually:
            note += f", {usually.group(1)} le {ordinal(nth)}"
    return MonthlyReading(nth, weekday, hours, note, problems)

"""The agenda as an iCalendar file (.ics) that calendar applications import.

All-day events; each item keeps the same UID on every run, so importing the file again
updates the events instead of duplicating them. DTSTAMP is the agenda's own date, so two
runs on the same day give the same bytes.

An item done or no longer due since an earlier export (`dates.agenda.settled`) is exported
once more with its UID as `STATUS:CANCELLED`, so that a calendar that imported it drops it
(workflow spec §3). SEQUENCE is the number of days from 1 January 2020 to the as-of date:
it grows with every day's export, so the cancellation (and any change, such as an item
turning overdue) is newer than what the calendar holds, without pncaf keeping any state.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from pncaf.dates.agenda import AgendaItem
from pncaf.french import KIND_FR

if TYPE_CHECKING:
    from icalendar import Event

SEQUENCE_EPOCH = date(2020, 1, 1)


def agenda_ics(items: Iterable[AgendaItem], as_of: date, alarm_days: int | None = None,
               cancelled: Iterable[AgendaItem] = ()) -> Iterator[bytes]:
    """The calendar, in pieces: its head, then each event as it is made, then its end (a
    network's fifty thousand events, built as one `Calendar`, took 650 MB). The bytes are
    what `Calendar.to_ical()` writes for the whole (a test holds them to it)."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", "-//pncaf//Agenda Point numérique Caf//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Points numériques Caf — échéances")
    whole = bytes(cal.to_ical())
    end = b"END:VCALENDAR\r\n"
    assert whole.endswith(end)
    yield whole[: -len(end)]
    stamp = datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC)
    sequence = max(0, (as_of - SEQUENCE_EPOCH).days)
    for item in items:
        yield bytes(_event(item, stamp, sequence, alarm_days).to_ical())
    for item in cancelled:
        yield bytes(_cancelled(item, stamp, sequence).to_ical())
    yield end


def _event(item: AgendaItem, stamp: datetime, sequence: int,
           alarm_days: int | None) -> Event:
    from icalendar import Alarm

    event = _dated(item, stamp, sequence)
    prefix = "EN RETARD — " if item.overdue else ""
    event.add("summary", f"{prefix}{KIND_FR[item.kind]} : {item.title}")
    event.add("description", f"{item.title}\nConvention {item.convention} ({item.file})")
    event.add("categories", [KIND_FR[item.kind]])
    event.add("transp", "TRANSPARENT")
    if alarm_days is not None and not item.overdue:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{KIND_FR[item.kind]} : {item.title}")
        alarm.add("trigger", timedelta(days=-alarm_days))
        event.add_component(alarm)
    return event


def _cancelled(item: AgendaItem, stamp: datetime, sequence: int) -> Event:
    event = _dated(item, stamp, sequence + 1, cancelled=True)
    event.add("summary", f"ANNULÉ — {KIND_FR[item.kind]} : {item.title}")
    event.add("description", f"Fait ou plus dû : {item.title}\nConvention "
                             f"{item.convention} ({item.file})")
    event.add("transp", "TRANSPARENT")
    return event


def _dated(item: AgendaItem, stamp: datetime, sequence: int, cancelled: bool = False,
           ) -> Event:
    """The event of `item`: its UID, stamp and sequence (and status), its all-day date."""
    from icalendar import Event

    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("sequence", sequence)
    if cancelled:
        event.add("status", "CANCELLED")
    event.add("dtstart", item.date)
    event.add("dtend", item.date + timedelta(days=1))
    return event

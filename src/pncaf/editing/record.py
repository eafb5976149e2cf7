"""`pncaf record`: append one history event to a convention file and change nothing else.

The file is read with ruamel.yaml's round-trip loader only to find where things are
(`.lc` positions of the `history` key and of each event); the event is then inserted as
text, in date order and in the style of the events around it, so that comments, key order,
quotes, blank lines and everything else stay byte for byte. The result is validated before
it is written, and written atomically.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from io import StringIO
from typing import TYPE_CHECKING, Any, cast

from pncaf.checks.diagnostics import Diagnostic, counted
from pncaf.files.yaml_text import block_mapping, flow

if TYPE_CHECKING:
    from pncaf.format.loader import Loaded

EVENT_KEY_ORDER = ("date", "event", "period", "correction", "by", "sent", "outcome",
                   "attendees", "kind", "reason", "until", "site", "rule", "subject", "note",
                   "indicators")


class EditError(Exception):
    """The edit cannot be made; the message says why and what to do."""


@dataclass(frozen=True)
class Edit:
    before: str
    after: str

    def diff(self, name: str) -> str:
        return "".join(difflib.unified_diff(
            self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
            fromfile=f"a/{name}", tofile=f"b/{name}"))


def ordered_event(event: dict[str, Any]) -> dict[str, Any]:
    """Keys in the order people read them: date and event first."""
    known = {k: event[k] for k in EVENT_KEY_ORDER if k in event}
    return {**known, **{k: v for k, v in event.items() if k not in known}}


def insert_event(text: str, event: dict[str, Any]) -> str:
    """The text with `event` inserted into `history`, in date order; nothing else moves."""
    from ruamel.yaml import YAML

    newline = "\r\n" if "\r\n" in text else "\n"
    yaml = YAML(typ="rt")
    doc: Any
    try:
        doc = yaml.load(StringIO(text))
    except Exception as exc:  # ruamel raises many types; all mean "not a readable file"
        raise EditError(f"the file cannot be read as YAML: {exc}") from None
    if not isinstance(doc, dict):
        raise EditError("the file is not a convention (its top level is not a mapping)")
    event = ordered_event(event)
    lines = split_lines(text)
    if "history" not in doc:
        return _append_history_block(text, event, newline)
    history: Any = doc["history"]
    key_line, key_col = cast(Any, doc).lc.key("history")
    if history is None or (isinstance(history, list) and len(history) == 0):
        return _replace_empty_history(lines, key_line, key_col, event, newline)
    if not isinstance(history, list):
        raise EditError("`history` is not a list: fix it with `pncaf check` first")
    if cast(Any, history).fa.flow_style():
        raise EditError("`history` is written as one [ … ] list: write it as lines starting "
                        "with `- ` to let pncaf add events")
    return _insert_in_block_list(lines, history, event, newline)


def split_lines(text: str) -> list[str]:
    """Lines as YAML counts them (a line ends with LF, CRLF or a lone CR), each with its end.
    Not `str.splitlines`, which also breaks at characters YAML keeps inside a value
    (`\\x85`, `\\u2028`, form feed…) and would shift every position after them."""
    return re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)


def line_ending(line: str, default: str) -> str:
    """The end of `line` (what a line inserted after it uses), or `default`."""
    for ending in ("\r\n", "\n", "\r"):
        if line.endswith(ending):
            return ending
    return default


def _append_history_block(text: str, event: dict[str, Any], newline: str) -> str:
    ending = "" if text.endswith(("\n", "\r")) or not text else newline
    return f"{text}{ending}history:{newline}  - {flow(event)}{newline}"


def _replace_empty_history(lines: list[str], key_line: int, key_col: int,
                           event: dict[str, Any], newline: str) -> str:
    line = lines[key_line]
    head, sep, rest = line.partition(":")
    after = rest.lstrip()
    comment = ""
    if after.startswith("[]"):
        after = after[2:]
    elif after.startswith(("null", "~")):
        after = after[4:] if after.startswith("null") else after[1:]
    stripped = after.strip()
    if stripped.startswith("#"):
        comment = " " + stripped
    elif stripped:
        raise EditError(f"cannot make sense of line {key_line + 1}: {line.strip()}")
    indent = " " * (key_col + 2)
    new = f"{head}{sep}{comment}{newline}{indent}- {flow(event)}{newline}"
    return "".join([*lines[:key_line], new, *lines[key_line + 1:]])


def _insert_in_block_list(lines: list[str], history: Any, event: dict[str, Any],
                          newline: str) -> str:
    starts = [history.lc.item(i) for i in range(len(history))]
    dash_col = _dash_column(lines, starts[0])
    when = event["date"]
    position = len(history)
    for i, item in enumerate(history):
        item_date = _as_date(item.get("date")) if isinstance(item, dict) else None
        if item_date is not None and item_date > when:
            position = i
            break
    first: Any = history[0]
    flow_items = isinstance(first, dict) and cast(Any, first).fa.flow_style()
    pad = " " * dash_col
    if flow_items or not isinstance(first, dict):
        new_lines = [f"{pad}- {flow(event)}{newline}"]
    else:
        body = block_mapping(event, dash_col + 2)
        body[0] = f"{pad}- {body[0].lstrip()}"
        new_lines = [f"{line}{newline}" for line in body]
    if position == 0:
        at = starts[0][0]
    else:  # right after the previous event: comments and blank lines stay with the next one
        at = _end_of_item(lines, starts[position - 1][0], dash_col)
        if at == len(lines) and lines and not lines[-1].endswith(("\n", "\r")):
            lines = [*lines[:-1], lines[-1] + newline]
    if at > 0:                  # the neighbour's line ending, in a file that mixes them
        ending = line_ending(lines[at - 1], newline)
        new_lines = [line[: -len(newline)] + ending for line in new_lines]
    return "".join([*lines[:at], *new_lines, *lines[at:]])


def _dash_column(lines: list[str], start: tuple[int, int]) -> int:
    line_no, col = start
    line = lines[line_no]
    dash = line.rfind("-", 0, col + 1)
    return dash if dash >= 0 else max(col - 2, 0)


def _end_of_item(lines: list[str], first: int, dash_col: int) -> int:
    """Index of the line after the last item: its continuation lines are indented deeper
    than the dash; blank lines after it belong to what follows, unless a deeper line comes
    after them (blank lines inside a multi-line `note: |`)."""
    end = first + 1
    last = first
    while end < len(lines):
        line = lines[end]
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if stripped and indent <= dash_col:
            break
        if stripped:
            last = end
        end += 1
    return last + 1


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


# --- the whole `record` operation -----------------------------------------------------------

OPTION_OF = {"attendees": "--attendee", "indicators": "--indicator"}


def option_name(key: str) -> str:
    return OPTION_OF.get(key, f"--{key}")


def check_event(event: dict[str, Any]) -> list[str]:
    """Problems of the event alone, phrased with the command's options."""
    from pncaf.format.messages import explain
    from pncaf.format.models import Event
    from pncaf.format.validator import validate_as

    _, errors = validate_as(Event, event)
    if errors:
        problems = []
        for err in errors:
            field = next((str(p) for p in reversed(err["loc"]) if isinstance(p, str)
                          and p != event.get("event")), "")
            option = option_name(field)
            if err["type"] == "missing":
                problems.append(f"{option} is required for a {event['event']} event")
            elif err["type"] == "extra_forbidden":
                problems.append(f"{option} does not apply to a {event['event']} event")
            elif field:
                problems.append(f"{option}: {explain(err, event)}")
            else:                       # about the event as a whole (dates that disagree)
                problems.append(explain(err, event))
        return problems
    return []


def record(text: str, event: dict[str, Any], name: str) -> Edit:
    """Validate the file and the event, insert it, and check the result as `pncaf check`
    does: nothing that any of its error rules refuses is ever written."""
    loaded, before = checked(text, name)
    if before:
        first = before[0]
        raise EditError(f"{name} already has {counted(len(before), 'error')} "
                        f"(first: {first.location()}: "
                        f"{first.message}); run `pncaf check {name}` and fix them first")
    problems = check_event(event)
    if problems:
        raise EditError("; ".join(problems))
    assert loaded.convention is not None
    conflict = report_conflict(list(loaded.convention.history), event)
    if conflict:
        raise EditError(conflict)
    after_text = insert_event(text, event)
    _, after = checked(after_text, name)
    if after:
        raise EditError("the new event would make the file fail `pncaf check`: "
                        + "; ".join(f"line {d.line}: {d.message}" for d in after[:3]))
    _only_the_event_added(text, after_text, event)
    return Edit(text, after_text)


def checked(text: str, name: str) -> tuple[Loaded, list[Diagnostic]]:
    """The file read from `text`, and the errors `pncaf check` reports for it (its
    time-based rules only warn, so the date of the check does not matter here)."""
    from pncaf.checks.runner import check_loaded
    from pncaf.format.loader import load_text

    loaded = load_text(text, name, name)
    return loaded, [d for d in check_loaded(loaded, date.today()).diagnostics if d.is_error]


def _only_the_event_added(before: str, after: str, event: dict[str, Any]) -> None:
    """Read both texts back: the new one must hold the old data plus the event, nothing
    changed, so that a layout pncaf misreads is refused rather than damaged."""
    from pncaf.files.yaml_positions import parse_yaml

    old, new = parse_yaml(before)[0], parse_yaml(after)[0]
    if old is None or new is None:
        raise EditError("internal check failed: the file cannot be read back")
    old_history = list(old.data.get("history") or [])
    new_history = list(new.data.get("history") or [])
    kept = any(new_history[:i] + new_history[i + 1:] == old_history
               for i in range(len(new_history))) and len(new_history) == len(old_history) + 1
    others = {k: v for k, v in new.data.items() if k != "history"}
    if not kept or others != {k: v for k, v in old.data.items() if k != "history"}:
        raise EditError("pncaf could not find a safe place for the event in this file's "
                        "layout; add it by hand (nothing was written)")


def report_conflict(history: list[Any], event: dict[str, Any]) -> str | None:
    """A report for a semester already reported is a correction, said so (`--correction`,
    recorded as `correction: true`: the latest counts); a correction needs a report to
    correct. Without this the dashboard could not tell a correction from a double entry."""
    from pncaf.format.models import ReportEvent

    if event.get("event") != "report":
        return None
    period = event.get("period")
    earlier = [e for e in history if isinstance(e, ReportEvent) and e.period == period]
    if earlier and not event.get("correction"):
        return (f"a report for {period} is already recorded (received on "
                f"{earlier[-1].date.isoformat()}): if this one replaces it, record it again "
                "with --correction (the latest report of a semester is the one that counts)")
    if not earlier and event.get("correction"):
        return (f"no report for {period} is recorded yet, so there is nothing to correct: "
                "leave out --correction")
    return None

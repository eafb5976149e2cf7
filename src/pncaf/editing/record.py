"""`pncaf record`: append one history event to a convention file and change nothing else.

The file is read with ruamel.yaml's round-trip loader only to find where things are
(`.lc` positions of the `history` key and of each event); the event is then inserted as
text, in date order and in the style of the events around it, so that comments, key order,
quotes, blank lines and everything else stay byte for byte. The result is validated before
it is written, and written atomically.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from io import StringIO
from typing import Any, cast

from pncaf.checks.diagnostics import counted
from pncaf.editing.yaml_text import block_mapping, flow

EVENT_KEY_ORDER = ("date", "event", "period", "by", "sent", "outcome", "attendees", "kind",
                   "reason", "until", "note", "indicators")


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
    lines = text.splitlines(keepends=True)
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
    return "".join([*lines[:at], *new_lines, *lines[at:]])


def _dash_column(lines: list[str], start: tuple[int, int]) -> int:
    line_no, col = start
    line = lines[line_no]
    dash = line.rfind("-", 0, col + 1)
    return dash if dash >= 0 else max(col - 2, 0)


def _end_of_item(lines: list[str], first: int, dash_col: int) -> int:
    """Index of the line after the last item: its continuation lines are indented deeper
    than the dash; blank lines and comments after it belong to what follows."""
    end = first + 1
    while end < len(lines):
        line = lines[end]
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if not stripped or indent <= dash_col:
            break
        end += 1
    return end


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
    """Validate the file and the event, insert it, and validate the result."""
    from pncaf.files.loader import load_text

    before = load_text(text, name, name)
    if before.errors:
        first = before.errors[0]
        raise EditError(f"{name} already has {counted(len(before.errors), 'error')} "
                        f"(first: {first.location()}: "
                        f"{first.message}); run `pncaf check {name}` and fix them first")
    problems = check_event(event)
    if problems:
        raise EditError("; ".join(problems))
    after_text = insert_event(text, event)
    after = load_text(after_text, name, name)
    if after.errors:
        raise EditError("the new event would make the file invalid: "
                        + "; ".join(f"line {d.line}: {d.message}" for d in after.errors[:3]))
    return Edit(text, after_text)

"""Write what was read as a convention file, each value commented with its source line.

The layout is the one of the shipped conventions (flow mappings for addresses and people);
a value not found is `null` with the line where it was expected, so that the officer
sees at a glance what to fill in, and `pncaf check` refuses the file until it is done.
"""

from __future__ import annotations

import re
import unicodedata

from pncaf.files.yaml_text import flow, scalar
from pncaf.importing.confidence import REVIEW_BELOW, each_found
from pncaf.importing.found import plain
from pncaf.importing.reading import Found, Missing, Reading


def _lines(found: Found | None) -> str:
    if found is None or not found.lines:
        return ""
    numbers = sorted(set(found.lines))
    where = f"line{'s' if len(numbers) > 1 else ''} {', '.join(map(str, numbers))}"
    if found.confidence is None:
        return where
    if found.confidence < REVIEW_BELOW:
        return f"{where} (OCR {found.confidence:.0f} %: import-review, check it on the scan)"
    return f"{where} (OCR {found.confidence:.0f} %)"


def convention_id(reading: Reading) -> str | None:
    """`77-villeparisis`: the department of the partner's postcode and its city, as the
    shipped conventions are named."""
    address = reading.values.get("partner.address")
    if address is None or not address.value.get("city"):
        return None
    city = unicodedata.normalize("NFKD", address.value["city"]).encode("ascii", "ignore")
    slug = re.sub(r"[^a-z0-9]+", "-", city.decode().lower()).strip("-")
    return f"{address.value['postcode'][:2]}-{slug}" if slug else None


def yaml_text(reading: Reading, source: str, schema_path: str = "",
              file_id: str | None = None) -> str:
    """The convention file; `schema_path` (relative to it) gives editors completion;
    `file_id` is the id when the file's name is known (as `pncaf new` does), else it is
    made from the partner's postcode and city."""
    missing_at = {m.key: m for m in reading.missing if not m.partly}
    out = [f"# yaml-language-server: $schema={schema_path}"] if schema_path else []
    out += [
        f"# Imported by `pncaf import` from {source}.",
        "# « line N »: where the value was read in that file. A value not found is null",
        "# (import-missing): fill it in, then run `pncaf check` on this file.",
        "format: pncaf/1",
    ]
    ident = file_id or convention_id(reading)
    if ident:
        out.append(f"id: {scalar(ident)}" + ("" if file_id else
                                              "    # from the partner's postcode and city"))

    def line(indent: int, key: str, found: Found | None, dotted: str, extra: str = "") -> None:
        value = None if found is None else plain(found.value)
        comment = _lines(found) or extra
        if dotted in missing_at:
            where = missing_at[dotted].line
            comment = (f"import-missing: not found (expected near line {where})" if where
                       else "import-missing: not found")
        text = f"{' ' * indent}{key}: {flow(value)}"
        out.append(f"{text}    # {comment}" if comment else text)

    def field(found: Found | None, key: str) -> Found | None:
        """One key of a mapping read on one line, as its own Found."""
        if found is None:
            return None
        return Found(found.value.get(key), found.lines)

    v = reading.values
    out += ["", "caf:"]
    line(2, "name", v.get("caf.name"), "caf.name")
    line(2, "address", v.get("caf.address"), "caf.address")
    line(2, "city", v.get("caf.city"), "caf.city", "where the Caf signs")
    line(2, "representative", v.get("caf.representative"), "caf.representative")
    line(2, "level2_contact", v.get("caf.level2_contact"), "caf.level2_contact")
    out += ["", "partner:"]
    line(2, "name", v.get("partner.name"), "partner.name")
    line(2, "siren", v.get("partner.siren"), "partner.siren")
    line(2, "address", v.get("partner.address"), "partner.address")
    line(2, "representative", v.get("partner.representative"), "partner.representative")
    out.append("  email: null    # not in a convention: the partner's e-mail for reminders")
    out += ["", "sites:" if reading.sites else "sites: []    # import-missing: no site found "
            "in Art. 7"]
    for index, site in enumerate(reading.sites):
        label = f"sites[{index}]"
        name = site["name"]
        out.append(f"  - name: {flow(name.value if name else None)}    # "
                   + (_lines(name) or "import-missing: not understood"))
        line(4, "address", site["address"], f"{label}.address")
        hours = site["hours"]
        if hours is None:
            line(4, "hours", None, f"{label}.hours")
        else:
            out.append(f"    hours:    # {_lines(hours)}" if hours.value else
                       f"    hours: {{}}    # {_lines(hours)}")
            for day, ranges in hours.value.items():
                out.append(f"      {day}: {flow(plain(ranges))}")
        monthly = site["monthly"]
        if monthly is not None:
            out.append(f"    monthly:    # {_lines(monthly)}")
            for entry in monthly.value:
                out.append(f"      - {flow(plain(entry))}")
        if site["manager"] is not None:
            line(4, "manager", site["manager"], f"{label}.manager")
        line(4, "equipment", site["equipment"], f"{label}.equipment")
    out.append("")
    signed = v.get("signed")
    if signed is None and "signed" in missing_at:
        line(0, "signed", None, "signed")
    elif signed is None:
        out.append("signed: {caf: null, partner: null}    # no signature date in the text "
                   "(Art. 11)")
    else:
        line(0, "signed", signed, "signed")
    if v.get("effective") is not None or "effective" in missing_at:
        line(0, "effective", v.get("effective"), "effective")
    line(0, "term", v.get("term"), "term")
    line(0, "engagements", v.get("engagements"), "engagements")
    actes = v.get("prefecture.id")
    if actes is None and "prefecture.id" in missing_at:
        out.append("prefecture: null    # import-missing: an acknowledgement that could not "
                   f"be read, line {missing_at['prefecture.id'].line}")
    elif actes is None:
        out.append("prefecture: null    # no acknowledgement of the préfecture in the text")
    else:
        out.append("prefecture:")
        line(2, "id", actes, "prefecture.id")
        line(2, "transmitted", v.get("prefecture.transmitted"), "prefecture.transmitted")
        if v.get("prefecture.received") is not None:
            line(2, "received", v.get("prefecture.received"), "prefecture.received")
    out += ["", "history: []", ""]
    return "\n".join(out)


def warnings(reading: Reading, source: str) -> list[str]:
    """`file:line: warning[import-missing] …`, one per value not found, then
    `file:line: warning[import-review] …`, one per value OCR was not sure of."""
    return [_warning(m, source) for m in reading.missing] + [
        f"{source}:{found.lines[0]}: warning[import-review] {key}: read by OCR with a "
        f"confidence of {found.confidence:.0f} % ({flow(plain(found.value))}): check it "
        "against the scan" for key, found in each_found(reading)
        if found.confidence is not None and found.confidence < REVIEW_BELOW and found.lines]


def _warning(missing: Missing, source: str) -> str:
    where = f"{source}:{missing.line}" if missing.line else source
    if missing.partly:
        return f"{where}: warning[import-missing] {missing.key}: {missing.hint}"
    return (f"{where}: warning[import-missing] {missing.key}: not found — {missing.hint}; "
            "left null in the file")

"""An annex 2 form refused on upload is said in French, over real HTTP: the officer reads
which cell is wrong (« la case C13 ») and what to type there, once, never « Rien n'a été
enregistré : Rien n'a été enregistré. » with the reason only in English."""

from __future__ import annotations

import io
import re
from typing import Any

from serving import Client, Server

VALBRUNE = "/conventions/77-valbrune"


def _count_cells(sheet: Any) -> list[Any]:
    """The yellow cells the partner fills (unlocked, blank on a new form)."""
    return [cell for row in sheet.iter_rows() for cell in row
            if cell.protection is not None and not cell.protection.locked
            and cell.value is None]


def _upload(client: Client, period: str, fill: Any, correction: str = "oui",
            expected: int = 422) -> str:
    """The blank form of `period` downloaded, `fill`ed, uploaded: the page answered."""
    from openpyxl import load_workbook

    blank = client.request("GET", f"{VALBRUNE}/documents/form.xlsx?period={period}").body
    book = load_workbook(io.BytesIO(blank))
    sheet = book.active
    assert sheet is not None
    fill(sheet)
    out = io.BytesIO()
    book.save(out)
    client.get(VALBRUNE)
    reply = client.post(f"{VALBRUNE}/annexe2", client.form(correction=correction),
                        {"form": (f"annexe2-{period}.xlsx", out.getvalue())})
    assert reply.status == expected, reply.plain[-1500:]
    return reply.plain


def _alert(page: str) -> str:
    found = re.search(r'role="alert"[^>]*>(.*?)</div>', page, re.S)
    assert found is not None, page[-2000:]
    return re.sub(r"<[^>]+>", " ", found.group(1))


def test_wrong_counts_are_named_by_cell_in_french(server: Server) -> None:
    client = server.client()
    client.login()
    cells: list[str] = []

    def fill(sheet: Any) -> None:
        text, negative, decimal = _count_cells(sheet)[:3]
        text.value, negative.value, decimal.value = "une quarantaine", -3, 2.5
        cells.extend([text.coordinate, negative.coordinate, decimal.coordinate])

    said = _alert(_upload(client, "2026-S1", fill))
    assert f"Dans la case {cells[0]}, « une quarantaine » est du texte" in said
    assert f"Dans la case {cells[1]}, -3 est négatif" in said
    assert f"Dans la case {cells[2]}, 2,5 n'est pas un nombre entier" in said
    assert said.count("Rien n'a été enregistré") == 1
    assert "is text" not in said.split("Détail")[0]


def test_a_count_in_an_inserted_row_is_named_by_its_cell(server: Server) -> None:
    client = server.client()
    client.login()

    def fill(sheet: Any) -> None:
        _count_cells(sheet)[0].value = 12
        sheet["C40"] = 3

    said = _alert(_upload(client, "2026-S1", fill))
    assert "La case C40 contient 3, hors des lignes d'indicateurs" in said
    assert said.count("Rien n'a été enregistré") == 1


def test_a_report_of_a_semester_not_over_is_refused_in_french_once(server: Server) -> None:
    client = server.client()
    client.login()

    def fill(sheet: Any) -> None:
        _count_cells(sheet)[0].value = 12

    said = _alert(_upload(client, "2026-S2", fill, correction=""))
    assert "Le semestre 2026-S2 n'est pas terminé" in said
    assert "Rien n'a été enregistré : Rien n'a été enregistré" not in said
    assert said.count("Rien n'a été enregistré") == 1


def test_a_note_already_in_french_is_shown_as_it_is(server: Server) -> None:
    client = server.client()
    client.login()

    def one_count(sheet: Any) -> None:            # the other indicators left blank
        _count_cells(sheet)[0].value = 40

    page = _upload(client, "2026-S1", one_count, expected=200)
    items = re.findall(r"<li>(.*?)</li>", page, re.S)
    incomplete = [i for i in items if "formulaire incomplet" in i]
    assert incomplete, items
    assert "voir le détail technique" not in incomplete[0]
    assert "<details" not in incomplete[0]

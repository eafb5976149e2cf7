"""What the officer follows up (issue 13): closures that name a site, visits that end with
an action plan, and a dashboard in French, with an acknowledged finding shown as such."""

from __future__ import annotations

import csv
import html
import io
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from helpers import VALID, diagnostics, load, replace
from pncaf.cli.app import app
from pncaf.dates.agenda import agenda
from pncaf.dates.closures import open_sites

D = date.fromisoformat

TWO_SITES = replace(VALID, "signed:", """  - name: Médiathèque des Saules
    address: {street: 3 rue du Point, postcode: "77270", city: Villeparisis}
    hours:
      wednesday: ["09:00-12:00"]
signed:""")


def with_events(text: str, *events: str) -> str:
    return replace(text, "history: []", "history:\n" + "".join(f"  - {e}\n" for e in events))


def test_a_closure_names_its_site_or_closes_them_all() -> None:
    one = load(with_events(TWO_SITES, "{date: 2024-03-01, event: closure, until: 2024-03-10, "
                           "reason: travaux, site: Médiathèque des Saules}")).convention
    assert one is not None
    assert [s.name for s in open_sites(one, D("2024-03-05"))] == ["Point d'accueil"]
    assert len(open_sites(one, D("2024-03-11"))) == 2
    every = load(with_events(TWO_SITES, "{date: 2024-03-01, event: closure, until: "
                             "2024-03-10, reason: travaux}")).convention
    assert every is not None and open_sites(every, D("2024-03-10")) == []


def test_a_closure_naming_no_site_of_the_convention_is_an_error_with_a_suggestion() -> None:
    text = with_events(TWO_SITES, "{date: 2024-03-01, event: closure, until: 2024-03-10, "
                       "reason: travaux, site: Médiathèque des Saule}")
    [d] = diagnostics(text)
    assert d.rule == "schema" and "did you mean « Médiathèque des Saules »?" in d.message
    assert d.message.startswith("`site` of event 1 (closure of 2024-03-01)")


def test_the_export_leaves_a_closed_site_out_while_it_is_closed(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(with_events(TWO_SITES, "{date: 2024-03-01, event: closure, until: "
                                "2024-03-10, reason: travaux, site: Médiathèque des Saules}"),
                    encoding="utf-8")

    def names(day: str) -> list[str]:
        result = CliRunner().invoke(app, ["export", str(path), "--format", "mediation-num",
                                          "--as-of", day])
        assert result.exit_code == 0, result.stderr
        return [row["nom"] for row in csv.DictReader(io.StringIO(result.stdout))]

    assert names("2024-03-05") == ["Point d'accueil"]
    assert sorted(names("2024-03-11")) == ["Médiathèque des Saules", "Point d'accueil"]


def test_an_action_plan_puts_a_follow_up_visit_in_the_agenda() -> None:
    text = with_events(VALID, "{date: 2024-02-01, event: visit, outcome: action_plan, "
                       "note: affichage à revoir}")
    conv = load(text).convention
    assert conv is not None
    [item] = [i for i in agenda(conv, "x", "x.yaml", D("2024-02-02"), 120)
              if i.key.startswith("visit/follow-up")]
    assert item.date == D("2024-05-01") and item.kind == "visit_due"
    assert "plan d'action décidé le 1er février 2024 (affichage à revoir)" in item.title
    followed = load(with_events(VALID, "{date: 2024-02-01, event: visit, outcome: action_plan}",
                                "{date: 2024-04-01, event: visit, outcome: compliant}"))
    assert followed.convention is not None
    assert not [i for i in agenda(followed.convention, "x", "x.yaml", D("2024-04-02"), 120)
                if i.key.startswith("visit/follow-up")]


def test_the_dashboard_shows_closures_action_plans_and_french_findings(tmp_path: Path) -> None:
    folder = tmp_path / "conventions"
    folder.mkdir()
    text = with_events(
        replace(TWO_SITES, "  - name: Point d'accueil", "  - name: Espace Lumière"),
        "{date: 2024-02-01, event: visit, outcome: action_plan, note: affichage à revoir}",
        "{date: 2024-03-01, event: closure, until: 2024-03-20, reason: dégât des eaux, "
        "site: Médiathèque des Saules}",
        "{date: 2024-09-01, event: report, period: 2024-S1}",
        "{date: 2024-09-02, event: acknowledgment, rule: report-late, subject: 2024-S1, "
        "note: retard signalé par la mairie}")
    (folder / "c.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["report", str(folder), "--as-of", "2024-09-03", "-o",
                                      str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    page = html.unescape((tmp_path / "out" / "conventions" / "test-convention.html")
                         .read_text(encoding="utf-8"))
    assert ("Fermeture exceptionnelle (Médiathèque des Saules) du 1er mars 2024 au 20 mars "
            "2024 : dégât des eaux") in page
    assert "plan d'action — affichage à revoir" in page
    assert "Horaires d'ouverture d'Espace Lumière" in page
    assert "première formation attendue au plus tard le 15 avril 2024" in page
    assert "pris en compte le 2 septembre 2024 : retard signalé par la mairie" in page
    assert 'lang="en"' not in page            # every finding of this file reads in French


def test_every_rule_speaks_french_on_the_dashboard() -> None:
    from pncaf.checks.rules import RULES, run_rules

    text = replace(VALID, "  - name: Point d'accueil", "  - name: Antenne #2")
    text = replace(text, 'tuesday: ["09:00-12:00", "14:00-17:00"]', "tuesday: []")
    text = replace(text, "scanners: 1", "scanners: 0")
    text = replace(text, "history: []", (
        "prefecture: {id: 093-217709997-20240120-24_001-DE, transmitted: 2024-01-12, "
        "received: 2024-01-11}\nhistory:\n"
        "  - {date: 2024-09-01, event: report, period: 2024-S1, indicators: {zzz: 3}}\n"
        "  - {date: 2024-09-02, event: report, period: 2024-S1}\n"
        "  - {date: 2024-10-20, event: notice, by: partner}\n"
        "  - {date: 2024-11-01, event: label_withdrawn, reason: fermeture}\n"
        "# mot de passe: secret123\n"))
    found = run_rules(load(text), D("2025-06-01"), french=True)
    raised = {d.rule for d in found}
    # the notice above already ends the convention: label-withdrawn needs a file without one
    alone = {"unsigned", "label-withdrawn", "signed-in-future"}
    expected = {r.id for r in RULES if r.check is not None} - alone
    assert raised == expected, expected - raised
    unsigned = replace(VALID, "signed: {caf: 2024-01-10, partner: 2024-01-15}", "signed: {}")
    found += run_rules(load(unsigned), D("2024-01-15"), french=True)
    withdrawn = replace(VALID, "history: []", (
        "history:\n  - {date: 2024-11-01, event: label_withdrawn, reason: fermeture}\n"))
    found += run_rules(load(withdrawn), D("2024-12-01"), french=True)
    found += run_rules(load(VALID), D("2024-01-12"), french=True)    # signed on the 15th
    assert alone <= {d.rule for d in found}
    assert [d.rule for d in found if not d.message_fr] == []
    assert all(d.message_fr and " the " not in d.message_fr for d in found)

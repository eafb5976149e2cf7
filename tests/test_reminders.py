"""Reminders: who receives what, drafts, and `--send` against a real SMTP server on the loopback.

The server is aiosmtpd, started by a fixture on 127.0.0.1 with a free port; what it received
is parsed back with the `email` package. STARTTLS and SSL use a self-signed certificate made
in the fixture (cryptography), trusted through PNCAF_SMTP_CAFILE.
"""

from __future__ import annotations

import email
import email.policy
import socket
import ssl
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from ipaddress import IPv4Address
from pathlib import Path
from typing import Any

import pytest
import yaml
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from typer.testing import CliRunner

from helpers import CONVENTIONS, VALID, replace
from pncaf.cli.app import app

runner = CliRunner()
AS_OF = "2027-01-02"   # the 2d semestre 2026 is over: its reports are asked for
PASSWORD = "s3cret-Pa55"
OFFICER = "nadia.roussel@caf77.example"
SENDER = "partenariats@caf77.example"
#: A sender that names no Caf: the shipped examples are conventions of three Cafs, and a
#: sender naming one Caf refuses the others' reminders (test_reminders_caf.py)
SENDER_NAME = "Partenariats Point numérique"


def text_of(message: EmailMessage) -> str:
    """The plain-text body of a message, with or without the annex 2 form attached."""
    body = message.get_body(("plain",))
    assert body is not None
    return str(body.get_content())


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


# --- a real SMTP server ------------------------------------------------------------------------

@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage
    raw: bytes = b""


@dataclass
class Handler:
    """Keeps what it receives; refuses or drops on demand."""

    received: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)          # 550 at RCPT TO
    drop_once: set[str] = field(default_factory=set)       # close the connection at DATA

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          options: list[str]) -> str:
        if address in self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        dropped = self.drop_once & set(envelope.rcpt_tos)
        if dropped:
            self.drop_once -= dropped
            server.transport.close()                       # the line goes dead mid-run
            return "421 closing"
        message = email.message_from_bytes(envelope.original_content,
                                           policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message,
                                      envelope.original_content))
        return "250 Message accepted"

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.recipients]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    handler: Handler
    port: int
    certificate: Path | None = None


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, as a small Caf's own server might have."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "smtp.caf-test.example")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(IPv4Address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


def authenticator(server: Any, session: Any, envelope: Any, mechanism: str,
                  data: Any) -> AuthResult:
    ok = isinstance(data, LoginPassword) and data.login == b"partenariats" \
        and data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def smtp_server(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Start servers on demand: `smtp_server()`, `smtp_server(tls="starttls", auth=True)`."""
    controllers: list[Controller] = []

    def start(tls: str = "none", auth: bool = False) -> Server:
        handler = Handler()
        port = free_port()
        options: dict[str, Any] = {}
        cert = None
        if tls != "none":
            cert, key = self_signed(tmp_path)
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(cert, key)
            options["ssl_context" if tls == "ssl" else "tls_context"] = context
            if tls == "starttls":
                options["require_starttls"] = True
        if auth:
            options.update(authenticator=authenticator, auth_require_tls=tls != "none",
                           auth_required=True)
        controller = Controller(handler, hostname="127.0.0.1", port=port,
                                server_hostname="127.0.0.1", **options)
        controller.start()
        controllers.append(controller)
        return Server(handler, port, cert)

    yield start
    for controller in controllers:
        controller.stop()


# --- a team folder: pncaf.toml beside the conventions -------------------------------------------

def team(tmp_path: Path, port: int, security: str = "none", user: str | None = None,
         officer: str = OFFICER, conventions: Path = CONVENTIONS) -> Path:
    folder = tmp_path / "equipe"
    (folder / "conventions").mkdir(parents=True)
    for source in conventions.glob("*.yaml"):
        (folder / "conventions" / source.name).write_bytes(source.read_bytes())
    user_line = f'user = "{user}"\n' if user else ""
    (folder / "pncaf.toml").write_text(textwrap.dedent(f"""\
        [officer]
        name = "Nadia Roussel"
        email = "{officer}"
        phone = "01 23 45 67 89"

        [mail]
        from = "{SENDER_NAME} <{SENDER}>"

        [smtp]
        host = "127.0.0.1"
        port = {port}
        security = "{security}"
        """) + user_line, encoding="utf-8")
    return folder


def send(folder: Path, *extra: str, as_of: str = AS_OF) -> tuple[int, str, str]:
    return run("reminders", str(folder / "conventions"), "--send", "--as-of", as_of,
               "--config", str(folder / "pncaf.toml"), *extra)


def log_of(folder: Path) -> list[dict[str, Any]]:
    path = folder / "pncaf-sent.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else []


@pytest.fixture(autouse=True)
def clean_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty working folder (no templates/, no pncaf.toml) and no SMTP variables."""
    monkeypatch.chdir(tmp_path)
    for variable in ("PNCAF_SMTP_PASSWORD", "PNCAF_SMTP_CAFILE"):
        monkeypatch.delenv(variable, raising=False)


# --- sending -------------------------------------------------------------------------------------

def test_send_delivers_each_kind_to_the_right_people(tmp_path: Path,
                                                     smtp_server: Callable[..., Server]) -> None:
    server = smtp_server()
    folder = team(tmp_path, server.port)
    code, _, err = send(folder)
    assert code == 0, err
    got = server.handler.received
    assert len(got) == 11 and "sent 11 messages" in err
    for r in got:
        assert r.message["From"] == f"{SENDER_NAME} <{SENDER}>"
        assert r.message["X-Unsent"] is None                 # a sent mail, not a draft
        assert r.message["To"].addresses[0].addr_spec != SENDER
    # a report: To the partner, Cc the officer (delivered to both), signed by the officer
    [report] = server.handler.to("accueil@valbrune.example")
    assert report.recipients == ["accueil@valbrune.example", OFFICER]
    assert str(report.message["To"]) == "Mairie de Valbrune-sur-Loing <accueil@valbrune.example>"
    assert str(report.message["Cc"]) == f"Nadia Roussel <{OFFICER}>"
    assert str(report.message["Reply-To"]) == f"Nadia Roussel <{OFFICER}>"
    body = text_of(report.message)
    assert "2d semestre 2026 (du 1er août 2026 au 31 décembre 2026)" in body
    assert "« Espace France services de Valbrune » et « Médiathèque des Quatre Vents »" in body
    assert "Nadia Roussel" in body and "01 23 45 67 89" in body and "2026-S2" not in body
    # the partner answers with the prefilled annex 2 form of that semester, which the
    # officer records as it comes back
    assert "ci-joint le formulaire de l'annexe 2" in body
    form_back_and_recorded(report.message, folder / "conventions" / "77-valbrune.yaml",
                           tmp_path)
    # the renewal, a decision of the Caf: the officer only, never the partner
    [notice] = [r for r in got if "Reconduction" in str(r.message["Subject"])]
    assert notice.recipients == [OFFICER] and notice.message["Cc"] is None
    assert "n'est pas destiné au partenaire" in text_of(notice.message)
    # no partner e-mail: to the officer, to be passed on
    passerelle = [r for r in got if "Passerelle" in str(r.message["Subject"])]
    assert passerelle and all(r.recipients == [OFFICER] for r in passerelle)
    assert all("À transmettre" in str(r.message["Subject"]) for r in passerelle)
    assert "merci de le lui transmettre" in text_of(passerelle[0].message).lower()
    assert ("Ce rappel est destiné au partenaire « Centre social La Passerelle », mais"
            in " ".join(text_of(passerelle[0].message).split()))
    # the log, readable in a review: date, item, recipients, Message-ID
    log = log_of(folder)
    assert len(log) == 11
    entry = next(e for e in log if e["item"] == "77-valbrune/report/2026-S2@pncaf")
    assert entry["to"] == ["accueil@valbrune.example"] and entry["cc"] == [OFFICER]
    assert str(entry["date"]) == AS_OF and entry["message_id"] == report.message["Message-ID"]


def test_each_item_is_sent_once_and_overdue_ones_again_after_repeat(
        tmp_path: Path, smtp_server: Callable[..., Server]) -> None:
    server = smtp_server()
    folder = team(tmp_path, server.port)
    assert send(folder)[0] == 0
    first = len(server.handler.received)
    code, _, err = send(folder)                          # another run, the same day
    assert code == 0 and len(server.handler.received) == first and "sent 0 messages" in err
    assert send(folder, as_of="2027-01-15")[0] == 0      # 13 days later: nothing again
    assert len(server.handler.received) == first
    code, _, err = send(folder, as_of="2027-01-16")      # 14 days: the overdue ones again
    assert code == 0, err
    again = server.handler.received[first:]
    assert again and all("RELANCE" in str(r.message["Subject"]) for r in again)
    assert not [r for r in again if "Reconduction" in str(r.message["Subject"])]
    second = again[0].message
    assert second["Message-ID"].endswith(".2@caf77.example>")
    assert second["In-Reply-To"].endswith(".1@caf77.example>")   # threaded to the first
    log = log_of(folder)
    assert len(log) == first + len(again) and str(log[-1]["date"]) == "2027-01-16"
    code, _, _ = send(folder, "--repeat", "30", as_of="2027-01-25")
    later = server.handler.received[first + len(again):]     # only items new in the window
    assert code == 0 and all(r.message["Message-ID"].endswith(".1@caf77.example>")
                             for r in later)


def test_a_refused_recipient_does_not_stop_the_others(tmp_path: Path,
                                                      smtp_server: Callable[..., Server]) -> None:
    server = smtp_server()
    server.handler.refuse.add("accueil@valbrune.example")
    folder = team(tmp_path, server.port)
    code, _, err = send(folder)
    assert code == 1
    assert "accueil@valbrune.example (550 5.1.1 No such user here)" in err
    # every other message went; the refused one reached only its copy (the officer)
    assert len(server.handler.received) == 11 and not server.handler.to("accueil@valbrune.example")
    assert "77-valbrune/report/2026-S2@pncaf" not in {e["item"] for e in log_of(folder)}
    assert len(log_of(folder)) == 10
    server.handler.refuse.clear()                       # the address is fixed
    code, _, err = send(folder)
    assert code == 0, err
    [retry] = server.handler.received[11:]              # only what was not sent
    assert "accueil@valbrune.example" in retry.recipients


def test_a_dropped_connection_does_not_stop_the_others(tmp_path: Path,
                                                       smtp_server: Callable[..., Server]) -> None:
    server = smtp_server()
    server.handler.drop_once.add("numerique@champs-fleuris.example")
    folder = team(tmp_path, server.port)
    code, _, err = send(folder)
    assert code == 1 and "connection to 127.0.0.1" in err and "was lost" in err
    assert len(server.handler.received) == 10
    assert not server.handler.to("numerique@champs-fleuris.example")
    code, _, _ = send(folder)
    assert code == 0
    [retry] = server.handler.received[10:]
    assert retry.recipients[0] == "numerique@champs-fleuris.example"
    assert len(log_of(folder)) == 11


def test_starttls_with_a_self_signed_certificate(tmp_path: Path,
                                                 smtp_server: Callable[..., Server],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    server = smtp_server(tls="starttls")
    folder = team(tmp_path, server.port, security="starttls")
    code, _, err = send(folder)                          # not trusted: nothing goes out
    assert code == 1 and "not trusted" in err and "PNCAF_SMTP_CAFILE" in err
    assert server.handler.received == [] and log_of(folder) == []
    monkeypatch.setenv("PNCAF_SMTP_CAFILE", str(server.certificate))
    code, _, err = send(folder)
    assert code == 0, err
    assert len(server.handler.received) == 11


def test_ssl_from_the_first_byte(tmp_path: Path, smtp_server: Callable[..., Server],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    server = smtp_server(tls="ssl")
    monkeypatch.setenv("PNCAF_SMTP_CAFILE", str(server.certificate))
    folder = team(tmp_path, server.port, security="ssl")
    code, _, err = send(folder)
    assert code == 0, err
    assert len(server.handler.received) == 11


def test_login_with_the_password_from_the_environment(tmp_path: Path,
                                                      smtp_server: Callable[..., Server],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    server = smtp_server(tls="starttls", auth=True)
    monkeypatch.setenv("PNCAF_SMTP_CAFILE", str(server.certificate))
    folder = team(tmp_path, server.port, security="starttls", user="partenariats")
    code, out, err = send(folder)                        # no password in the environment
    assert code == 1 and "PNCAF_SMTP_PASSWORD" in err and server.handler.received == []
    monkeypatch.setenv("PNCAF_SMTP_PASSWORD", "wrong")
    code, out, err = send(folder)
    assert code == 1 and "refused the login of user partenariats" in err
    assert "wrong" not in out + err
    monkeypatch.setenv("PNCAF_SMTP_PASSWORD", PASSWORD)
    code, out, err = send(folder)
    assert code == 0, err
    assert len(server.handler.received) == 11
    written = "".join(p.read_text(encoding="utf-8") for p in folder.iterdir() if p.is_file())
    assert PASSWORD not in out + err + written


def test_dry_run_sends_and_writes_nothing(tmp_path: Path,
                                          smtp_server: Callable[..., Server]) -> None:
    server = smtp_server()
    folder = team(tmp_path, server.port)
    code, out, err = send(folder, "--dry-run")
    assert code == 0, err
    assert server.handler.received == [] and not (folder / "pncaf-sent.yaml").exists()
    assert out.count("would send") == 11
    assert "would send 77-valbrune renewal/5 to nadia.roussel@caf77.example:" in out
    assert (f"would send 77-valbrune report/2026-S2 to accueil@valbrune.example "
            f"(cc {OFFICER})") in out


def test_send_without_settings_is_refused_clearly(tmp_path: Path) -> None:
    code, _, err = run("reminders", str(CONVENTIONS), "--send", "--as-of", AS_OF)
    assert code == 1
    assert "--send needs pncaf.toml" in err and "[smtp]" in err and "Nothing was sent" in err
    assert "Traceback" not in err


def test_officer_address_equal_to_sender_is_refused(tmp_path: Path,
                                                    smtp_server: Callable[..., Server]) -> None:
    server = smtp_server()
    folder = team(tmp_path, server.port, officer=SENDER)
    code, _, err = send(folder)
    assert code == 1 and "same address" in err and server.handler.received == []
    code, _, err = run("reminders", str(folder / "conventions"), "-o", str(tmp_path / "r"),
                       "--config", str(folder / "pncaf.toml"))
    assert code == 1 and "same address" in err and not (tmp_path / "r").exists()


def test_a_partner_address_equal_to_the_sender_is_not_sent(
        tmp_path: Path, smtp_server: Callable[..., Server]) -> None:
    server = smtp_server()
    folder = team(tmp_path, server.port)
    path = folder / "conventions" / "77-valbrune.yaml"
    path.write_text(path.read_text().replace("accueil@valbrune.example", SENDER))
    code, _, err = send(folder)
    assert code == 1 and "partner.email" in err and "from the Caf to itself" in err
    assert all(r.message["To"].addresses[0].addr_spec != SENDER
               for r in server.handler.received)


def test_an_unreadable_log_stops_before_sending(tmp_path: Path,
                                                smtp_server: Callable[..., Server]) -> None:
    server = smtp_server()
    folder = team(tmp_path, server.port)
    (folder / "pncaf-sent.yaml").write_text("- date: 2026-11-27\n  item: [unclosed\n")
    code, _, err = send(folder)
    assert code == 1 and "pncaf-sent.yaml:" in err and "nothing was sent" in err
    assert server.handler.received == []


# --- drafts ---------------------------------------------------------------------------------------

def read_eml(path: Path) -> EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_drafts_are_drafts_and_stable(tmp_path: Path) -> None:
    folder = team(tmp_path, free_port())
    out = tmp_path / "relances"
    args = ("reminders", str(folder / "conventions"), "-o", str(out), "--as-of", AS_OF,
            "--config", str(folder / "pncaf.toml"))
    assert run(*args)[0] == 0
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    assert run(*args)[0] == 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first      # same files, no more
    for name in first:
        message = read_eml(out / name)
        assert message["X-Unsent"] == "1"
        assert message["Message-ID"].endswith(".1@caf77.example>")
    renewal = read_eml(next(out.glob("*77-valbrune_renewal*")))
    assert str(renewal["To"]) == f"Nadia Roussel <{OFFICER}>"
    assert "14/03/2027" in str(renewal["Subject"]) and "14 mars 2027" in text_of(renewal)


def test_drafts_without_settings_show_placeholders(tmp_path: Path) -> None:
    out = tmp_path / "relances"
    code, _, err = run("reminders", str(CONVENTIONS), "-o", str(out), "--as-of", AS_OF)
    assert code == 0 and "À COMPLÉTER" in err
    report = read_eml(next(out.glob("*77-valbrune_report*")))
    assert report["To"].addresses[0].addr_spec == "accueil@valbrune.example"
    assert "À COMPLÉTER" in str(report["From"]) and "À COMPLÉTER" in text_of(report)
    renewal = read_eml(next(out.glob("*77-valbrune_renewal*")))
    assert renewal["To"].addresses[0].addr_spec == "a-completer@pncaf.invalid"
    # never the level-2 mailbox: it is the users' case mailbox, not the partnership team's
    assert all("level2" not in p.read_text() and "cafmelun" not in str(read_eml(p)["From"])
               for p in out.iterdir())


@pytest.mark.parametrize("address, to, utf8", [
    ("accueil@pré-vert.example", "accueil@xn--pr-vert-cya.example", False),
    ("accueil@valbrune.example", "accueil@valbrune.example", False),
    ("élodie@pré-vert.example", "élodie@xn--pr-vert-cya.example", True),
])
def test_reminders_reach_accented_addresses(tmp_path: Path, address: str, to: str,
                                            utf8: bool) -> None:
    """An accented domain (allowed in .fr) is written in its ASCII form; an accented name
    before the @ needs UTF-8 headers (RFC 6532). Either way the reminder is written."""
    source = replace(VALID, "representative: {name: Marc Maire, title: Maire}",
                     f"representative: {{name: Marc Maire, title: Maire}}\n  email: {address}")
    (tmp_path / "c.yaml").write_text(source, encoding="utf-8")
    out = tmp_path / "relances"
    code, _, err = run("reminders", str(tmp_path / "c.yaml"), "-o", str(out),
                       "--as-of", "2026-11-27", "--days", "365")
    assert code == 0, err
    raw = next(out.glob("*report*")).read_bytes()
    message = email.message_from_string(raw.decode("utf-8"), policy=email.policy.default)
    assert message["To"].addresses[0].addr_spec == to
    headers = raw.split(b"\r\n\r\n")[0]
    assert headers.isascii() is not utf8


def test_a_utf8_address_is_delivered(tmp_path: Path, smtp_server: Callable[..., Server]) -> None:
    server = smtp_server()
    folder = team(tmp_path, server.port)
    path = folder / "conventions" / "77-valbrune.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "accueil@valbrune.example", "accueil@pré-vert.example"), encoding="utf-8")
    assert send(folder)[0] == 0
    assert server.handler.to("accueil@xn--pr-vert-cya.example")


def test_neither_drafts_nor_send_is_a_usage_error() -> None:
    code, _, err = run("reminders", str(CONVENTIONS))
    assert code == 2 and "-o DIR" in err and "--send" in err
    code, _, err = run("reminders", str(CONVENTIONS), "-o", "x", "--dry-run")
    assert code == 2 and "--dry-run goes with --send" in err


def test_two_runs_at_once_send_each_item_once(tmp_path: Path,
                                              smtp_server: Callable[..., Server]) -> None:
    """Two machines (here two processes) sharing the repository run the scheduled task
    at the same time: the lock on the sent log makes each item go out once."""
    import os
    import subprocess
    import sys

    server = smtp_server()
    folder = team(tmp_path, server.port)
    pncaf = Path(sys.executable).with_name("pncaf")
    args = [str(pncaf), "reminders", str(folder / "conventions"), "--send", "--as-of", AS_OF,
            "--config", str(folder / "pncaf.toml")]
    runs = [subprocess.Popen(args, stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "NO_COLOR": "1"}) for _ in range(2)]
    results = [(r.wait(timeout=120), r.stderr.read() if r.stderr else "") for r in runs]
    for r in runs:
        if r.stderr:
            r.stderr.close()
    assert [code for code, _ in results] == [0, 0], results
    items = [str(r.message["X-Pncaf-Item"]) for r in server.handler.received]
    assert len(items) == 11 and len(set(items)) == 11
    assert len(log_of(folder)) == 11


def test_the_next_training_is_a_new_reminder(tmp_path: Path,
                                             smtp_server: Callable[..., Server]) -> None:
    """The training item keeps its key while its date moves a year on each training: once
    a training is recorded, the next one is reminded again, as a new message."""
    server = smtp_server()
    folder = team(tmp_path, server.port)
    assert send(folder)[0] == 0
    [first] = server.handler.to("numerique@champs-fleuris.example")
    path = folder / "conventions" / "77-champs-fleuris.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "history:\n  - {date: 2027-01-20, event: "
                    "training, attendees: [Inès Moreau]}\n", encoding="utf-8")
    code, _, err = send(folder, as_of="2027-11-01")
    assert code == 0, err
    trainings = [r for r in server.handler.to("numerique@champs-fleuris.example")
                 if "Formation" in str(r.message["Subject"])]
    assert len(trainings) == 2 and "20 janvier 2028" in text_of(trainings[1].message)
    assert trainings[1].message["Message-ID"] != first.message["Message-ID"]
    entries = [e for e in log_of(folder) if e["item"] == "77-champs-fleuris/training@pncaf"]
    assert [str(e["due"]) for e in entries] == ["2027-04-01", "2028-01-20"]


def test_a_log_that_cannot_be_written_stops_the_run(tmp_path: Path,
                                                    smtp_server: Callable[..., Server],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up after the first message: the run stops (every further message
    would go out unrecorded) and says which message the next run will send again."""
    import os

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    server = smtp_server()
    folder = team(tmp_path, server.port)
    monkeypatch.setattr(os, "replace", disk_full)
    code, _, err = send(folder)
    assert code == 1 and "No space left on device" in err
    assert "cannot write the sent log" in err and "Traceback" not in err
    assert len(server.handler.received) == 1 and not (folder / "pncaf-sent.yaml").exists()


def test_the_attachment_hook_joins_a_file_and_says_so() -> None:
    """Where `pncaf form` plugs in: an attachment given to `compose` travels with the
    message (draft and sent alike) and the text points to it."""
    from datetime import date

    from pncaf.dates.agenda import agenda
    from pncaf.format.loader import load_file
    from pncaf.outputs.reminders import Attachment, compose
    from pncaf.settings import Officer, Settings

    loaded = load_file(CONVENTIONS / "77-valbrune.yaml")
    assert loaded.convention is not None
    day = date(2026, 11, 27)
    [item] = [i for i in agenda(loaded.convention, loaded.id, loaded.file, day, 90)
              if i.kind == "report_due"]
    settings = Settings(officer=Officer("Nadia Roussel", OFFICER), sender=f"Caf <{SENDER}>")
    form = Attachment("annexe2-2026-S2.xlsx", "application",
                      "vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04")
    reminder = compose(item, loaded.convention, settings, day, attachments=[form])
    draft = email.message_from_bytes(reminder.draft, policy=email.policy.default)
    assert isinstance(draft, EmailMessage)
    [part] = list(draft.iter_attachments())
    assert part.get_filename() == "annexe2-2026-S2.xlsx" and part.get_content() == b"PK\x03\x04"
    body = draft.get_body(("plain",))
    assert body is not None and "ci-joint le formulaire de l'annexe 2" in body.get_content()


def test_a_very_long_paragraph_still_makes_a_valid_message(tmp_path: Path,
                                                           smtp_server: Callable[..., Server],
                                                           ) -> None:
    """Thirty sites named in one sentence exceed SMTP's 998-byte line limit: the message goes
    quoted-printable, and the partner reads the same words."""
    server = smtp_server()
    folder = team(tmp_path, server.port)
    path = folder / "conventions" / "77-valbrune.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - name: Médiathèque des Quatre Vents")
    end = text.index("signed:")
    site = text[start:end]
    many = "".join(site.replace("Médiathèque des Quatre Vents",
                                f"Médiathèque annexe numéro {n} des Quatre Vents")
                   for n in range(30))
    path.write_text(text[:start] + many + text[end:], encoding="utf-8")
    code, _, err = send(folder)
    assert code == 0, err
    [report] = server.handler.to("accueil@valbrune.example")
    assert max(len(line) for line in report.raw.splitlines()) <= 998
    assert "« Médiathèque annexe numéro 29 des Quatre Vents »" in text_of(report.message)


def test_figures_are_asked_for_once_the_semester_is_over(tmp_path: Path) -> None:
    """On 27 November the agenda shows the 2d semestre 2026 report (due 10 January), but
    the partner cannot give the figures of a semester still running: no reminder yet."""
    out = tmp_path / "relances"
    code, agenda_out, _ = run("agenda", str(CONVENTIONS), "--format", "json", "--as-of",
                              "2026-11-27")
    assert code == 0 and "2d semestre 2026" in agenda_out
    assert run("reminders", str(CONVENTIONS), "-o", str(out), "--as-of", "2026-11-27")[0] == 0
    assert not list(out.glob("*report-2026-S2*"))
    assert run("reminders", str(CONVENTIONS), "-o", str(out), "--as-of", "2027-01-01")[0] == 0
    assert len(list(out.glob("*report-2026-S2*"))) == 2      # Valbrune and Les Clés


def form_back_and_recorded(message: EmailMessage, convention: Path, tmp_path: Path) -> None:
    """The attached form is the semester's, for this convention: a partner fills the cells
    left open to them, and `record --from` takes the figures without retyping."""
    from openpyxl import load_workbook

    [part] = list(message.iter_attachments())
    assert part.get_filename() == "annexe2-77-valbrune-2026-S2.xlsx"
    form = tmp_path / "recu.xlsx"
    form.write_bytes(part.get_content())
    book = load_workbook(form)
    sheet = book["Annexe 2"]
    open_cells = [c.coordinate for row in sheet.iter_rows() for c in row
                  if c.protection.locked is False]
    assert open_cells and sheet.protection.sheet
    for count, cell in enumerate(open_cells, start=10):
        sheet[cell] = count
    book.save(form)
    code, _, err = run("record", str(convention), "report", "--from", str(form),
                       "--date", "2027-01-08")
    assert code == 0, err
    assert "period: 2026-S2" in convention.read_text(encoding="utf-8")


def test_an_ended_convention_is_no_longer_reminded_once_nothing_can_be_done(
        tmp_path: Path, smtp_server: Callable[..., Server]) -> None:
    """Ended on 14 January 2025 (notice by the Caf) with its reports missing: they are asked
    for, again every 14 days, the last one (1er semestre 2025) from its due date, 10 August
    2025, until six months after it, 10 February 2026; then nothing more, ever (before:
    every 14 days forever). `check` still shows the missing reports to the officer."""
    ended = tmp_path / "ended"
    ended.mkdir()
    (ended / "c.yaml").write_text(replace(
        VALID, "history: []", "history:\n  - {date: 2024-01-15, event: training, attendees: "
        "[Anne Agent]}\n  - {date: 2024-03-01, event: notice, by: caf}"))
    server = smtp_server()
    folder = team(tmp_path, server.port, conventions=ended)
    sent = []
    for day in ("2025-01-20", "2025-08-11", "2026-02-10", "2026-02-25", "2026-06-01",
                "2027-09-01"):
        before = len(server.handler.received)
        code, _, err = send(folder, as_of=day)
        assert code == 0, err
        sent.append(len(server.handler.received) - before)
    # 2024-S1 and 2024-S2 overdue; then with 2025-S1 due; again; then never more
    assert sent == [2, 3, 3, 0, 0, 0]
    code, out, _ = run("agenda", str(folder / "conventions"), "--as-of", "2026-02-11",
                       "--format", "json")
    assert code == 0 and '"report_due"' not in out
    code, out, _ = run("check", str(folder / "conventions"), "--as-of", "2026-02-11")
    assert out.count("report-overdue") == 3


def test_a_dry_run_needs_no_smtp_server_yet(tmp_path: Path) -> None:
    folder = team(tmp_path, 25)
    settings = folder / "pncaf.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text[:text.index("[smtp]")], encoding="utf-8")   # not set up yet
    code, out, err = send(folder, "--dry-run")
    assert code == 0, err
    assert out.count("would send") == 11 and not (folder / "pncaf-sent.yaml").exists()
    code, _, err = send(folder)
    assert code == 1 and "--send needs [smtp] as well" in err and "Nothing was sent" in err

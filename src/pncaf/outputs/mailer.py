"""Sending messages over SMTP (`[smtp]` of pncaf.toml), with smtplib.

- `security`: "starttls" (upgrade a plain connection, port 587), "ssl" (TLS from the
  first byte, port 465) or "none" (in clear, for a relay on the same machine).
- TLS certificates are verified against the system's authorities; a Caf whose server uses
  its own authority names its certificate file in the environment variable
  `PNCAF_SMTP_CAFILE` (added to the system's, never replacing verification).
- Login when `[smtp] user` is set, with the password from `PNCAF_SMTP_PASSWORD`; the
  password is never printed, logged or written anywhere.
- One connection for the run; a connection the server dropped is opened again for the
  next message, so one failure does not stop the others. A refused recipient (5xx) fails
  that message only. What concerns every message (the server cannot be reached, the login
  or the certificate is refused) raises `MailerError` and stops the run.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from types import TracebackType

from pncaf.errors import Refused
from pncaf.settings import PASSWORD_VARIABLE, Smtp

CAFILE_VARIABLE = "PNCAF_SMTP_CAFILE"
TIMEOUT_SECONDS = 30.0


class MailerError(Refused):
    """Nothing more can be sent in this run (the message says why and what to change)."""


@dataclass(frozen=True)
class Outcome:
    """What became of one message: sent to everyone, or why not."""

    sent: bool
    problem: str | None = None


class Mailer:
    """`with Mailer(smtp) as mailer: mailer.send(message, sender, recipients)`."""

    def __init__(self, smtp: Smtp, timeout: float = TIMEOUT_SECONDS) -> None:
        self.smtp = smtp
        self.timeout = timeout
        self.connection: smtplib.SMTP | None = None
        if smtp.user and not smtp.password:
            raise MailerError(f"[smtp] user is set ({smtp.user}) but the password is not: put "
                              f"it in the environment variable {PASSWORD_VARIABLE} (never in "
                              "pncaf.toml); nothing was sent")
        self.tls = _tls_context() if smtp.security != "none" else None

    def __enter__(self) -> Mailer:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    @property
    def where(self) -> str:
        return f"{self.smtp.host}:{self.smtp.port}"

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.quit()
            except (smtplib.SMTPException, OSError):
                self.connection.close()
            self.connection = None

    def send(self, message: EmailMessage, sender: str, recipients: list[str]) -> Outcome:
        """Send one message to every recipient; a message refused by the server for some
        recipients counts as not sent (the next run sends it again)."""
        connection = self.connection or self._connect()
        try:
            refused = connection.send_message(message, sender, recipients)
        except smtplib.SMTPRecipientsRefused as exc:
            return Outcome(False, _refusals(exc.recipients))
        except smtplib.SMTPSenderRefused as exc:
            self._drop()
            raise MailerError(f"{self.where} refused the sender {sender}: {_reply(exc)}; check "
                              "[mail] from in pncaf.toml") from None
        except smtplib.SMTPDataError as exc:
            return Outcome(False, f"refused by the server: {_reply(exc)}")
        except (smtplib.SMTPServerDisconnected, smtplib.SMTPResponseException, OSError) as exc:
            self._drop()
            return Outcome(False, f"the connection to {self.where} was lost ({_text(exc)})")
        if refused:
            return Outcome(False, _refusals(refused))
        return Outcome(True)

    def _drop(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def _connect(self) -> smtplib.SMTP:
        smtp = self.smtp
        try:
            connection: smtplib.SMTP
            if smtp.security == "ssl":
                connection = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=self.timeout,
                                              context=self.tls)
            else:
                connection = smtplib.SMTP(smtp.host, smtp.port, timeout=self.timeout)
            connection.ehlo()
            if smtp.security == "starttls":
                connection.starttls(context=self.tls)
                connection.ehlo()
            if smtp.user:
                connection.login(smtp.user, smtp.password or "")
        except smtplib.SMTPNotSupportedError:
            raise MailerError(f"{self.where} does not offer STARTTLS: use security = \"ssl\" "
                              "(port 465) in [smtp], or \"none\" for a relay on this "
                              "machine") from None
        except smtplib.SMTPAuthenticationError as exc:
            raise MailerError(f"{self.where} refused the login of user {smtp.user}: "
                              f"{_reply(exc)}; check [smtp] user and the password in "
                              f"{PASSWORD_VARIABLE}") from None
        except ssl.SSLCertVerificationError as exc:
            raise MailerError(f"the certificate of {self.where} is not trusted "
                              f"({exc.verify_message}): if your Caf uses its own certificate "
                              f"authority, set {CAFILE_VARIABLE} to its certificate file "
                              "(PEM)") from None
        except (smtplib.SMTPException, OSError) as exc:
            raise MailerError(f"cannot reach the SMTP server {self.where} ({_text(exc)}): "
                              "check [smtp] host, port and security in pncaf.toml") from None
        self.connection = connection
        return connection


def _tls_context() -> ssl.SSLContext:
    """The system's authorities, plus the file named in PNCAF_SMTP_CAFILE if any."""
    context = ssl.create_default_context()
    cafile = os.environ.get(CAFILE_VARIABLE)
    if cafile:
        try:
            context.load_verify_locations(cafile=cafile)
        except (OSError, ssl.SSLError) as exc:
            raise MailerError(f"{CAFILE_VARIABLE}={cafile}: cannot load this certificate "
                              f"file ({_text(exc)}); nothing was sent") from None
    return context


def _reply(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) \
        else str(exc.smtp_error)
    return f"{exc.smtp_code} {' '.join(text.split())}"


def _refusals(refused: dict[str, tuple[int, bytes]]) -> str:
    return "refused by the server: " + "; ".join(
        f"{address} ({code} {' '.join(reply.decode('utf-8', 'replace').split())})"
        for address, (code, reply) in refused.items())


def _text(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        return _reply(exc)
    return str(exc) or type(exc).__name__

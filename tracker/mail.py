"""Outgoing e-mail: SMTP, or one .eml file per message in TRACKER_MAIL_OUTBOX."""

import smtplib
import ssl
import uuid
from contextlib import suppress
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import current_app


class MailError(Exception):
    """Sending failed; the caller keeps the message and retries later."""


def build_message(to: list[str], subject: str, text: str, html: str | None = None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = ", ".join(to)
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain="tracker.local")
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    return message


def send_message(message: EmailMessage) -> None:
    """Deliver one message, or raise MailError with the reason."""
    config = current_app.config
    outbox = config.get("TRACKER_MAIL_OUTBOX")
    if outbox:
        folder = Path(outbox)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{uuid.uuid4().hex}.eml"
        target.write_bytes(bytes(message))
        return
    try:
        if config["MAIL_USE_SSL"]:
            smtp = smtplib.SMTP_SSL(
                config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config["MAIL_TIMEOUT"],
                context=ssl.create_default_context(),
            )
        else:
            smtp = smtplib.SMTP(
                config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config["MAIL_TIMEOUT"]
            )
    except (OSError, smtplib.SMTPException) as error:
        raise MailError(str(error)) from error
    try:
        if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
            smtp.starttls(context=ssl.create_default_context())
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(message)  # returns once the server has accepted the message
    except (OSError, smtplib.SMTPException) as error:
        raise MailError(str(error)) from error
    finally:
        # Accepted is sent: a server that errs on QUIT (« 421 ») after its « 250 » must not
        # make the digest go out again on the next run.
        with suppress(OSError, smtplib.SMTPException):
            smtp.quit()
        smtp.close()

"""Outgoing mail: .eml files in the outbox, or SMTP (failures raise, never vanish)."""

import socket
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest

from tracker.mail import MailError, build_message, send_message


def test_outbox_gets_one_eml_file_per_message(app, tmp_path):
    with app.app_context():
        app.config["TRACKER_MAIL_OUTBOX"] = str(tmp_path)
        send_message(build_message(["a@test.example"], "Échéance : PAC", "Le PAC est dû."))
    files = list(Path(tmp_path).glob("*.eml"))
    assert len(files) == 1
    parsed = message_from_bytes(files[0].read_bytes(), policy=default)
    assert parsed["Subject"] == "Échéance : PAC"
    assert parsed.get_content().strip() == "Le PAC est dû."


def test_unreachable_smtp_server_raises_mail_error(app):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with app.app_context():
        saved = dict(app.config)
        app.config.update(TRACKER_MAIL_OUTBOX=None, MAIL_SERVER="127.0.0.1", MAIL_PORT=port,
                          MAIL_TIMEOUT=2)
        try:
            with pytest.raises(MailError):
                send_message(build_message(["a@test.example"], "Test", "Corps"))
        finally:
            app.config.clear()
            app.config.update(saved)

"""A real SMTP server in the test process (aiosmtpd), and the messages it received read back as a
mail client reads them (the standard library's `email` parser with the modern policy).

    def test_something(smtp_server):          # the fixture (tests/conftest.py) points
        ...                                   # EMAIL_BACKEND at it for the test
        message = smtp_server.only_message()  # an email.message.EmailMessage
        message["List-Unsubscribe"], message.get_body(("plain",)).get_content()
"""

import email
import email.policy
import socket
import threading

from aiosmtpd.controller import Controller


def free_port():
    """A port nobody listens on now (aiosmtpd needs a number: it connects to itself to start)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """aiosmtpd's handler: keeps every message received, with its envelope."""

    def __init__(self):
        self.lock = threading.Lock()
        self.received = []  # (mail_from, rcpt_tos, raw bytes)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        with self.lock:
            self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 Message accepted for delivery"


class SMTPServer:
    """A running server on 127.0.0.1 at a free port; `messages()` parses what it received."""

    def __init__(self):
        self.mailbox = Mailbox()
        self.port = free_port()
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    def clear(self):
        with self.mailbox.lock:
            self.mailbox.received.clear()

    def messages(self, to=None):
        """The messages received (to `to` only, if given), parsed as a mail client would."""
        with self.mailbox.lock:
            received = list(self.mailbox.received)
        return [
            email.message_from_bytes(raw, policy=email.policy.default)
            for _sender, recipients, raw in received
            if to is None or to in recipients
        ]

    def only_message(self, to=None):
        messages = self.messages(to)
        assert len(messages) == 1, f"expected one message, received {len(messages)}"
        return messages[0]

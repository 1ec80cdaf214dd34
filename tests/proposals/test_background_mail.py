"""The proposal's e-mail leaves the resident's request: the request queues it in the database,
the worker sends it over SMTP with a timeout, and no failure on the way loses the proposal.

A small SMTP server on 127.0.0.1 stands in for the mail server: it counts connections and
keeps the messages, or accepts the connection and never answers (a hung server).
"""

import logging
import socket
import threading
import time

import pytest
from django.db import OperationalError
from django.test import Client
from django_tasks import TaskResultStatus
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from districts.models import Proposal
from tests.factories import ProposalFormPageFactory

# Committed transactions: the worker takes its task in a transaction of its own (BEGIN
# EXCLUSIVE under SQLite), as in production; the data of the migrations is restored after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

IDEA = "Un corso di riparazione di biciclette nel cortile della casa, il sabato mattina."
# The production and development queue; Wagtail's own tasks stay immediate as there.
DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}


class FakeSMTPServer:
    """Just enough SMTP for Django's backend; `silent=True` accepts and never answers."""

    def __init__(self, silent=False):
        self.silent = silent
        self.connections = 0
        self.messages = []
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while self.running:
            try:
                conn, _address = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            with conn:
                conn.settimeout(10)
                if self.silent:
                    while self.running:
                        time.sleep(0.05)
                    continue
                self._converse(conn.makefile("rwb"))

    def _converse(self, stream):
        def reply(line):
            stream.write(line.encode() + b"\r\n")
            stream.flush()

        reply("220 quartieri-test ESMTP")
        data = None
        for raw in stream:
            line = raw.decode().rstrip("\r\n")
            if data is not None:
                if line == ".":
                    self.messages.append("\n".join(data))
                    data = None
                    reply("250 queued")
                else:
                    data.append(line)
            elif line.upper().startswith("EHLO"):
                reply("250 quartieri-test")
            elif line.upper() == "DATA":
                data = []
                reply("354 go ahead")
            elif line.upper() == "QUIT":
                reply("221 bye")
                return
            else:
                reply("250 ok")

    def close(self):
        self.running = False
        self.thread.join(timeout=5)
        self.sock.close()


@pytest.fixture
def smtp(settings):
    server = FakeSMTPServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, 5
    yield server
    server.close()


@pytest.fixture
def form_page(district):
    return ProposalFormPageFactory(parent=district, to_address="casa@example.org")


def proposal_data(**overrides):
    return {
        "name": "Amina",
        "email": "amina@example.org",
        "phone": "",
        "proposal": IDEA,
        "category": "",
        "language": "it",
        "consent": "on",
        "website": "",
        **overrides,
    }


def run_worker():
    """The worker of `manage.py db_worker --backend background --batch`: every queued task,
    then it stops."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="background",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
    ).run()


def mail_tasks():
    return DBTaskResult.objects.filter(task_path="districts.tasks.email_proposal")


def test_the_request_only_queues_and_the_worker_sends(settings, smtp, form_page):
    settings.TASKS = DATABASE_QUEUE
    response = Client().post(form_page.url, proposal_data())
    assert response.status_code == 302

    proposal = Proposal.objects.get()
    assert smtp.connections == 0  # no SMTP connection inside the resident's request
    (queued,) = mail_tasks()
    assert queued.status == TaskResultStatus.READY
    assert queued.task_path == "districts.tasks.email_proposal"
    assert queued.args_kwargs == {"args": [proposal.pk], "kwargs": {}}  # a number, no words

    run_worker()
    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL
    assert smtp.connections == 1
    (message,) = smtp.messages
    assert "To: casa@example.org" in message
    assert "Reply-To: amina@example.org" in message
    assert f"/admin/proposals/edit/{proposal.pk}/" in message


def test_a_hung_mail_server_times_out_in_the_worker_and_the_proposal_stays(settings, form_page, caplog):
    hung = FakeSMTPServer(silent=True)
    settings.TASKS = DATABASE_QUEUE
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", hung.port, 1
    try:
        started = time.monotonic()
        response = Client().post(form_page.url, proposal_data())
        assert response.status_code == 302
        assert time.monotonic() - started < 5  # the request did not wait for the server

        with caplog.at_level(logging.WARNING):
            started = time.monotonic()
            run_worker()
            waited = time.monotonic() - started
        assert 1 <= waited < 10  # EMAIL_TIMEOUT (1 s), not forever
    finally:
        hung.close()
    assert hung.connections == 1
    proposal = Proposal.objects.get()
    (queued,) = mail_tasks()
    assert queued.status == TaskResultStatus.FAILED
    assert queued.exception_class_path == "districts.models.proposals.ProposalNotEmailed"
    # smtplib reports the timeout of the greeting it waited for as a disconnection.
    assert f"Could not e-mail proposal {proposal.pk} to the Community Manager: SMTPServerDisconnected." in (
        caplog.text
    )
    for private in ("Amina", "amina@example.org", "biciclette"):
        assert private not in caplog.text
        assert private not in queued.traceback


def test_the_proposal_is_saved_when_the_queue_fails(settings, smtp, form_page, monkeypatch, caplog):
    settings.TASKS = DATABASE_QUEUE

    queue = DatabaseBackend._task_to_db_task

    def queue_failing_for_mail(backend, task, args, kwargs):
        if task.module_path == "districts.tasks.email_proposal":
            raise OperationalError("database is locked")
        return queue(backend, task, args, kwargs)

    monkeypatch.setattr(DatabaseBackend, "_task_to_db_task", queue_failing_for_mail)
    with caplog.at_level(logging.ERROR):
        response = Client().post(form_page.url, proposal_data())
    assert response.status_code == 302
    assert response["Location"].endswith("?sent=1")
    proposal = Proposal.objects.get()
    assert f"Could not queue the e-mail of proposal {proposal.pk}: OperationalError." in caplog.text
    assert not mail_tasks().exists()
    assert smtp.connections == 0

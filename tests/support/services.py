"""A private PostgreSQL cluster and a private Redis in a temporary directory, for tests that stop
and start them under a running server without touching the shared database of the suite.

PostgreSQL comes from the Debian packages (/usr/lib/postgresql/<version>/bin); as root its
commands run as the `postgres` user, because initdb refuses root. Redis is `redis-server`.
A missing binary raises ServiceMissing, whose message says what to install.
"""

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from .server import free_port


class ServiceMissing(RuntimeError):
    """The binaries to run the service are not installed on this machine."""


def _postgres_bin():
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: [int(part) for part in path.parts[-3].split(".") if part.isdigit()],
    )
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise ServiceMissing(
        "PostgreSQL server binaries (initdb, pg_ctl) are not installed: apt-get install postgresql"
    )


class PrivatePostgres:
    """A throwaway PostgreSQL cluster on 127.0.0.1 at a free port; `stop()` and `start()` it at will."""

    password = "private-cluster-password"

    def __init__(self):
        self.bin = _postgres_bin()
        self.run_as = []
        owner = None
        if os.geteuid() == 0:
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError:
                raise ServiceMissing("running as root needs the postgres system user for initdb") from None
            self.run_as = ["runuser", "-u", "postgres", "--"]
        self.directory = Path(tempfile.mkdtemp(prefix="quartieri-pg-"))
        if owner is not None:
            os.chown(self.directory, owner.pw_uid, owner.pw_gid)
        self.port = free_port()
        self.data = self.directory / "data"
        password_file = self.directory / "password"
        password_file.write_text(self.password)
        if owner is not None:
            os.chown(password_file, owner.pw_uid, owner.pw_gid)
        self._pg(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=scram-sha-256",
            f"--pwfile={password_file}",
            "--no-sync",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )

    def _pg(self, program, *args, timeout=60):
        # Debian's own PostgreSQL binaries with arguments built here.
        return subprocess.run(  # noqa: S603
            [*self.run_as, str(self.bin / program), *args],
            check=True,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def url(self, database="postgres"):
        return f"postgres://postgres:{self.password}@127.0.0.1:{self.port}/{database}"

    def start(self):
        options = (
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=40"
        )
        log = str(self.directory / "log")
        self._pg("pg_ctl", "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self, mode="fast"):
        """Stop the server: `fast` closes every client connection at once, as a failing host would."""
        self._pg("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def is_running(self):
        return (self.data / "postmaster.pid").exists()

    def create_database(self, name):
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def remove(self):
        if self.is_running():
            self.stop(mode="immediate")
        shutil.rmtree(self.directory, ignore_errors=True)


class PrivateRedis:
    """A throwaway redis-server on 127.0.0.1 at a free port, without persistence."""

    def __init__(self):
        self.binary = shutil.which("redis-server")
        if not self.binary:
            raise ServiceMissing("redis-server is not installed: apt-get install redis-server")
        self.directory = Path(tempfile.mkdtemp(prefix="quartieri-redis-"))
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout=10.0):
        log = (self.directory / "redis.log").open("ab")
        self.process = subprocess.Popen(  # noqa: S603 (the packaged redis-server, loopback only)
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
                "--daemonize",
                "no",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not answer: " + (self.directory / "redis.log").read_text())

    def kill(self):
        """SIGKILL: Redis is gone at once, as when its host fails."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def remove(self):
        self.kill()
        shutil.rmtree(self.directory, ignore_errors=True)

"""Start the Procfile's web process for real: a free port, the Procfile's commands, a production
environment and a wait for `/healthz`.

Shared by tests/production, the serving benchmark and `make load` (tests/load/run_load.py, a
script): standard library only, so it imports without Django or pytest.
"""

import os
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class ServerFailed(RuntimeError):
    """The web process exited or never answered; the message ends with its log."""


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def procfile_command(name):
    """The command line of the Procfile's `name` process (`web`, `release`)."""
    for line in (ROOT / "Procfile").read_text().splitlines():
        if line.startswith(f"{name}:"):
            return line.split(":", 1)[1].strip()
    raise LookupError(f"no {name} process in the Procfile")


def production_env(**overrides):
    """The environment a PaaS would give the processes, for a server on the loopback only.

    Starts from this process's environment, puts this interpreter's bin directory first on
    PATH (so the Procfile's `gunicorn` and `python` are the virtualenv's) and turns off the
    HTTPS redirect, which needs the PaaS's TLS-terminating router. The portal's links name
    http://127.0.0.1:PORT unless PORTAL_BASE_URL is given.
    """
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "local-server-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "TRUSTED_PROXY_COUNT": "0",
        "SECURE_SSL_REDIRECT": "false",
        "HOST": "127.0.0.1",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.update({name: str(value) for name, value in overrides.items()})
    if "PORTAL_BASE_URL" not in overrides:
        env["PORTAL_BASE_URL"] = f"http://127.0.0.1:{env.get('PORT', '8000')}"
    return env


def run_release(env, timeout=600):
    """The Procfile's release phase, run by a shell as a PaaS runs it."""
    # The command is this repository's Procfile, not outside input.
    return subprocess.run(  # noqa: S603
        ["/bin/sh", "-c", procfile_command("release")],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=timeout,
        capture_output=True,
        text=True,
    )


def start_web(env, log=None, command=None):
    """Start the Procfile's web command (or `command`, a list) in ROOT; returns the Popen.

    `log` is an open binary file for stdout and stderr (None: inherit this process's).
    """
    args = command or shlex.split(procfile_command("web"))
    # Our own Procfile's gunicorn (or the caller's fixed command), loopback only.
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT if log else None)  # noqa: S603


def wait_for_health(base, process, timeout=120.0, log_path=None):
    """Wait until `base`/healthz answers at all (any status: a 503 is an answer too).

    Raises ServerFailed, with the tail of `log_path`, if the process exits or the time runs out.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=10).close()  # noqa: S310 (http only)
            return
        except urllib.error.HTTPError:
            return
        except OSError:  # refused while starting, or a slow first answer on a busy machine
            if process.poll() is not None:
                break
            time.sleep(0.2)
    tail = Path(log_path).read_text(errors="replace")[-3000:] if log_path else ""
    state = f"exited with {process.returncode}" if process.poll() is not None else "did not answer"
    raise ServerFailed(f"the web process {state} at {base}\n{tail}")


def stop(process, timeout=30.0):
    """SIGTERM (gunicorn's graceful shutdown), SIGKILL after `timeout`; returns the exit code."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    return process.returncode

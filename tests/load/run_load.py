"""`make load`: the production server under load on this machine, with the demo content.

Builds a throwaway SQLite database (or uses LOAD_DATABASE_URL), loads the demo, collects the
static files, starts the Procfile's web command (gunicorn, production settings) on 127.0.0.1,
drives it with Locust for a bounded time and prints requests per second and p50/p99 per URL.
Exits non-zero on any failed request.
"""

import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path

# Run as a script (`make load`): the repository root is not on sys.path by itself.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.support.server import (  # noqa: E402
    ROOT,
    ServerFailed,
    free_port,
    production_env,
    start_web,
    stop,
    wait_for_health,
)

DURATION = os.environ.get("LOAD_DURATION", "30s")
USERS = os.environ.get("LOAD_USERS", "16")


def main():
    work = Path(tempfile.mkdtemp(prefix="quartieri-load-"))
    port = free_port()
    env = production_env(
        SECRET_KEY=os.environ.get("SECRET_KEY", "load-test-only-" + os.urandom(16).hex()),
        DATABASE_URL=os.environ.get("LOAD_DATABASE_URL", f"sqlite:///{work / 'load.sqlite3'}"),
        STATIC_ROOT=work / "static",
        MEDIA_ROOT=work / "media",
        DEMO_ADMIN_PASSWORD=os.environ.get("DEMO_ADMIN_PASSWORD", os.urandom(12).hex()),
        DEMO_USERS_PASSWORD=os.environ.get("DEMO_USERS_PASSWORD", os.urandom(12).hex()),
        PORT=port,
        GUNICORN_ACCESS_LOG="",
    )
    manage = [sys.executable, "manage.py"]
    print("Preparing the database, the demo content and the static files…", flush=True)
    subprocess.run(manage + ["migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        # The demo app is installed by the development settings only: load with them, same database.
        manage + ["load_demo", "-v0"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run(manage + ["collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    server = start_web(env)
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_for_health(base, server, timeout=60)
        except ServerFailed as failure:
            raise SystemExit(f"gunicorn did not start: {failure}") from None
        workers = env.get("WEB_CONCURRENCY", "2")
        print(f"Driving gunicorn ({workers} workers) at {base}: {USERS} users for {DURATION}…", flush=True)
        stats = work / "locust"
        locust = subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(ROOT / "tests/load/locustfile.py"),
                "--headless",
                "--users",
                USERS,
                "--spawn-rate",
                USERS,
                "--run-time",
                DURATION,
                "--host",
                base,
                "--csv",
                str(stats),
                "--only-summary",
                "--loglevel",
                "WARNING",
                "--exit-code-on-error",
                "1",
            ],
            cwd=ROOT,
            env=env,
        )
    finally:
        stop(server)
    failures = report(stats.with_name("locust_stats.csv"))
    if locust.returncode or failures:
        print(f"FAILED: {failures} failed requests (locust exit {locust.returncode})")
        return 1
    return 0


def report(path):
    rows = list(csv.DictReader(path.open()))
    print(f"\n{'URL':<18}{'requests':>10}{'fails':>7}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}")
    failures = 0
    for row in rows:
        failures += int(row["Failure Count"]) if row["Name"] != "Aggregated" else 0
        print(
            f"{row['Name']:<18}{row['Request Count']:>10}{row['Failure Count']:>7}"
            f"{float(row['Requests/s']):>9.1f}{row['50%']:>9}{row['99%']:>9}"
        )
    return failures


if __name__ == "__main__":
    sys.exit(main())

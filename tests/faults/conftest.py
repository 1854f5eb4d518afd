"""The stage of the fault tests: the application in real processes, on a database of its own.

A fault test kills processes, restarts servers and fills disks, so it cannot run inside
pytest's test transaction. The ``site`` fixture copies this worker's test database (the
demo loaded, nothing else) into a database of the site's own — a SQLite file, or a new
PostgreSQL database made from it as a template when the suite runs on PostgreSQL — with
its own var folder (job queue, uploaded files). Everything then happens in subprocesses:
``site.python(code)`` runs a snippet with Django set up against the site and returns the
JSON-able ``result`` it sets; ``site.start("run_huey")`` starts a real job consumer.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.db import connection, connections

from tests.conftest import ensure_demo

ROOT = Path(__file__).resolve().parents[2]
# CI (.ci/run) must run every fault test: a missing tool fails there instead of skipping.
REQUIRED = bool(os.environ.get("CI") or os.environ.get("THIDUA_REQUIRE_BROWSER"))
RESULT_MARK = "@@thidua-result@@"
# Variables of the test process that must not leak into the site's processes.
PRIVATE_ENV = {
    "DATABASE_URL",
    "REDIS_URL",
    "THIDUA_PRODUCTION",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "HUEY_IMMEDIATE",
    "THIDUA_VAR_DIR",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def skip_or_fail(reason: str) -> None:
    """Skip a fault test whose tool is missing on a developer's machine; fail in CI."""
    if REQUIRED:
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


PRELUDE = """
import json, os, sys
import django
django.setup()
result = None
"""
EPILOGUE = f"""
print({RESULT_MARK!r} + json.dumps(result, default=str))
"""


@dataclass
class Site:
    """The application of one fault test: its var folder, environment and processes."""

    var: Path
    env: dict[str, str]
    vendor: str
    processes: list[subprocess.Popen] = field(default_factory=list)
    _cleanups: list[Callable[[], None]] = field(default_factory=list)

    @property
    def media(self) -> Path:
        return self.var / "files"

    def python(self, code: str, *, timeout: float = 180, **extra_env: str) -> Any:
        """Run ``code`` in a new interpreter with Django set up against the site; return the
        ``result`` it sets (through JSON)."""
        script = PRELUDE + textwrap.dedent(code) + EPILOGUE
        done = subprocess.run(
            [sys.executable, "-c", script],
            env={**self.env, **extra_env},
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.var,
        )
        if done.returncode != 0:
            raise AssertionError(
                f"site script failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
            )
        line = next(x for x in reversed(done.stdout.splitlines()) if x.startswith(RESULT_MARK))
        return json.loads(line[len(RESULT_MARK) :])

    def start(self, *args: str, name: str, program: list[str] | None = None) -> subprocess.Popen:
        """Start ``thidua <args>`` (or ``program``) in a process group of its own, so that it
        and the children it starts (LibreOffice) can be killed together."""
        log = (self.var / f"{name}.log").open("ab")
        process = subprocess.Popen(
            program or [sys.executable, "-m", "thidua", *args],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=self.var,
            start_new_session=True,
        )
        log.close()
        self.processes.append(process)
        return process

    def log(self, name: str) -> str:
        path = self.var / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    @staticmethod
    def kill(process: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
        """Send ``sig`` to the process and everything in its process group."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=15)

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Read the site's database directly (quick polling, no Django start-up).
        Placeholders are written ``%s``."""
        if self.vendor == "sqlite":
            with contextlib.closing(sqlite3.connect(self.var / "thidua.sqlite3", timeout=20)) as db:
                return db.execute(sql.replace("%s", "?"), params).fetchall()
        import psycopg

        with psycopg.connect(self.env["DATABASE_URL"], autocommit=True) as db:
            return db.execute(sql, params).fetchall()

    def wait_for(
        self, condition: Callable[[], Any], *, timeout: float, what: str, every: float = 0.1
    ) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = condition()
            if value:
                return value
            time.sleep(every)
        raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")

    def close(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                self.kill(process, signal.SIGTERM)
            # Children left behind by a leader that has exited (LibreOffice) go too.
            self.kill(process)
        for cleanup in reversed(self._cleanups):
            cleanup()


def site_env(var: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in PRIVATE_ENV}
    env.update(
        DJANGO_SETTINGS_MODULE="thidua.settings",
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        THIDUA_VAR_DIR=str(var),
        THIDUA_DEMO="1",
        HUEY_IMMEDIATE="0",
        # Leftovers of a killed process (LibreOffice's temporary folders) stay in the site.
        TMPDIR=str(var / "tmp"),
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def postgres_admin(settings_dict: dict[str, Any]):
    import psycopg

    return psycopg.connect(
        host=settings_dict["HOST"] or None,
        port=settings_dict["PORT"] or None,
        user=settings_dict["USER"] or None,
        password=settings_dict["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


def postgres_url(settings_dict: dict[str, Any], name: str) -> str:
    from urllib.parse import quote

    user = quote(settings_dict["USER"] or "")
    password = f":{quote(settings_dict['PASSWORD'])}" if settings_dict["PASSWORD"] else ""
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{name}"


# A test using ``site`` is marked with this: transactional, because the copy needs the
# demo committed and no transaction open (PostgreSQL copies a database only while nobody
# is connected to it); limited to an app without tables, so that the flush after the
# test empties nothing and the next tests of this worker keep the demo.
SITE_DATABASE = pytest.mark.django_db(transaction=True, available_apps=["thidua.core"])


@pytest.fixture(scope="module")
def committed_demo(django_db_setup, django_db_blocker) -> None:
    """The demo in the test database (a transactional test may have flushed it), loaded
    before the test narrows the app registry (module scope: it runs first)."""
    with django_db_blocker.unblock():
        ensure_demo()


@pytest.fixture
def site(request, committed_demo, tmp_path) -> Iterator[Site]:
    """A copy of the demo in a database and var folder of its own (see the module doc)."""
    assert request.node.get_closest_marker("django_db"), "mark the test with SITE_DATABASE"
    var = tmp_path / "var"
    (var / "tmp").mkdir(parents=True)
    test_name = str(connection.settings_dict["NAME"])
    assert "test" in test_name or "memorydb" in test_name, f"not a test database: {test_name}"
    if Path(settings.MEDIA_ROOT).is_dir():
        shutil.copytree(settings.MEDIA_ROOT, var / "files", dirs_exist_ok=True)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with contextlib.closing(sqlite3.connect(var / "thidua.sqlite3")) as target:
            connection.connection.backup(target)
        site = Site(var, site_env(var), "sqlite")
    elif connection.vendor == "postgresql":
        source = connection.settings_dict
        name = f"thidua_fault_{uuid.uuid4().hex[:12]}"
        # CREATE DATABASE … TEMPLATE needs the template without sessions: this worker's
        # connection is the only one, and Django reopens it when next needed.
        connections.close_all()
        with postgres_admin(source) as admin:
            # Threads of earlier tests in this worker (the live server, concurrency tests)
            # may still hold sessions on this worker's own test database: end them, since
            # PostgreSQL copies a database only while nobody is connected to it.
            for _attempt in range(5):
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> pg_backend_pid()",
                    (source["NAME"],),
                )
                try:
                    admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source["NAME"]}"')
                    break
                except psycopg.errors.ObjectInUse:
                    time.sleep(0.5)
            else:
                admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source["NAME"]}"')
        site = Site(var, site_env(var, DATABASE_URL=postgres_url(source, name)), "postgresql")

        def drop(source=source, name=name) -> None:
            with postgres_admin(source) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        site._cleanups.append(drop)
    else:  # pragma: no cover - the project runs on SQLite or PostgreSQL only
        pytest.skip(f"no fault stage for {connection.vendor}")
    try:
        yield site
    finally:
        site.close()

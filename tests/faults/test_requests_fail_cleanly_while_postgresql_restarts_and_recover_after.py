"""PostgreSQL stops under load and comes back: gunicorn keeps answering — /healthz 503,
pages the clean Vietnamese 500 page with no traceback — and every request succeeds again
once the database is back, without restarting the application (CONN_HEALTH_CHECKS).

The server restarted is a second cluster this test creates in a temporary folder and
starts on a free port of loopback; the machine's shared server is never touched.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import Site, site_env, skip_or_fail

LOAD_THREADS = 4
PAGES = ("/healthz", "/")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """A throw-away PostgreSQL cluster: initdb into a temporary folder, pg_ctl on a port."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="thidua-pgfault-"))
        self.data = self.root / "data"
        self.port = free_port()
        # initdb refuses to run as root: the server runs as the postgres account then.
        self.owner = None
        if os.geteuid() == 0:
            try:
                self.owner = pwd.getpwnam("postgres")
            except KeyError:
                skip_or_fail("running as root, but there is no postgres account to run initdb")
            os.chown(self.root, self.owner.pw_uid, self.owner.pw_gid)

    def _run(self, *command: str, timeout: float = 60) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.owner else []
        done = subprocess.run(
            [*prefix, *command], capture_output=True, text=True, timeout=timeout, cwd=self.root
        )
        if done.returncode != 0:
            raise AssertionError(f"{command[0]} failed: {done.stdout}\n{done.stderr}")

    def create(self) -> None:
        self._run(
            str(self.bindir / "initdb"),
            *("-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8"),
            *("--no-locale", "--no-sync"),
        )

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off -c synchronous_commit=off"
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            *("-D", str(self.data), "-l", str(self.root / "server.log"), "-w", "-t", "30"),
            *("-o", options, "start"),
        )

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/thidua"

    def remove(self) -> None:
        with contextlib.suppress(AssertionError, subprocess.TimeoutExpired):
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    bindir = found[-1].parent if found else None
    if bindir is None and shutil.which("initdb") and shutil.which("pg_ctl"):
        bindir = Path(shutil.which("initdb")).parent
    if bindir is None:
        skip_or_fail("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    cluster = Cluster(bindir)
    try:
        cluster.create()
        cluster.start()
        import psycopg

        with psycopg.connect(cluster.url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as db:
            db.execute("CREATE DATABASE thidua")
        yield cluster
    finally:
        cluster.remove()


@dataclass
class Answer:
    path: str
    phase_at_start: str
    phase_at_end: str
    status: int | None
    body: str
    error: str = ""


class Load:
    """A few threads asking for the pages in a loop until stopped (bounded by a pause)."""

    def __init__(self, port: int, cookie: str) -> None:
        self.port, self.cookie = port, cookie
        self.phase = "before"
        self.answers: list[Answer] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [
            threading.Thread(target=self._loop, args=(i,)) for i in range(LOAD_THREADS)
        ]

    def _loop(self, index: int) -> None:
        count = index
        while not self._stop.is_set():
            path = PAGES[count % len(PAGES)]
            count += 1
            started = self.phase
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
                connection.request("GET", path, headers={"Cookie": self.cookie})
                response = connection.getresponse()
                answer = Answer(
                    path, started, self.phase, response.status, response.read().decode()
                )
                connection.close()
            except OSError as exc:  # refused, reset, timed out: all count as unclean
                answer = Answer(path, started, self.phase, None, "", repr(exc))
            with self._lock:
                self.answers.append(answer)
            time.sleep(0.05)

    def __enter__(self) -> Load:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)

    def during(self, phase: str, path: str) -> list[Answer]:
        return [
            a
            for a in self.answers
            if a.path == path and a.phase_at_start == a.phase_at_end == phase
        ]


@pytest.mark.faults
def test_requests_fail_cleanly_while_postgresql_is_down_and_recover_after(cluster, tmp_path):
    var = tmp_path / "var"
    (var / "tmp").mkdir(parents=True)
    # DEBUG off as in production: an error page must not show a traceback.
    site = Site(var, site_env(var, DATABASE_URL=cluster.url, DEBUG="0", CONN_MAX_AGE="60"), "pg")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "thidua", "migrate", "--noinput", "-v0"],
            env=site.env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert done.returncode == 0, done.stderr
        session = site.python(
            """
            from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
            from django.contrib.auth import get_user_model
            from django.contrib.sessions.backends.db import SessionStore

            user = get_user_model().objects.create_user("vanphong", password="x" * 20)
            store = SessionStore()
            store[SESSION_KEY] = str(user.pk)
            store[BACKEND_SESSION_KEY] = "thidua.orgs.auth.ThiduaBackend"
            store[HASH_SESSION_KEY] = user.get_session_auth_hash()
            store.create()
            result = store.session_key
            """
        )
        port = free_port()
        gunicorn = Path(sys.executable).parent / "gunicorn"
        site.start(
            name="gunicorn",
            program=[
                str(gunicorn),
                "thidua.wsgi:application",
                *("--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4"),
                *("--timeout", "30", "--graceful-timeout", "5", "--error-logfile", "-"),
            ],
        )
        site.wait_for(
            lambda: _answers(port),
            timeout=60,
            what=f"gunicorn to answer\n{site.log('gunicorn')}",
            every=0.2,
        )

        with Load(port, f"sessionid={session}") as load:
            time.sleep(2)
            load.phase = "stopping"
            cluster.stop("fast")  # every server connection is cut, new ones refused
            load.phase = "down"
            time.sleep(3)
            load.phase = "starting"
            cluster.start()
            time.sleep(1)  # the first request of each pooled connection reconnects
            load.phase = "after"
            time.sleep(3)

        unclean = [a for a in load.answers if a.status is None]
        assert unclean == [], unclean[:5]
        for path in PAGES:
            assert {a.status for a in load.during("before", path)} == {200}, path
            assert {a.status for a in load.during("after", path)} == {200}, path
        health = load.during("down", "/healthz")
        assert health and {a.status for a in health} == {503}
        assert all('"database": "unavailable"' in a.body for a in health)
        pages = load.during("down", "/")
        assert pages and {a.status for a in pages} == {500}
        for answer in pages:
            assert "Đã có lỗi trong hệ thống" in answer.body
        # No traceback, driver message or address leaks out (the health check names only
        # the kind of failure, for monitoring).
        leaks = ("Traceback", "psycopg", "connection to server", str(cluster.port), ".py")
        for answer in (a for a in load.answers if a.status != 200):
            for leak in leaks + (("OperationalError",) if answer.path != "/healthz" else ()):
                assert leak not in answer.body, (answer.path, answer.status, answer.body[:500])
    finally:
        site.close()


def _answers(port: int) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", "/healthz")
        ok = connection.getresponse().status == 200
        connection.close()
        return ok
    except OSError:
        return False

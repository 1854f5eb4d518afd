"""HTTP under load, registered in bench/run.py: the production configuration on loopback
(gunicorn, PostgreSQL, Redis for cache and sessions) driven by locust, 50 simulated users.

1. A temporary database ``thidua_bench_<pid>`` on the machine's PostgreSQL
   (127.0.0.1:5432, user postgres) and Redis db 9 (flushed before and after); migrate,
   collectstatic, demo, with THIDUA_PRODUCTION=1 and DEBUG off.
2. gunicorn with the flags of bin/serve-prod (synchronous workers, four per core, preload)
   on a
   free loopback port; settings bench/load_settings.py (production, cookies without the
   Secure flag since loopback has no TLS); SIPAS limits raised through the environment
   (SIPAS_MIN_SECONDS=0, per-device and per-address hourly limits) for this server only,
   and the API's per-user rate, since all 50 simulated staff are one user (the throttle
   still counts every API request in Redis).
3. A warm-up (WARM_UP_SECONDS of citizens and the bare view, not measured: every worker
   opens its connections and fills its memory before the baseline is taken), then
   bounded phases (PHASE_SECONDS each), locust headless from bench/locustfile.py:
   the bare view (/healthz) — the baseline — and SIPAS submissions (POSTs with valid
   visit tokens: the issue's "submissions per second"), alternating ROUNDS times; the
   citizen's whole flow (open the page, then answer); a mixed workload of staff pages,
   API lists and SIPAS answers.
4. The SIPAS index and ingestion benchmarks again on this PostgreSQL (sipas_bench).

Servers are stopped, the database dropped and Redis db 9 flushed in ``finally``, whatever
happens. Run alone: ``python bench/load_bench.py``.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
VENV_BIN = Path(sys.executable).parent
USERS = 50
PHASE_SECONDS = int(os.environ.get("BENCH_PHASE_SECONDS", "20"))
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379/9"
P95_TARGET_MS = 200.0
WORKERS = 4 * (os.cpu_count() or 1)
GUNICORN_FLAGS = [
    "--workers", str(WORKERS), "--worker-class", "sync", "--preload",
    "--max-requests", "20000", "--max-requests-jitter", "2000", "--timeout", "60",
]  # fmt: skip
WARM_UP_SECONDS = 5
ROUNDS = 2

PREPARE = r"""
import json, sys
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from thidua.indexes import sipas
from thidua.indexes.models import SipasCriterion, SipasDesk
from thidua.indexes.queries import questionnaire_for
from thidua.movements.models import Movement
from thidua.orgs.models import Organisation

out, host, users = sys.argv[1], sys.argv[2], int(sys.argv[3])
ward = Organisation.objects.get(code="mo-lao")
desks = list(SipasDesk.objects.filter(organisation=ward, active=True))
questionnaire = questionnaire_for(ward, timezone.localdate())
criteria = SipasCriterion.objects.filter(factor__questionnaire=questionnaire)
movement = Movement.objects.filter(organisation=ward).order_by("id").first()
user = get_user_model().objects.get(username="vanphong")
sessions = []
for _ in range(users):
    client = Client()
    client.force_login(user)
    sessions.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
pages = [
    ("home", "/"),
    ("movements", "/movements/"),
    ("tasks", "/tasks/"),
    ("people", "/orgs/people/"),
    ("scoring", "/scoring/"),
    ("scoring: ranking", f"/scoring/movements/{movement.pk}/"),
    ("api: movements", "/api/v1/movements/"),
    ("api: tasks", "/api/v1/tasks/"),
    ("api: sipas desks", "/api/v1/sipas/desks/"),
]
data = {
    "host": host,
    "session_cookie": settings.SESSION_COOKIE_NAME,
    "csrf_cookie": settings.CSRF_COOKIE_NAME,
    "sessions": sessions,
    "tokens": [sipas.make_token(d) for d in desks],
    "kiosk_tokens": [sipas.make_token(d, kiosk=True) for d in desks],
    "questionnaire": questionnaire.pk,
    "criteria": sorted(criteria.values_list("id", flat=True)),
    "pages": pages,
}
open(out, "w", encoding="utf-8").write(json.dumps(data))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(cmd: list[str], env: dict[str, str], timeout: float, label: str) -> str:
    done = subprocess.run(
        cmd, env=env, cwd=str(ROOT), capture_output=True, text=True, timeout=timeout
    )
    if done.returncode != 0:
        raise RuntimeError(f"{label} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return done.stdout


def _server_env(database_url: str, var: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("THIDUA_", "DJANGO_", "SIPAS_", "HUEY_", "DEBUG"))
    }
    env.update(
        THIDUA_PRODUCTION="1",
        DJANGO_SETTINGS_MODULE="load_settings",
        PYTHONPATH=os.pathsep.join([str(BENCH), str(ROOT / "src")]),
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        REDIS_URL=REDIS_URL,
        THIDUA_VAR_DIR=str(var),
        HUEY_IMMEDIATE="0",
        SIPAS_MIN_SECONDS="0",
        SIPAS_DEVICE_PER_HOUR="1000000",
        SIPAS_KIOSK_PER_HOUR="1000000",
        SIPAS_IP_PER_HOUR="1000000",
        THIDUA_API_RATE_USER="1000000/minute",
        LOG_LEVEL="ERROR",
    )
    return env


def _wait_healthy(base: str, server: subprocess.Popen, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer /healthz within 60 s")


def _smoke(base: str, data: dict) -> None:
    """Every URL of the workload answers 200 once before the load starts."""
    cookie = f"{data['session_cookie']}={data['sessions'][0]}"
    urls = [url for _, url in data["pages"]] + [f"/indexes/s/{t}/" for t in data["tokens"]]
    for url in urls:
        request = urllib.request.Request(base + url, headers={"Cookie": cookie})
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=30) as r:
                status = r.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        if status != 200:
            raise RuntimeError(f"{url} answers {status} before the load (expected 200)")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
        return None


def _locust(
    base: str, data_file: Path, out: Path, classes: list[str], env: dict, seconds: int = 0
) -> dict:
    """One headless locust phase; the per-name rows of its stats CSV."""
    seconds = seconds or PHASE_SECONDS
    prefix = out / "_".join(classes)
    cmd = [
        str(VENV_BIN / "locust"), "-f", str(BENCH / "locustfile.py"), "--headless",
        "-u", str(USERS), "-r", str(USERS), "-t", f"{seconds}s", "--host", base,
        "--csv", str(prefix), "--only-summary", "--loglevel", "ERROR", "--stop-timeout", "5",
        *classes,
    ]  # fmt: skip
    run_env = {**env, "THIDUA_BENCH_DATA": str(data_file)}
    # Exit code 1 only says some requests failed: the CSV counts them.
    subprocess.run(
        cmd, env=run_env, cwd=str(ROOT), capture_output=True, text=True,
        timeout=seconds + 60,
    )  # fmt: skip
    rows = {}
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows[row["Name"]] = row
    if "Aggregated" not in rows or not int(rows["Aggregated"]["Request Count"]):
        raise RuntimeError(f"locust {classes} made no request")
    return rows


def _mean(rows: list[dict], key: str) -> float:
    return sum(_num(row, key) for row in rows) / len(rows)


def _each(rows: list[dict], key: str) -> str:
    return " / ".join(f"{_num(row, key):.0f}" for row in rows)


def _num(row: dict, key: str) -> float:
    value = row.get(key, "")
    return float(value) if value not in ("", "N/A") else 0.0


@contextlib.contextmanager
def production_server() -> Iterator[dict]:
    """The stack of a province on loopback; yields what the phases need. Everything it
    started is stopped, and the database dropped, on the way out — whatever happened."""
    import psycopg
    import redis

    db = f"thidua_bench_{os.getpid()}"
    database_url = f"postgresql://postgres@127.0.0.1:5432/{db}"
    tmp = Path(tempfile.mkdtemp(prefix="thidua-load-"))
    var = tmp / "var"
    var.mkdir()
    server: subprocess.Popen | None = None
    try:
        with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{db}"')
            admin.execute(f'CREATE DATABASE "{db}"')
        redis.Redis.from_url(REDIS_URL, socket_timeout=5).flushdb()
        env = _server_env(database_url, var)
        thidua = str(VENV_BIN / "thidua")
        started = time.perf_counter()
        _run([thidua, "migrate", "--noinput", "-v0"], env, 600, "migrate")
        _run([thidua, "collectstatic", "--noinput", "-v0"], env, 300, "collectstatic")
        demo_env = {**env, "THIDUA_DEMO": "1", "HUEY_IMMEDIATE": "1"}
        _run([thidua, "demo"], demo_env, 600, "demo")
        port = _free_port()
        host = "127.0.0.1"
        base = f"http://{host}:{port}"
        data_file = tmp / "load-data.json"
        _run(
            [sys.executable, "-c", "import django; django.setup();\n" + PREPARE,
             str(data_file), host, str(USERS)],
            env, 120, "prepare",
        )  # fmt: skip
        data = json.loads(data_file.read_text(encoding="utf-8"))
        log = open(tmp / "gunicorn.log", "w")  # noqa: SIM115 - lives as long as the server
        server = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "thidua.wsgi:application",
             "--bind", f"{host}:{port}", *GUNICORN_FLAGS, "--error-logfile", "-"],
            env=env, cwd=str(ROOT), stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        _wait_healthy(base, server)
        _smoke(base, data)
        yield {
            "base": base,
            "data": data,
            "data_file": data_file,
            "env": env,
            "tmp": tmp,
            "database_url": database_url,
            "server": server,
            "setup_s": time.perf_counter() - started,
        }
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        try:
            with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        except psycopg.Error as exc:
            print(f"load_bench: could not drop {db}: {exc}", file=sys.stderr)
        with contextlib.suppress(redis.RedisError):
            redis.Redis.from_url(REDIS_URL, socket_timeout=5).flushdb()
        shutil.rmtree(tmp, ignore_errors=True)


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def load_benchmarks() -> list[dict]:
    import psycopg
    import redis
    import sipas_bench
    from common import result

    out: list[dict] = []
    try:
        stack = production_server()
        ctx = stack.__enter__()
    except (psycopg.Error, redis.RedisError) as exc:
        return [result("load benchmarks", 0, "—", None, f"not measured: {exc}".splitlines()[0])]
    try:
        base, data_file, env, tmp = ctx["base"], ctx["data_file"], ctx["env"], ctx["tmp"]
        database_url = ctx["database_url"]

        def count_responses() -> int:
            with psycopg.connect(database_url, connect_timeout=5) as conn:
                return conn.execute("SELECT count(*) FROM indexes_sipasresponse").fetchone()[0]

        _locust(base, data_file, tmp, ["BareUser", "CitizenUser"], env, WARM_UP_SECONDS)
        # The baseline and the submissions alternate, ROUNDS times each, and the ratio is
        # taken between their means: on a shared machine the speed drifts by ±10% from one
        # phase to the next, and one phase of each made the ratio drift with it.
        bares, submits, submit_stored = [], [], 0
        for _ in range(ROUNDS):
            bares.append(_locust(base, data_file, tmp, ["BareUser"], env)["Aggregated"])
            before = count_responses()
            kiosk = _locust(base, data_file, tmp, ["KioskUser"], env)
            submits.append(kiosk["sipas submit (kiosk)"])
            submit_stored += count_responses() - before
        bare_rps = _mean(bares, "Requests/s")
        bare_p95 = max(_num(b, "95%") for b in bares)
        submit_rps = _mean(submits, "Requests/s")
        rounds = (
            f"{ROUNDS} alternating phases each: bare view {_each(bares, 'Requests/s')} "
            f"req/s, submissions {_each(submits, 'Requests/s')} subm/s"
        )
        before = count_responses()
        flow = _locust(base, data_file, tmp, ["CitizenUser"], env)
        flow_stored = count_responses() - before
        answer, page = flow["sipas submit"], flow["sipas page"]
        mixed = _locust(base, data_file, tmp, ["StaffUser", "CitizenUser"], env)
        total = mixed["Aggregated"]

        common = (
            f"{USERS} users, closed loop without think time, {PHASE_SECONDS} s after a "
            f"{WARM_UP_SECONDS} s warm-up; gunicorn {' '.join(GUNICORN_FLAGS[:5])} "
            "(bin/serve-prod flags), PostgreSQL + Redis on loopback, THIDUA_PRODUCTION=1"
        )
        stored_note = (
            "answers in flight when the phase stopped are stored but not counted by locust"
        )
        out.append(
            result(
                "load: bare Django view /healthz, throughput",
                bare_rps,
                "req/s",
                None,
                f"baseline of the load rows (mean of {ROUNDS} phases); p95 {bare_p95:.0f} ms, "
                f"{sum(int(_num(b, 'Failure Count')) for b in bares)} errors; {common}; "
                f"locust {_locust_version()}",
            )
        )
        out.append(
            result(
                "load: SIPAS submissions per second (50 devices)",
                submit_rps,
                "subm/s",
                bare_rps,
                f"the issue's measure: POSTs of a JSON answer (201) each with a valid visit "
                f"token bound to its device — signed desk link, one answer per visit, "
                f"exactly-once by client UUID, stored in PostgreSQL; each device took 30 visit "
                f"tokens from one kiosk page load, which counted them against the device and "
                f"address limits (the loads' time is in the phase, their requests not counted); "
                f"target ratio ≥ 0.5; {rounds}; "
                f"{sum(int(_num(k, 'Request Count')) for k in submits)} submissions, "
                f"{sum(int(_num(k, 'Failure Count')) for k in submits)} errors, "
                f"{submit_stored} stored ({stored_note}); {common}",
            )
        )
        out.append(
            result(
                "load: SIPAS submission p95 (50 devices)",
                max(_num(k, "95%") for k in submits),
                "ms",
                P95_TARGET_MS,
                f"the submissions above, the higher of the phases' p95; baseline: the 200 ms "
                f"target, ratio < 1 meets it; p50 "
                f"{_each(submits, '50%')} ms; bare view p95 "
                f"under the same load {bare_p95:.0f} ms",
            )
        )
        out.append(
            result(
                "load: SIPAS citizen flow, answers per second (50 citizens)",
                _num(answer, "Requests/s"),
                "subm/s",
                bare_rps,
                f"each citizen: GET the desk's survey page (device cookie, visit token, CSRF "
                f"token), then POST the answer (201): two requests per answer; page p95 "
                f"{_num(page, '95%'):.0f} ms, p50 {_num(page, '50%'):.0f} ms; "
                f"{int(_num(answer, 'Request Count'))} answers, "
                f"{int(_num(flow['Aggregated'], 'Failure Count'))} errors, {flow_stored} "
                f"stored ({stored_note}); {common}",
            )
        )
        out.append(
            result(
                "load: SIPAS citizen flow p95, page and answer (50 citizens)",
                _num(flow["Aggregated"], "95%"),
                "ms",
                P95_TARGET_MS,
                f"both requests of the flow above; baseline: the 200 ms target; answer p95 "
                f"{_num(answer, '95%'):.0f} ms, page p95 {_num(page, '95%'):.0f} ms",
            )
        )
        names = sorted(n for n in mixed if n != "Aggregated")
        slowest = max(names, key=lambda n: _num(mixed[n], "95%"))
        out.append(
            result(
                "load: mixed workload throughput (35 staff + 15 citizens)",
                _num(total, "Requests/s"),
                "req/s",
                bare_rps,
                f"staff: {', '.join(n for n in names if not n.startswith('sipas'))} "
                f"(logged in, random); citizens: SIPAS page + answer; "
                f"SIPAS answers {_num(mixed.get('sipas submit', {}), 'Requests/s'):.1f}/s; "
                f"{common}",
            )
        )
        out.append(
            result(
                "load: mixed workload p95",
                _num(total, "95%"),
                "ms",
                bare_p95,
                f"baseline: the bare view's p95 under the same load; p50 "
                f"{_num(total, '50%'):.0f} ms; slowest: {slowest} p95 "
                f"{_num(mixed[slowest], '95%'):.0f} ms",
            )
        )
        out.append(
            result(
                "load: mixed workload errors",
                _num(total, "Failure Count"),
                "errors",
                _num(total, "Request Count"),
                "baseline: requests made; ratio = error rate",
            )
        )
        _stop(ctx["server"])
        out.extend(
            {**r, "notes": f"{r['notes']}; on load_bench's database"}
            for r in sipas_bench.on_postgresql(database_url)
        )
        return out
    finally:
        stack.__exit__(None, None, None)


def _locust_version() -> str:
    try:
        from importlib.metadata import version

        return version("locust")
    except Exception:  # noqa: BLE001 - only a label
        return "?"


if __name__ == "__main__":
    sys.path.insert(0, str(BENCH))
    import run  # noqa: F401  (Django set up for the result helper)

    for row in load_benchmarks():
        print(json.dumps(row, ensure_ascii=False))

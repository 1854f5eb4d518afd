"""Scoring benchmarks, registered in bench/run.py (issue 5): a ward's ranking page and the
upper level's side-by-side view of the wards on PostgreSQL, with 1, 10 and 126 synthetic
wards (each 15 units, 40 people, 60 tasks, 12 progress reports per task).

Always on a PostgreSQL database of its own (``thidua_scoring_bench_<pid>`` on
127.0.0.1:5432), whatever DATABASE_URL says: bench/scoring_measure.py runs in a
subprocess pointed at it, and the database is dropped afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
RANKING_P95_MS = 150.0
UPPER_P95_MS = 500.0


def _measure() -> dict:
    import psycopg

    db = f"thidua_scoring_bench_{os.getpid()}"
    with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{db}"')
        admin.execute(f'CREATE DATABASE "{db}"')
    try:
        with tempfile.TemporaryDirectory(prefix="thidua-scoring-bench-") as var:
            env = {
                **os.environ,
                "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{db}",
                "THIDUA_VAR_DIR": var,
                "DJANGO_SETTINGS_MODULE": "thidua.settings",
                "HUEY_IMMEDIATE": "1",
                # Production-like request handling: no debug toolbar of queries kept.
                "DEBUG": "0",
            }
            env.pop("REDIS_URL", None)
            done = subprocess.run(
                [sys.executable, str(ROOT / "bench" / "scoring_measure.py")],
                env=env,
                cwd=str(ROOT),
                capture_output=True,
                text=True,
                timeout=900,
            )
        if done.returncode != 0:
            raise RuntimeError(f"scoring_measure failed: {done.stderr[-2000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


PAGES = {
    "ranking_collective": ("ward ranking page (collective)", RANKING_P95_MS),
    "ranking_individual": ("ward ranking page (individual)", RANKING_P95_MS),
    "upper_dashboard": ("upper-level view of the wards", UPPER_P95_MS),
}


def scoring_benchmarks() -> list[dict]:
    from common import result

    measured = _measure()
    base = measured["healthz"]["p50"]
    out = [
        result(
            "scoring bench: bare view (/healthz) p50, PostgreSQL",
            base,
            "ms",
            notes="baseline for the scoring page times",
        )
    ]
    steps = measured["steps"]
    first = steps[0]
    for step in steps:
        wards = step["wards"]
        out.append(
            result(
                f"scoring bench, {wards} wards: synthesis",
                step["synth_seconds"],
                "s",
                notes=f"{step['tasks']} tasks, {step['reports']} progress reports in total",
            )
        )
        for key, (label, target) in PAGES.items():
            page = step[key]
            out.append(result(f"{label}, {wards} wards: p50", page["p50"], "ms", base))
            out.append(
                result(
                    f"{label}, {wards} wards: p95",
                    page["p95"],
                    "ms",
                    target,
                    f"baseline: the {target:.0f} ms target (PostgreSQL); ratio < 1 meets it",
                )
            )
            out.append(
                result(
                    f"{label}, {wards} wards: queries",
                    page["queries"],
                    "queries",
                    first[key]["queries"],
                    "baseline: the same page with 1 ward; must stay 1.0",
                )
            )
    return out


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "bench"))
    print(json.dumps(_measure(), indent=2))

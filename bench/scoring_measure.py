"""Measure the ranking page and the upper level's ward dashboard on 1, 10 and 126
synthetic wards (15 units, 40 people, 60 tasks × 12 progress reports each).

Run by bench/scoring_bench.py in a subprocess whose DATABASE_URL names a PostgreSQL
database of its own; prints one JSON object on the last line of stdout.
"""

from __future__ import annotations

import functools
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("THIDUA_VAR_DIR", tempfile.mkdtemp(prefix="thidua-scoring-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
os.environ.setdefault("HUEY_IMMEDIATE", "1")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

REPEAT = 15
WARD_STEPS = (1, 10, 126)
UNITS, PEOPLE, TASKS, REPORTS = 15, 40, 60, 12


def timed(client: Client, url: str) -> dict:
    """p50 and p95 server time in ms, and the query count of one request."""
    response = client.get(url)  # warm caches and the scope
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return {"p50": statistics.median(times), "p95": p95, "queries": len(queries)}


def main() -> None:
    from thidua.demo import synth
    from thidua.movements.models import Movement
    from thidua.orgs.models import Membership, Organisation, Role, Unit
    from thidua.tasks.models import ProgressReport, Task
    from thidua.tasks.synth import add_tasks

    assert connection.vendor == "postgresql", connection.vendor
    call_command("migrate", verbosity=0)
    synth.WARD_HOOKS.append(functools.partial(add_tasks, tasks=TASKS, reports_per_task=REPORTS))
    size = dict(people_per_ward=PEOPLE, units_per_ward=UNITS)
    User = get_user_model()
    viewer = User.objects.create(username="bench-scoring-city")
    officer = User.objects.create(username="bench-scoring-ward")
    out: dict = {"healthz": timed(Client(), "/healthz"), "steps": []}
    for wards in WARD_STEPS:
        started = time.perf_counter()
        synth.synthesise(synth.SynthSize(wards=wards, **size))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would after a bulk load
        synth_seconds = time.perf_counter() - started
        if wards == WARD_STEPS[0]:
            city = Organisation.objects.get(code="synth-city")
            office = Unit.objects.create(
                organisation=city, name="Văn phòng thành phố", kind="office"
            )
            Membership.objects.create(user=viewer, unit=office, role=Role.UPPER_VIEWER)
            ward_office = Unit.objects.get(organisation__code="synth-00001", kind="office")
            Membership.objects.create(user=officer, unit=ward_office, role=Role.OFFICE)
            movement = Movement.objects.get(organisation__code="synth-00001")
        ward_client, city_client = Client(), Client()
        ward_client.force_login(officer)
        city_client.force_login(viewer)
        ranking = f"/scoring/movements/{movement.pk}/"
        step = {
            "wards": wards,
            "synth_seconds": synth_seconds,
            "tasks": Task.objects.count(),
            "reports": ProgressReport.objects.count(),
            "ranking_collective": timed(ward_client, ranking + "?target=collective"),
            "ranking_individual": timed(ward_client, ranking + "?target=individual"),
            "upper_dashboard": timed(city_client, "/tasks/dashboard/"),
        }
        # The dashboard must really list every ward, not an empty page.
        page = city_client.get("/tasks/dashboard/").content.decode()
        step["upper_dashboard_lists_last_ward"] = f"Số {wards}<" in page or f"Số {wards} " in page
        print(json.dumps({"progress": wards, "seconds": round(synth_seconds, 1)}), file=sys.stderr)
        out["steps"].append(step)
    print(json.dumps(out))


if __name__ == "__main__":
    main()

"""``make bench``: measure, each against a baseline taken in the same run, and write
bench/results.json as {"benchmarks": [{name, value, unit, baseline, ratio, notes}]}.

Pages are measured in-process with Django's test client (server time, no network),
on a database of its own under var/bench (SQLite, or DATABASE_URL when set), with 1,
10, 100 and 300 synthetic wards. Other domains register more benchmarks in BENCHMARKS.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
VAR = ROOT / "var" / "bench"
if not os.environ.get("DATABASE_URL"):
    shutil.rmtree(VAR, ignore_errors=True)
VAR.mkdir(parents=True, exist_ok=True)
os.environ["THIDUA_VAR_DIR"] = str(VAR)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
os.environ.setdefault("HUEY_IMMEDIATE", "1")

import django  # noqa: E402

django.setup()

from common import Result, result  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

BENCHMARKS: list[Callable[[], list[Result]]] = []
REPEAT = 15
# 300: the country estimate extrapolates from the two largest steps, and at 100 wards a
# city viewer's lists only just fill their first page — growth measured below that is the
# page filling up, not the scope growing.
WARD_STEPS = (1, 10, 100, 300)


def timed(client: Client, url: str) -> tuple[float, float, int]:
    """p50 and p95 server time in ms, and the query count of one request."""
    client.get(url)  # warm caches and the scope
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
    return statistics.median(times), p95, len(queries)


PAGES = {
    "home": "/",
    "movements": "/movements/",
    "people": "/orgs/people/",
    "units": "/orgs/units/",
    "organisations": "/orgs/organisations/",
    "api-movements": "/api/v1/movements/",
    # The wards' movement results side by side (participants, tasks, PAR, SIPAS, awards).
    "council-upper": "/council/upper/",
}


def page_benchmarks() -> list[Result]:
    from thidua.demo.synth import SynthSize, synthesise
    from thidua.orgs.models import Membership, Organisation, Role, Unit

    results: list[Result] = []
    User = get_user_model()
    viewer, _ = User.objects.get_or_create(username="bench-city")
    officer, _ = User.objects.get_or_create(username="bench-ward")
    base_client = Client()
    base = timed(base_client, "/healthz")[0]
    results.append(result("bare view (/healthz) p50", base, "ms", notes="baseline for page times"))
    measured: dict[tuple[str, str], list[tuple[int, float, float, int]]] = {}
    for wards in WARD_STEPS:
        synthesise(SynthSize(wards=wards, people_per_ward=40))
        if wards == WARD_STEPS[0]:
            city = Organisation.objects.get(code="synth-city")
            office = Unit.objects.create(
                organisation=city, name="Văn phòng thành phố", kind="office"
            )
            Membership.objects.get_or_create(user=viewer, unit=office, role=Role.UPPER_VIEWER)
            ward_office = Unit.objects.get(organisation__code="synth-00001", kind="office")
            Membership.objects.get_or_create(user=officer, unit=ward_office, role=Role.OFFICE)
        for persona, user in (("city viewer", viewer), ("ward office", officer)):
            client = Client()
            client.force_login(user)
            for page, url in PAGES.items():
                p50, p95, queries = timed(client, url)
                measured.setdefault((persona, page), []).append((wards, p50, p95, queries))
    for (persona, page), rows in measured.items():
        first = rows[0]
        for wards, p50, p95, queries in rows:
            results.append(result(f"{page} as {persona}, {wards} wards: p50", p50, "ms", base))
            results.append(result(f"{page} as {persona}, {wards} wards: p95", p95, "ms", base))
            results.append(
                result(
                    f"{page} as {persona}, {wards} wards: queries",
                    queries,
                    "queries",
                    first[3],
                    "baseline: the same page with 1 ward; must stay 1.0",
                )
            )
        # Country scale (3,321 communes) from the measured growth between the two largest steps.
        (w1, t1, *_), (w2, t2, *_) = rows[-2], rows[-1]
        slope = (t2 - t1) / (w2 - w1)
        estimate = t2 + slope * (3321 - w2)
        results.append(
            result(
                f"{page} as {persona}, 3321 wards (estimated): p50",
                max(estimate, min(t1, t2)),  # noise can make the slope negative
                "ms",
                base,
                f"linear from {w1}→{w2} wards",
            )
        )
    return results


BENCHMARKS.append(page_benchmarks)


def _document_benchmarks() -> list[Result]:
    from documents_bench import document_benchmarks

    return document_benchmarks()


BENCHMARKS.append(_document_benchmarks)


def _parsing_benchmarks() -> list[Result]:
    from parsing_bench import parsing_benchmarks

    return parsing_benchmarks()


BENCHMARKS.append(_parsing_benchmarks)


def _sipas_benchmarks() -> list[Result]:
    from sipas_bench import sipas_benchmarks

    return sipas_benchmarks()


BENCHMARKS.append(_sipas_benchmarks)


def _load_benchmarks() -> list[Result]:
    # Always on a PostgreSQL database of its own, whatever DATABASE_URL says.
    from load_bench import load_benchmarks

    return load_benchmarks()


BENCHMARKS.append(_load_benchmarks)


def _scoring_benchmarks() -> list[Result]:
    # Always on a PostgreSQL database of its own (126 wards of tasks), whatever DATABASE_URL says.
    from scoring_bench import scoring_benchmarks

    return scoring_benchmarks()


BENCHMARKS.append(_scoring_benchmarks)


def main() -> int:
    started = time.time()
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("demo", stdout=quiet)
    everything: list[Result] = []
    failed = 0
    for bench in BENCHMARKS:
        # One broken group must not hide the others' numbers: it is reported as a row.
        group_started = time.time()
        try:
            everything.extend(bench())
        except Exception as exc:  # noqa: BLE001 - reported, and the exit code says so
            failed += 1
            traceback.print_exc()
            name = bench.__name__.strip("_").replace("_", " ")
            everything.append(result(f"{name}: FAILED", 0, "—", None, repr(exc)[:300]))
        print(f"  {bench.__name__}: {time.time() - group_started:.0f} s", file=sys.stderr)
    out = ROOT / "bench" / "results.json"
    out.write_text(json.dumps({"benchmarks": everything}, ensure_ascii=False, indent=2))
    width = max(len(str(r["name"])) for r in everything)
    print(f"{'benchmark':<{width}}  {'value':>10} {'unit':<8} {'baseline':>10} {'ratio':>7}")
    for r in everything:
        baseline = "" if r["baseline"] is None else r["baseline"]
        ratio = "" if r["ratio"] is None else r["ratio"]
        print(f"{r['name']:<{width}}  {r['value']:>10} {r['unit']:<8} {baseline:>10} {ratio:>7}")
    print(f"\n{len(everything)} results in {time.time() - started:.0f} s → {out.relative_to(ROOT)}")
    print(f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

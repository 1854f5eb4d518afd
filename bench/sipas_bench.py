"""SIPAS benchmarks, registered in bench/run.py.

(a) The index over 1,000,000 answers of the 126 wards of a city: the city's ranking
    (``sipas_ranking``: every ward's overall index) and one ward's index with all its
    breakdowns (``sipas_index``), against the least the database must do over the same
    rows — one bare GROUP BY (ranking) and one bare GROUP BY of the ward's answers. The
    answers are loaded fast with raw SQL (executemany on SQLite, COPY on PostgreSQL).
(b) Ingestion: answers stored through the service (``sipas.open_visits`` with the device
    and address limits, then ``sipas.submit``: signed link, visit token, validation, one
    transaction per citizen) against
    raw INSERT of the same rows, in rows per second.

It runs on the database of the run (SQLite under var/bench unless DATABASE_URL is set);
load_bench runs it again on its PostgreSQL database (``on_postgresql``) — a city runs
PostgreSQL. Run alone, ``python bench/sipas_bench.py --json`` prints the results as JSON.
The synthetic answers are deleted at the end, so a shared DATABASE_URL is left as found.
"""

from __future__ import annotations

import datetime
import json
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WARDS = 126
ANSWERS = 1_000_000
INGEST_SUBMISSIONS = 300
RAW_RESPONSES = 2_000
BENCH_DESK = "Quầy khảo sát thử tải {n}"
YEAR = 2023
TARGET_MS = 1000.0


def _ms(fn: Callable[[], object], rounds: int = 5) -> float:
    """Median of ``rounds`` timed calls in ms, after one warm call (caches, plans)."""
    fn()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _workdays(year: int) -> list[datetime.date]:
    day, days = datetime.date(year, 1, 2), []
    while day.year == year:
        if day.weekday() < 5:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


class _Raw:
    """Raw DB-API access to the answer tables, in the dialect of the connection."""

    def __init__(self) -> None:
        from django.db import connection

        from thidua.indexes.models import SipasAnswer, SipasResponse

        connection.ensure_connection()
        self.connection = connection
        self.vendor = connection.vendor
        self.responses = SipasResponse._meta.db_table
        self.answers = SipasAnswer._meta.db_table
        self.mark = "?" if self.vendor == "sqlite" else "%s"

    def cursor(self):
        return self.connection.connection.cursor()

    def value(self, v: object) -> object:
        # sqlite3 keeps what Django would store: hex UUIDs and ISO dates as text.
        if self.vendor == "sqlite":
            if isinstance(v, uuid.UUID):
                return v.hex
            if isinstance(v, datetime.date):
                return v.isoformat()
        return v

    def next_response_id(self) -> int:
        cursor = self.cursor()
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {self.responses}")
        return int(cursor.fetchone()[0]) + 1

    def response_sql(self) -> str:
        m = self.mark
        return (
            f"INSERT INTO {self.responses} (id, organisation_id, desk_id, questionnaire_id, "
            "client_uuid, day, overall, channel, submitted_at, profile, paper_number) "
            f"VALUES ({m}, {m}, {m}, {m}, {m}, {m}, {m}, 'qr', CURRENT_TIMESTAMP, '{{}}', '')"
        )

    def answer_sql(self) -> str:
        m = self.mark
        return (
            f"INSERT INTO {self.answers} (response_id, criterion_id, factor_id, "
            f"organisation_id, day, value) VALUES ({m}, {m}, {m}, {m}, {m}, {m})"
        )

    def insert(self, responses: list[tuple], answers: list[tuple], *, copy: bool) -> None:
        """Insert in one transaction; COPY on PostgreSQL when ``copy``, else executemany."""
        from django.db import transaction

        with transaction.atomic():
            cursor = self.cursor()
            if copy and self.vendor == "postgresql":
                cols_r = "id, organisation_id, desk_id, questionnaire_id, client_uuid, day, overall"
                with cursor.copy(
                    f"COPY {self.responses} ({cols_r}, channel, submitted_at, profile, "
                    "paper_number) FROM STDIN"
                ) as out:
                    now = datetime.datetime.now(datetime.UTC)
                    for row in responses:
                        out.write_row((*row, "qr", now, "{}", ""))
                cols_a = "response_id, criterion_id, factor_id, organisation_id, day, value"
                with cursor.copy(f"COPY {self.answers} ({cols_a}) FROM STDIN") as out:
                    for row in answers:
                        out.write_row(row)
            else:
                v = self.value
                for start in range(0, len(responses), 20_000):
                    chunk = responses[start : start + 20_000]
                    cursor.executemany(
                        self.response_sql(), [tuple(v(x) for x in row) for row in chunk]
                    )
                for start in range(0, len(answers), 100_000):
                    chunk = answers[start : start + 100_000]
                    cursor.executemany(
                        self.answer_sql(), [tuple(v(x) for x in row) for row in chunk]
                    )
            if self.vendor == "postgresql":
                # Ids were given explicitly: move the identity past them.
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{self.responses}', 'id'), "
                    f"(SELECT MAX(id) FROM {self.responses}))"
                )

    def delete_desks(self, desk_ids: list[int]) -> None:
        from django.db import transaction

        if not desk_ids:
            return
        marks = ", ".join([self.mark] * len(desk_ids))
        with transaction.atomic():
            cursor = self.cursor()
            cursor.execute(
                f"DELETE FROM {self.answers} WHERE response_id IN "
                f"(SELECT id FROM {self.responses} WHERE desk_id IN ({marks}))",
                desk_ids,
            )
            cursor.execute(f"DELETE FROM {self.responses} WHERE desk_id IN ({marks})", desk_ids)


def _setup() -> tuple:
    """126 synthetic wards with three survey desks each, and the questionnaire."""
    from django.core.management import call_command

    from thidua.demo.synth import SynthSize, synthesise
    from thidua.indexes.models import SipasCriterion, SipasDesk, SipasQuestionnaire
    from thidua.orgs.models import Organisation

    if not SipasQuestionnaire.objects.filter(code="sipas-bnv-2023").exists():
        with open(os.devnull, "w") as quiet:
            call_command("load_index_data", stdout=quiet)
    questionnaire = SipasQuestionnaire.objects.get(code="sipas-bnv-2023")
    synthesise(SynthSize(wards=WARDS, people_per_ward=40))
    city = Organisation.objects.get(code="synth-city")
    wards = list(
        Organisation.objects.filter(parent=city, code__startswith="synth-").order_by("code")
    )[:WARDS]
    assert len(wards) == WARDS, len(wards)
    names = [BENCH_DESK.format(n=n) for n in (1, 2, 3)]
    have = set(
        SipasDesk.objects.filter(organisation__in=wards, name__in=names).values_list(
            "organisation_id", "name"
        )
    )
    SipasDesk.objects.bulk_create(
        SipasDesk(organisation=w, name=name, position=90 + i)
        for w in wards
        for i, name in enumerate(names)
        if (w.pk, name) not in have
    )
    desks: dict[int, list[int]] = {}
    for desk_id, org_id in SipasDesk.objects.filter(
        organisation__in=wards, name__in=names
    ).values_list("id", "organisation_id"):
        desks.setdefault(org_id, []).append(desk_id)
    criteria = list(
        SipasCriterion.objects.filter(factor__questionnaire=questionnaire)
        .order_by("factor__position", "position")
        .values_list("id", "factor_id")
    )
    return city, wards, desks, questionnaire, criteria


def _synthetic_rows(
    wards: list, desks: dict[int, list[int]], questionnaire_id: int, criteria, first_id: int
) -> tuple[list[tuple], list[tuple]]:
    """Exactly ANSWERS answers over the year, each ward with its own level of satisfaction."""
    rng = random.Random(YEAR)
    days = _workdays(YEAR)
    moods = {w.pk: rng.uniform(3.3, 4.6) for w in wards}
    per = len(criteria)
    # A table of value rows drawn once and reused keeps the generation to about a second.
    value_rows = [
        [min(5, max(1, round(mood + rng.gauss(0, 0.7)))) for _ in range(per)]
        for mood in (3.3, 3.6, 3.9, 4.1, 4.3, 4.6)
        for _ in range(40)
    ]
    responses: list[tuple] = []
    answers: list[tuple] = []
    response_id = first_id
    while len(answers) < ANSWERS:
        ward = wards[response_id % len(wards)]
        org = ward.pk
        day = days[rng.randrange(len(days))]
        band = min(5, int((moods[org] - 3.3) / 0.22))
        values = value_rows[band * 40 + rng.randrange(40)]
        responses.append(
            (
                response_id,
                org,
                desks[org][response_id % 3],
                questionnaire_id,
                uuid.UUID(int=rng.getrandbits(128), version=4),
                day,
                values[0],
            )
        )
        for (criterion_id, factor_id), value in zip(criteria, values, strict=True):
            answers.append((response_id, criterion_id, factor_id, org, day, value))
            if len(answers) == ANSWERS:
                break
        response_id += 1
    return responses, answers


def _ingest_through_service(wards, desks, criteria) -> tuple[float, int]:
    """INGEST_SUBMISSIONS citizens' answers through ``sipas.submit``; (seconds, rows)."""
    from django.test import override_settings

    from thidua.indexes import sipas
    from thidua.indexes.models import SipasDesk

    rng = random.Random(8)
    links = []
    for ward in wards[:10]:
        desk = SipasDesk.objects.get(pk=desks[ward.pk][0])
        links.append(sipas.resolve(sipas.make_token(desk)))
    payloads = []
    for n in range(INGEST_SUBMISSIONS):
        resolved = links[n % len(links)]
        payloads.append(
            (
                resolved,
                sipas.new_device_id(),
                sipas.Submission(
                    client_uuid=str(uuid.uuid4()),
                    answers={str(c): rng.randint(2, 5) for c, _ in criteria},
                    overall=rng.randint(3, 5),
                ),
            )
        )
    unlimited = 10**9
    with override_settings(
        SIPAS_MIN_SECONDS=0, SIPAS_DEVICE_PER_HOUR=unlimited, SIPAS_IP_PER_HOUR=unlimited
    ):
        start = time.perf_counter()
        for resolved, device, data in payloads:
            # The visit with its rate limits, as the page gives it, then the answer.
            data.visit = sipas.open_visits(resolved, device, "127.0.0.1")[0]
            status, _ = sipas.submit(resolved, data, device=device)
            assert status == "saved", status
        elapsed = time.perf_counter() - start
    return elapsed, INGEST_SUBMISSIONS * (1 + len(criteria))


def _raw_insert(raw: _Raw, wards, desks, questionnaire_id: int, criteria) -> tuple[float, int]:
    """RAW_RESPONSES responses and their answers by plain INSERT (executemany)."""
    rng = random.Random(9)
    today = datetime.date.today()
    first = raw.next_response_id()
    responses, answers = [], []
    for n in range(RAW_RESPONSES):
        org = wards[n % 10].pk
        rid = first + n
        responses.append((rid, org, desks[org][0], questionnaire_id, uuid.uuid4(), today, 4))
        answers += [(rid, c, f, org, today, rng.randint(2, 5)) for c, f in criteria]
    start = time.perf_counter()
    raw.insert(responses, answers, copy=False)
    return time.perf_counter() - start, len(responses) + len(answers)


def sipas_benchmarks(label: str | None = None) -> list[dict]:
    from common import result

    from thidua.indexes.queries import sipas_index, sipas_ranking, year_range

    raw = _Raw()
    engine = label or {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(raw.vendor, raw.vendor)
    started = time.perf_counter()
    city, wards, desks, questionnaire, criteria = _setup()
    all_desks = [d for ids in desks.values() for d in ids]
    raw.delete_desks(all_desks)  # what an interrupted earlier run left
    out: list[dict] = []
    try:
        first = raw.next_response_id()
        responses, answers = _synthetic_rows(wards, desks, questionnaire.pk, criteria, first)
        start = time.perf_counter()
        raw.insert(responses, answers, copy=True)
        load_s = time.perf_counter() - start
        if raw.vendor == "postgresql":
            raw.cursor().execute(f"ANALYZE {raw.answers}; ANALYZE {raw.responses}")
        else:
            # Fold the write-ahead log into the file: a table read in steady state.
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
            raw.cursor().execute("ANALYZE")
        setup_s = time.perf_counter() - started

        ranking = sipas_ranking(city, YEAR)
        assert len(ranking) == WARDS, len(ranking)
        ward = wards[0]
        index = sipas_index(ward, *year_range(YEAR))
        assert index.respondents > 0

        start_d, end_d = year_range(YEAR)
        ids = [w.pk for w in wards]
        m = raw.mark
        bare_group = (
            f"SELECT organisation_id, COUNT(*) FROM {raw.answers} "
            f"WHERE organisation_id IN ({', '.join([m] * len(ids))}) AND day BETWEEN {m} AND {m} "
            "GROUP BY organisation_id"
        )
        group_params = [*ids, raw.value(start_d), raw.value(end_d)]
        ward_group = (
            f"SELECT factor_id, COUNT(*) FROM {raw.answers} "
            f"WHERE organisation_id = {m} AND day BETWEEN {m} AND {m} GROUP BY factor_id"
        )
        ward_params = [ward.pk, raw.value(start_d), raw.value(end_d)]

        def run_sql(sql: str, params: list) -> Callable[[], object]:
            def go() -> object:
                cursor = raw.cursor()
                cursor.execute(sql, params)
                return cursor.fetchall()

            return go

        def count_all() -> object:
            cursor = raw.cursor()
            cursor.execute(f"SELECT COUNT(*) FROM {raw.answers}")
            return cursor.fetchone()

        ranking_ms = _ms(lambda: sipas_ranking(city, YEAR))
        group_ms = _ms(run_sql(bare_group, group_params))
        count_ms = _ms(count_all)
        ward_ms = _ms(lambda: sipas_index(ward, *year_range(YEAR)), rounds=9)
        ward_base_ms = _ms(run_sql(ward_group, ward_params), rounds=9)
        size = f"{ANSWERS:,} answers ({len(responses):,} responses) of {WARDS} wards, {YEAR}"
        out.append(
            result(
                f"SIPAS ranking of {WARDS} wards over 1,000,000 answers ({engine})",
                ranking_ms,
                "ms",
                group_ms,
                f"sipas_ranking(city, {YEAR}); {size}; baseline: one bare GROUP BY "
                f"organisation over the same rows; bare COUNT(*) of the table: {count_ms:.0f} ms",
            )
        )
        out.append(
            result(
                f"SIPAS ranking of {WARDS} wards against the 1 s target ({engine})",
                ranking_ms,
                "ms",
                TARGET_MS,
                "baseline: the issue's target; ratio < 1 meets it",
            )
        )
        out.append(
            result(
                f"SIPAS index of one ward, all breakdowns, 1,000,000-answer table ({engine})",
                ward_ms,
                "ms",
                ward_base_ms,
                f"sipas_index(ward, {YEAR}): {index.respondents:,} respondents; factors, "
                "criteria, desks, staff, procedures, months, channels; baseline: one bare "
                "GROUP BY factor of that ward's answers",
            )
        )
        service_s, service_rows = _ingest_through_service(wards, desks, criteria)
        raw_s, raw_rows = _raw_insert(raw, wards, desks, questionnaire.pk, criteria)
        out.append(
            result(
                f"SIPAS ingestion through the service ({engine})",
                service_rows / service_s,
                "rows/s",
                raw_rows / raw_s,
                f"{INGEST_SUBMISSIONS} citizens' answers, each a visit by sipas.open_visits "
                f"(limits) and its answer by sipas.submit (link, visit, validation, one "
                f"transaction) = {INGEST_SUBMISSIONS / service_s:.0f} "
                f"submissions/s; baseline: raw INSERT (executemany, one transaction) of "
                f"{RAW_RESPONSES:,} responses with their answers",
            )
        )
        out.append(
            result(
                f"SIPAS bulk load of 1,000,000 answers ({engine})",
                (len(responses) + len(answers)) / load_s,
                "rows/s",
                raw_rows / raw_s,
                f"{'COPY' if raw.vendor == 'postgresql' else 'executemany'} in one "
                f"transaction, {load_s:.1f} s; baseline: the raw INSERT above; "
                f"setup incl. 126 synthetic wards {setup_s:.0f} s",
            )
        )
    finally:
        raw.delete_desks(all_desks)
    return out


def _child_env(database_url: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SIPAS_", "THIDUA_", "DJANGO_", "REDIS_URL", "SECRET_KEY"))
    }
    env.update(DATABASE_URL=database_url, HUEY_IMMEDIATE="1", PYTHONPATH=str(ROOT / "src"))
    return env


def on_postgresql(database_url: str, timeout: float = 300) -> list[dict]:
    """Run these benchmarks in a child process on ``database_url`` (migrated, demo loaded)."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__)), "--json"],
        env=_child_env(database_url),
        cwd=str(ROOT),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"sipas_bench on PostgreSQL failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import run  # noqa: F401  (sets Django up on DATABASE_URL or var/bench)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    results = sipas_benchmarks()
    print(json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(_main())

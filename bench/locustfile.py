"""Simulated users of the load benchmark (bench/load_bench.py runs locust headless on it).

- ``BareUser``: the bare Django view, /healthz (a small JSON answer through the same
  gunicorn and middleware) — the baseline.
- ``CitizenUser``: a citizen at a one-stop desk: opens the desk's survey link (device
  cookie, visit token, CSRF token), then sends the answer as JSON with a fresh client UUID,
  as survey.js does.
- ``KioskUser``: a tablet in kiosk mode at the desk: one page load, 30 answers — the
  submission endpoint's own capacity, the issue's "SIPAS submissions per second".
- ``StaffUser``: a logged-in civil servant of phường Mộ Lao reading the main pages and the
  API lists.

All are closed-loop without think time: the benchmark measures the most the server
gives. What they need (session keys, signed desk links, criteria) comes from the JSON file
named by THIDUA_BENCH_DATA, written by load_bench.py with the server's own settings.
"""

from __future__ import annotations

import html
import json
import os
import random
import re
import uuid
from pathlib import Path

from locust import FastHttpUser, constant, task

DATA = json.loads(Path(os.environ["THIDUA_BENCH_DATA"]).read_text(encoding="utf-8"))
VISIT = re.compile(r'name="visit" value="([^"]+)"')
VISITS = re.compile(r'data-visits="([^"]+)"')


def _answers() -> str:
    """The end of one JSON answer: the questionnaire, random answers, the empty honeypot."""
    rest = {
        "questionnaire": DATA["questionnaire"],
        "answers": {str(c): random.choice((3, 4, 4, 5, 5)) for c in DATA["criteria"]},
        "overall": random.choice((3, 4, 5)),
        "website": "",
    }
    return json.dumps(rest)[1:]


# Made once: the load generator shares the server's two cores, so what it spends building
# bodies is taken from the server under test.
ANSWERS = [_answers() for _ in range(200)]


class Browser:
    """A phone's cookies as its browser keeps them: the Cookie header is made once after
    each page load, as a browser does natively, instead of by Python's cookie jar on every
    request (the load generator shares the server's two cores: what its jar costs per
    request is taken from the server under test)."""

    def __init__(self, client) -> None:
        self.client = client
        self.cookies: dict[str, str] = {}
        self.header = ""

    def get_page(self, url: str, name: str):
        headers = {"Cookie": self.header} if self.header else {}
        return self.client.get(url, name=name, headers=headers, catch_response=True)

    def keep_cookies(self) -> None:
        """Move what the page set from the jar to the header; the jar is left empty."""
        jar = self.client.cookiejar
        self.cookies.update({cookie.name: cookie.value for cookie in jar})
        jar.clear()
        self.header = "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def submit(self, token: str, visit: str, name: str) -> None:
        """Send one answer as survey.js does: JSON, a fresh client UUID, the CSRF cookie's
        value in the header."""
        body = f'{{"client_uuid": "{uuid.uuid4()}", "visit": "{visit}", {random.choice(ANSWERS)}'
        with self.client.post(
            f"/indexes/s/{token}/submit/",
            data=body,
            headers={
                "Content-Type": "application/json",
                "Accept": "application/json",
                "X-CSRFToken": self.cookies.get(DATA["csrf_cookie"], ""),
                "Cookie": self.header,
            },
            name=name,
            catch_response=True,
        ) as r:
            if r.status_code != 201:
                r.failure(f"status {r.status_code}: {(r.text or '')[:120]}")


class BareUser(FastHttpUser):
    wait_time = constant(0)

    @task
    def healthz(self) -> None:
        with self.client.get("/healthz", name="bare view /healthz", catch_response=True) as r:
            if r.status_code != 200 or b'"ok"' not in (r.content or b""):
                r.failure(f"status {r.status_code}")


class CitizenUser(FastHttpUser):
    wait_time = constant(0)
    weight = 3

    def on_start(self) -> None:
        self.browser = Browser(self.client)

    @task
    def answer(self) -> None:
        token = random.choice(DATA["tokens"])
        with self.browser.get_page(f"/indexes/s/{token}/", "sipas page") as r:
            visit = VISIT.search(r.text or "")
            if r.status_code != 200 or not visit:
                r.failure(f"status {r.status_code}, no visit token")
                return
        self.browser.keep_cookies()
        self.browser.submit(token, visit.group(1), "sipas submit")


class KioskUser(FastHttpUser):
    """A tablet at the desk in kiosk mode: one page load gives 30 visit tokens, then the
    answers of 30 citizens are sent — the submission endpoint's own capacity."""

    wait_time = constant(0)

    def on_start(self) -> None:
        self.browser = Browser(self.client)
        self.visits: list[str] = []
        self.token = random.choice(DATA["kiosk_tokens"])

    def _load(self) -> bool:
        with self.browser.get_page(f"/indexes/s/{self.token}/", "sipas kiosk page") as r:
            visits = VISITS.search(r.text or "")
            if r.status_code != 200 or not visits:
                r.failure(f"status {r.status_code}, no visit tokens")
                return False
            self.visits = json.loads(html.unescape(visits.group(1)))
        self.browser.keep_cookies()
        return True

    @task
    def answer(self) -> None:
        if not self.visits and not self._load():
            return
        self.browser.submit(self.token, self.visits.pop(), "sipas submit (kiosk)")


class StaffUser(FastHttpUser):
    wait_time = constant(0)
    weight = 7

    def on_start(self) -> None:
        from http.cookiejar import Cookie

        key = DATA["sessions"][id(self) % len(DATA["sessions"])]
        host = DATA["host"]
        self.client.cookiejar.set_cookie(
            Cookie(
                0,
                DATA["session_cookie"],
                key,
                None,
                False,
                host,
                True,
                False,
                "/",
                True,
                False,
                None,
                False,
                None,
                None,
                {},
            )  # fmt: skip
        )

    @task
    def page(self) -> None:
        name, url = random.choice(DATA["pages"])
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")

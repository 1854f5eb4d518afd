"""The UI speaks Vietnamese by default and English for those who choose it.

Vietnamese is the source language: the msgids are the Vietnamese texts, and
src/thidua/locale/en/LC_MESSAGES/django.po holds their English. The language is
chosen only with the "Tiếng Việt / English" form (Django's set_language, which sets
the language cookie); the browser's Accept-Language header is ignored, so nobody is
switched to English without asking (see thidua.core.middleware.LanguageCookieMiddleware).
"""

from __future__ import annotations

import ast
import gettext as pygettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils.translation.template import templatize

from thidua.movements.models import Movement

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
MO_FILE = LOCALE_DIR / "django.mo"

SRC = Path(settings.BASE_DIR)
TEMPLATES = SRC / "templates"
# The pages and Python code whose texts are translated (the foundation's apps).
TRANSLATED_TEMPLATES = [
    *(TEMPLATES / name for name in ("base.html", "404.html", "403.html", "403_csrf.html")),
    TEMPLATES / "500.html",
    *(
        path
        for folder in ("includes", "orgs", "plans", "movements", "reports", "audit")
        for path in sorted((TEMPLATES / folder).glob("*.html"))
    ),
]
TRANSLATED_PYTHON = [
    path
    for app in ("orgs", "movements", "plans", "audit", "reports", "core")
    for path in sorted((SRC / app).rglob("*.py"))
    if "migrations" not in path.parts
]


def choose(client: Client, language: str, next_url: str = "/") -> None:
    response = client.post(reverse("set_language"), {"language": language, "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == next_url


@pytest.fixture
def mo_lao_movement(demo) -> Movement:
    return Movement.objects.filter(organisation=demo["mo_lao"], year=2023).get()


# --- Which language is shown ------------------------------------------------------


@pytest.mark.django_db
def test_the_login_page_is_vietnamese_by_default(demo):
    page = Client().get(reverse("login")).content.decode()
    assert '<html lang="vi">' in page
    assert "<h1>Đăng nhập</h1>" in page
    assert "Tên đăng nhập" in page
    assert "Log in" not in page


@pytest.mark.django_db
def test_the_login_page_offers_the_language_choice_as_a_labelled_form(demo):
    page = Client().get(reverse("login")).content.decode()
    form = re.search(r'<form class="language-switcher".*?</form>', page, re.S).group(0)
    assert f'action="{reverse("set_language")}"' in form
    assert 'method="post"' in form and "csrfmiddlewaretoken" in form
    assert "<legend>Ngôn ngữ</legend>" in form
    # Real buttons (keyboard reachable), each language named in itself.
    assert '<button type="submit" name="language" value="vi" lang="vi"' in form
    assert '<button type="submit" name="language" value="en" lang="en"' in form
    assert ">Tiếng Việt</button>" in form and ">English</button>" in form
    assert 'value="vi" lang="vi" class="linklike" aria-current="true"' in form


@pytest.mark.django_db
def test_after_choosing_english_the_login_page_is_english(demo):
    client = Client()
    choose(client, "en", reverse("login"))
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in page
    assert "<h1>Log in</h1>" in page
    assert "Username" in page and "Password" in page
    assert "Đăng nhập" not in page
    assert 'value="en" lang="en" class="linklike" aria-current="true"' in page


@pytest.mark.django_db
def test_a_wrong_password_is_explained_in_english_after_choosing_english(demo):
    client = Client()
    choose(client, "en", reverse("login"))
    response = client.post(reverse("login"), {"username": "vanphong", "password": "sai"})
    assert "Wrong username or password" in response.content.decode()


@pytest.mark.django_db
def test_the_office_dashboard_in_english(client_as):
    client = client_as("vanphong")
    choose(client, "en")
    page = client.get(reverse("home")).content.decode()
    assert "<title>Home · thidua</title>" in page
    # Navigation, user menu, dashboard headings, role and status labels.
    for text in (
        ">Emulation movements</a>",
        ">Staff</a>",
        ">Units</a>",
        ">Action log</a>",
        ">Log out</button>",
        ">Change password</a>",
        "Recent actions",
        "competing collectives",
        "Office (emulation secretariat)",
        "Under way",
        "Collective: 1–2",
        "· Logged in",
    ):
        assert text in page, text
    for vietnamese in ("Trang chủ", "Đăng xuất", "Thao tác gần đây", "Đang triển khai"):
        assert vietnamese not in page, vietnamese
    # The data stay as they are: names of units and movements are Vietnamese.
    assert "UBND phường Mộ Lao" in page


@pytest.mark.django_db
def test_the_movement_page_in_english(client_as, mo_lao_movement):
    client = client_as("vanphong")
    choose(client, "en")
    url = reverse("movements:detail", kwargs={"movement_id": mo_lao_movement.pk})
    page = client.get(url).content.decode()
    for text in (
        "<h2>Participants</h2>",
        "<h2>Award forms</h2>",
        "<h2>Criteria</h2>",
        "<h2>Award quotas</h2>",
        "<h2>Nomination dossier</h2>",
        "<h2>Milestones</h2>",
        "1–2 (collective)",
        "Giấy khen awarded by Chủ tịch UBND phường",
        "<dt>Organised by</dt>",
        "<dt>Plan</dt>",
    ):
        assert text in page, text
    assert "Đối tượng thi đua" not in page
    assert "Mốc thời gian" not in page


@pytest.mark.django_db
def test_another_wards_user_gets_404_in_english_too(client_as, mo_lao_movement):
    client = client_as("vanquan")
    choose(client, "en")
    url = reverse("movements:detail", kwargs={"movement_id": mo_lao_movement.pk})
    response = client.get(url)
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert "Mộ Lao" not in page


@pytest.mark.django_db
def test_the_browser_language_alone_does_not_switch_to_english(demo, client_as):
    # Decision: Vietnamese for everyone unless they choose English themselves —
    # Accept-Language says how a browser is set up, not what its user reads best.
    page = Client().get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content
    assert "<h1>Đăng nhập</h1>" in page.decode()
    client = client_as("vanphong")
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en")
    assert ">Phong trào thi đua</a>" in response.content.decode()
    assert response["Content-Language"] == "vi"
    assert "Accept-Language" not in response.get("Vary", "")


@pytest.mark.django_db
def test_choosing_vietnamese_again_switches_back(client_as):
    client = client_as("vanphong")
    choose(client, "en")
    assert ">Emulation movements</a>" in client.get(reverse("home")).content.decode()
    choose(client, "vi")
    page = client.get(reverse("home")).content.decode()
    assert ">Phong trào thi đua</a>" in page
    assert '<html lang="vi">' in page


@pytest.mark.django_db
def test_a_language_we_do_not_offer_falls_back_to_vietnamese(demo):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert "<h1>Đăng nhập</h1>" in client.get(reverse("login")).content.decode()
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert response.status_code == 302
    assert "<h1>Đăng nhập</h1>" in client.get(reverse("login")).content.decode()


@pytest.mark.django_db
def test_an_english_request_leaves_the_rest_of_the_thread_vietnamese(client_as):
    # Services, jobs and documents built after a request must not inherit its language.
    from django.utils.translation import get_language, gettext

    client = client_as("vanphong")
    choose(client, "en")
    client.get(reverse("home"))
    assert get_language() == "vi"
    assert gettext("Trang chủ") == "Trang chủ"


# --- The translation catalogue is complete ----------------------------------------


def parse_po(text: str) -> list[dict]:
    """Entries of a .po file: {"flags", "msgctxt", "msgid", "msgstr"} (no plurals used)."""
    entries: list[dict] = []
    entry: dict | None = None
    field = ""
    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        starts_entry = line.startswith(("#", "msgctxt")) or (
            line.startswith("msgid ") and entry is not None and "msgid" in entry
        )
        if not line or (starts_entry and entry is not None and "msgstr" in entry):
            if entry is not None and "msgid" in entry:
                entries.append(entry)
            entry = None
            if not line:
                continue
        if entry is None:
            entry = {"flags": set()}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[field] += ast.literal_eval(line)
        else:
            field, _, literal = line.partition(" ")
            entry[field] = ast.literal_eval(literal)
    return entries


def catalogue() -> dict[tuple[str | None, str], dict]:
    entries = parse_po(PO_FILE.read_text(encoding="utf-8"))
    return {(e.get("msgctxt"), e["msgid"]): e for e in entries if e["msgid"]}


_TEMPLATIZED = re.compile(r"\b(p?gettext)\((u'(?:[^'\\]|\\.)*')(?:, (u'(?:[^'\\]|\\.)*'))?\)")
_GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "gettext_noop"}
_PGETTEXT_NAMES = {"pgettext", "pgettext_lazy"}


def msgids_of_template(path: Path) -> set[tuple[str | None, str]]:
    found = set()
    for function, first, second in _TEMPLATIZED.findall(templatize(path.read_text())):
        if function == "pgettext":
            found.add((ast.literal_eval(first), ast.literal_eval(second)))
        else:
            found.add((None, ast.literal_eval(first)))
    return found


def msgids_of_python(path: Path) -> set[tuple[str | None, str]]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        args = [a.value for a in node.args if isinstance(a, ast.Constant)]
        if node.func.id in _GETTEXT_NAMES and args and isinstance(args[0], str):
            found.add((None, args[0]))
        elif node.func.id in _PGETTEXT_NAMES and len(args) >= 2:
            found.add((args[0], args[1]))
    return found


def test_every_msgid_of_the_translated_pages_is_in_the_catalogue():
    wanted: dict[tuple[str | None, str], str] = {}
    for path in TRANSLATED_TEMPLATES:
        for key in msgids_of_template(path):
            wanted.setdefault(key, str(path.relative_to(SRC)))
    for path in TRANSLATED_PYTHON:
        for key in msgids_of_python(path):
            wanted.setdefault(key, str(path.relative_to(SRC)))
    assert len(wanted) > 300, "the extraction found too little: is it still working?"
    missing = {key: where for key, where in wanted.items() if key not in catalogue()}
    assert not missing, (
        "Texts without an English translation (run makemessages -l en in src/thidua, "
        f"translate, compilemessages): {missing}"
    )


def test_every_entry_has_an_english_translation_and_none_is_fuzzy():
    entries = catalogue()
    assert len(entries) > 300
    empty = [key for key, e in entries.items() if not e.get("msgstr", "").strip()]
    fuzzy = [key for key, e in entries.items() if "fuzzy" in e["flags"]]
    assert not empty, f"empty msgstr: {empty}"
    assert not fuzzy, f"fuzzy entries: {fuzzy}"


def test_translations_keep_the_placeholders_of_the_vietnamese():
    placeholder = re.compile(r"%\(\w+\)s|%%")
    wrong = [
        key
        for key, e in catalogue().items()
        if sorted(placeholder.findall(e["msgid"])) != sorted(placeholder.findall(e["msgstr"]))
    ]
    assert not wrong, wrong


def test_the_compiled_catalogue_matches_the_po_file():
    # The .mo is committed so that no gettext tools are needed at run time; it must
    # be recompiled whenever the .po changes.
    with MO_FILE.open("rb") as handle:
        compiled = pygettext.GNUTranslations(handle)
    stale = [
        (context, msgid)
        for (context, msgid), e in catalogue().items()
        if (compiled.pgettext(context, msgid) if context else compiled.gettext(msgid))
        != e["msgstr"]
    ]
    assert not stale, f"django.mo is out of date for {stale[:5]}… — run compilemessages"

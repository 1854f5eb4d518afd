"""``thidua parse-plan FILE``: JSON on stdout and exit 0, or one line on stderr and exit 2."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.plans.parsing.parsing_helpers import SEED, fixture
from thidua.plans.parsing import parse_plan_file
from thidua.plans.parsing.cli import main

SRC = Path(__file__).resolve().parents[3] / "src"


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_a_plan_prints_its_json_and_exits_0() -> None:
    code, out, err = run([str(SEED)])
    assert code == 0
    assert err == ""
    assert json.loads(out) == parse_plan_file(SEED)
    assert "Mộ Lao" in out  # ensure_ascii=False: Vietnamese as written
    assert out.startswith('{\n  "number": "20/KH-UBND"')  # indent=2, contract order


def test_the_subcommand_name_may_lead_the_arguments() -> None:
    code, out, _ = run(["parse-plan", str(SEED)])
    assert code == 0
    assert json.loads(out)["number"] == "20/KH-UBND"


def test_a_readable_document_that_is_not_a_plan_exits_0_with_a_warning() -> None:
    code, out, err = run([str(fixture("random_text.txt"))])
    assert code == 0 and err == ""
    assert json.loads(out)["warnings"]


@pytest.mark.parametrize(
    ("content", "word"),
    [(b"", "rỗng"), (b"\x89PNG\r\n\x1a\n" + bytes(64), "PNG"), (os.urandom(4096), "")],
    ids=["empty", "image", "random-bytes"],
)
def test_unreadable_input_exits_2_with_one_line_on_stderr(
    tmp_path: Path, content: bytes, word: str
) -> None:
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(content)
    code, out, err = run([str(path)])
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("thidua parse-plan: ")
    assert word in err


def test_a_missing_file_or_a_directory_exits_2(tmp_path: Path) -> None:
    for target in (tmp_path / "khong-co.txt", tmp_path):
        code, out, err = run([str(target)])
        assert (code, out) == (2, "")
        assert err.count("\n") == 1


def test_wrong_usage_exits_2_with_the_usage_line() -> None:
    code, out, err = run([])
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "parse-plan" in err
    assert run(["a", "b"])[0] == 2
    assert run(["--help"])[0] == 0


def _module(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONIOENCODING": "ascii"}
    return subprocess.run(
        [sys.executable, "-m", "thidua.plans.parsing", *args],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=30,
    )


def test_the_command_writes_utf8_whatever_the_console_encoding() -> None:
    done = _module([str(SEED)])
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.decode("utf-8"))["issuer"] == "UBND phường Mộ Lao"


def test_the_command_never_prints_a_traceback_for_garbage(tmp_path: Path) -> None:
    path = tmp_path / "rac.bin"
    path.write_bytes(os.urandom(20_000))
    done = _module([str(path)])
    assert done.returncode == 2
    assert done.stdout == b""
    assert b"Traceback" not in done.stderr
    assert done.stderr.count(b"\n") == 1


def test_the_command_reads_standard_input_given_a_dash() -> None:
    done = _module(["-"], stdin=SEED.read_bytes())
    assert done.returncode == 0
    assert json.loads(done.stdout.decode("utf-8"))["number"] == "20/KH-UBND"

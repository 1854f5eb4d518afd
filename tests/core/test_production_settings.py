"""Production mode refuses to start without its secrets, and `check --deploy` is clean."""

import os
import subprocess
import sys
from pathlib import Path

THIDUA = [sys.executable, "-m", "thidua"]
SRC = str(Path(__file__).resolve().parents[2] / "src")


def run_thidua(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DEBUG",
            "THIDUA_DEMO",
            "DATABASE_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests in this process
        }
    }
    environment.update(env)
    environment["PYTHONPATH"] = SRC
    return subprocess.run(
        [*THIDUA, *args], capture_output=True, text=True, env=environment, timeout=120
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_thidua(
        "check", THIDUA_PRODUCTION="1", ALLOWED_HOSTS="thidua.example.vn", THIDUA_VAR_DIR=str(tmp_path)
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    result = run_thidua(
        "check", THIDUA_PRODUCTION="1", SECRET_KEY="k" * 60, THIDUA_VAR_DIR=str(tmp_path)
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_check_deploy_reports_nothing_in_production_with_the_required_settings(tmp_path):
    result = run_thidua(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        THIDUA_PRODUCTION="1",
        SECRET_KEY="x7#Lq!v2pR9zW4mT8sY1nB6cJ3hK0dF5gA-uE+oI*eQ@rN&wZ%yX^",
        ALLOWED_HOSTS="thidua.example.gov.vn",
        THIDUA_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_development_mode_starts_without_any_setting(tmp_path):
    result = run_thidua("check", THIDUA_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr

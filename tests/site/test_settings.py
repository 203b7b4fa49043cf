"""Production mode refuses unsafe defaults and passes Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "-production-test-key-4f9a8b7c6d5e4f3a2b1c"


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = run_manage("check", DJANGO_PRODUCTION="1", DJANGO_ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts() -> None:
    result = run_manage("check", DJANGO_PRODUCTION="1", DJANGO_SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_passes_the_deploy_check_with_no_warnings() -> None:
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_PRODUCTION="1",
        DJANGO_SECRET_KEY=GOOD_KEY,
        DJANGO_ALLOWED_HOSTS="secondopinion.example.org",
        DJANGO_TRUSTED_PROXY_COUNT="1",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_asks_how_many_proxies_are_trusted() -> None:
    """Unset, every client behind the proxy would share its address for the limits."""
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_PRODUCTION="1",
        DJANGO_SECRET_KEY=GOOD_KEY,
        DJANGO_ALLOWED_HOSTS="secondopinion.example.org",
    )
    assert result.returncode != 0
    assert "secondopinion.W002" in result.stdout + result.stderr


def test_a_bad_admin_allow_list_is_reported_clearly() -> None:
    result = run_manage("check", DJANGO_ADMIN_ALLOWED_IPS="10.0.0.0/8,not-a-network")
    assert result.returncode != 0
    assert "not-a-network" in result.stderr


def test_a_bad_boolean_is_reported_clearly() -> None:
    result = run_manage("check", DJANGO_PRODUCTION="maybe")
    assert result.returncode != 0
    assert "DJANGO_PRODUCTION must be a boolean" in result.stderr


def test_local_run_needs_nothing_set() -> None:
    result = run_manage("check")
    assert result.returncode == 0, result.stderr

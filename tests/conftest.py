import os
import socket
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

from guides import content
from guides.models import GlossaryTerm, Guide


@pytest.fixture(scope="session", autouse=True)
def spanish_catalogue() -> None:
    """Builds locale/es/LC_MESSAGES/django.mo from the committed .po when it is
    missing or older, as `make test` does, so a bare `pytest` sees the Spanish."""
    call_command("compilemessages", ignore_patterns=[".*", "bench", "node_modules"], verbosity=0)


@pytest.fixture
def guides_loaded(db) -> None:
    """The shipped guides and glossary, as `migrate` loads them.

    `migrate` loads them once into the test database; they are loaded again
    only after a transactional test elsewhere in the run emptied the tables.
    """
    if not (Guide.objects.exists() and GlossaryTerm.objects.exists()):
        content.load(Guide, GlossaryTerm)


@pytest.fixture
def centers_loaded(db) -> None:
    """The shipped list of cancer centers, as `migrate` loads it (again only
    after a transactional test emptied the table)."""
    from centers import data
    from centers.models import Center

    if not Center.objects.exists():
        data.load(Center)


@pytest.fixture
def patient(db) -> Client:
    """A patient's browser, with its own cookies."""
    return Client()


@pytest.fixture
def stranger(db) -> Client:
    """Someone else's browser, which must never see the patient's data."""
    return Client()


@pytest.fixture
def csrf_patient(db) -> Client:
    """A browser whose forms are checked for their CSRF token, as in real use."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture(autouse=True)
def fresh_content_release() -> None:
    """Each test looks up the content release anew (processes keep it for a minute)."""
    from guides.models import forget_current_release

    forget_current_release()


# Tests that need PostgreSQL and Redis of their own, whatever database the
# suite runs on (tests/site/test_scale_out.py). On a laptop without them they are
# skipped, each with the reason; CI has both and allows no skip.
SERVICES = {
    "PostgreSQL": os.environ.get(
        "SCALE_OUT_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"
    ),
    "Redis": os.environ.get("SCALE_OUT_REDIS_URL", "redis://127.0.0.1:6379"),
}


DEFAULT_PORTS = {"PostgreSQL": 5432, "Redis": 6379}


def _unreachable() -> list[str]:
    missing = []
    for name, url in SERVICES.items():
        parts = urlsplit(url)
        host, port = parts.hostname or "127.0.0.1", parts.port or DEFAULT_PORTS[name]
        try:
            socket.create_connection((host, port), timeout=1).close()
        except OSError:
            missing.append(f"{name} at {host}:{port}")
    return missing


def pytest_collection_modifyitems(config, items) -> None:
    needing = [item for item in items if item.get_closest_marker("services")]
    in_ci = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
    if not needing or in_ci:
        return
    missing = _unreachable()
    if missing:
        reason = f"needs {' and '.join(missing)}, not reachable here (CI runs it)"
        for item in needing:
            item.add_marker(pytest.mark.skip(reason=reason))

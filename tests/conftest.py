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

    Loaded again inside each test because a transactional test elsewhere in
    the run may have emptied the tables it inherited from the migration.
    """
    content.load(Guide, GlossaryTerm)


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

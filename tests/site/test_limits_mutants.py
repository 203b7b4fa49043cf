"""The admin lock-out and the limit counters, as `make mutants` found them
untested (#22): each test here failed against a changed copy of
core/adminguard.py or core/ratelimit.py that every other test let through.

- One account's lock-out is that account's alone.
- The address limit lets exactly its number of passwords be checked.
- The lock-out page says how long to wait, in words and in Retry-After, and
  is the site's own page (in the visitor's language), as is the 404 that
  hides the admin from addresses off the allow-list.
- A login form sent without a user name is answered, not a server error.
- Counting, reading back and giving back one use touch that counter only,
  and never give credit beyond zero.
"""

import random
import uuid

import pytest
from django.contrib.auth.models import User
from django.test import Client

from core import ratelimit

PASSWORD = "the-right-password-1"


def an_address() -> str:
    """A documentation-range address of its own for each client in a test."""
    return f"198.51.{random.randrange(256)}.{random.randrange(1, 255)}"


def an_editor() -> str:
    name = f"editor-{uuid.uuid4().hex[:8]}"
    User.objects.create_superuser(name, "e@example.org", PASSWORD)
    return name


def login(name: str, password: str, address: str | None = None):
    client = Client(REMOTE_ADDR=address or an_address())
    return client.post("/admin/login/?next=/admin/", {"username": name, "password": password})


@pytest.fixture
def locked_out(db, settings):
    """An editor locked out after five wrong passwords, and the 429 a right one then gets."""
    settings.ADMIN_LOGIN_USER_FAILURES = 5
    settings.ADMIN_LOGIN_LOCK_SECONDS = 900
    name = an_editor()
    for _ in range(5):
        assert login(name, "wrong").status_code == 200
    response = login(name, PASSWORD)
    assert response.status_code == 429
    return response


def test_one_accounts_lock_out_leaves_other_accounts_alone(locked_out) -> None:
    assert login(an_editor(), PASSWORD).status_code == 302


def test_the_lock_out_page_says_how_long_to_wait(locked_out) -> None:
    page = locked_out.content.decode()
    assert "Please try again in 15 minutes." in page
    assert locked_out["Retry-After"] == "900"


def test_the_lock_out_page_is_the_sites_own_page_in_its_language(locked_out) -> None:
    page = locked_out.content.decode()
    assert '<html lang="en">' in page
    assert 'hreflang="es"' in page  # the Spanish version is offered, as on every page


@pytest.mark.parametrize("minutes", [1, 30])
def test_the_wait_follows_the_lock_length(db, settings, minutes: int) -> None:
    settings.ADMIN_LOGIN_USER_FAILURES = 1
    settings.ADMIN_LOGIN_LOCK_SECONDS = minutes * 60
    name = an_editor()
    login(name, "wrong")
    response = login(name, PASSWORD)
    assert response.status_code == 429
    assert f"Please try again in {minutes} minutes." in response.content.decode()
    assert response["Retry-After"] == str(minutes * 60)


def test_the_address_limit_lets_exactly_its_number_of_passwords_be_checked(db, settings) -> None:
    settings.ADMIN_LOGIN_ADDRESS_FAILURES = 3
    address = an_address()
    for n in range(3):
        response = login(f"guess-{n}-{uuid.uuid4().hex[:6]}", "wrong", address)
        assert response.status_code == 200  # checked, and wrong
        assert "Please enter the correct username and password" in response.content.decode()
    assert login(an_editor(), PASSWORD, address).status_code == 429


def test_a_login_form_without_a_user_name_is_answered_not_a_server_error(db) -> None:
    client = Client(REMOTE_ADDR=an_address())
    response = client.post("/admin/login/?next=/admin/", {"password": "anything"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


def test_the_admin_hidden_from_an_address_is_the_sites_own_404(db, settings) -> None:
    settings.ADMIN_ALLOWED_IPS = ["10.20.0.0/16"]
    response = Client(REMOTE_ADDR="203.0.113.9").get("/admin/login/")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Page not found" in page


def test_counting_and_reading_back_a_limit(db) -> None:
    assert ratelimit.used("pages") == 0
    assert ratelimit.count("pages", 600) == 1
    assert ratelimit.count("pages", 600) == 2
    assert ratelimit.used("pages") == 2
    assert ratelimit.used("pages") == 2  # reading back counts nothing
    assert ratelimit.used("other") == 0


def test_giving_back_a_use_touches_that_counter_only(db) -> None:
    for _ in range(3):
        ratelimit.count("mine", 600)
        ratelimit.count("yours", 600)
    ratelimit.uncount("mine")
    assert ratelimit.used("mine") == 2
    assert ratelimit.used("yours") == 3


def test_giving_back_more_than_was_used_gives_no_credit(db) -> None:
    assert ratelimit.allow("tries", limit=1, window=600)
    ratelimit.uncount("tries")
    ratelimit.uncount("tries")  # one more than was counted
    assert ratelimit.used("tries") == 0
    assert ratelimit.allow("tries", limit=1, window=600)
    assert not ratelimit.allow("tries", limit=1, window=600)

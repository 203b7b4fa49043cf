"""Each attack that got through a security test, now refused.

Limits count in the shared cache, which outlives a test on Redis: every test
here comes from its own random client address and user name.
"""

import io
import os
import random
import subprocess
import sys
import time
import uuid
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client, RequestFactory

from core import clientip
from printing import pdf, tasks

ROOT = Path(__file__).resolve().parents[2]


def an_address() -> str:
    """A documentation-range address of its own for each client in a test."""
    return f"198.51.{random.randrange(256)}.{random.randrange(1, 255)}"


def browser(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


# 2. The PDF limit holds across sessions: per client address, and in total.


def test_new_sessions_from_one_address_do_not_reset_the_pdf_limit(db, settings) -> None:
    settings.PDF_RATE_LIMIT = 100
    settings.PDF_ADDRESS_RATE_LIMIT = 3
    address = an_address()
    statuses = []
    for n in range(4):
        client = browser(address)  # a fresh session each time, as the attacker did
        client.post("/packet/")
        client.post("/packet/details/", {"name": f"Rotating {n}", "paper_size": "letter"})
        statuses.append(client.get("/packet/packet.pdf").status_code)
    assert statuses == [200, 200, 200, 429]
    # Someone at another address is not held up by it.
    other = browser(an_address())
    other.post("/packet/")
    assert other.get("/packet/packet.pdf").status_code == 200


def test_the_session_limit_still_holds(db, settings) -> None:
    settings.PDF_RATE_LIMIT = 2
    client = browser(an_address())
    client.post("/packet/")
    statuses = []
    for n in range(3):
        client.post("/packet/details/", {"name": f"Change {n}", "paper_size": "letter"})
        statuses.append(client.get("/packet/packet.pdf").status_code)
    assert statuses == [200, 200, 429]


def test_renders_in_flight_on_other_servers_make_this_one_wait(db, settings) -> None:
    settings.PDF_GLOBAL_MAX_CONCURRENT = 2
    slots = ["pdf:inflight:0", "pdf:inflight:1"]
    for key in slots:  # two renders running elsewhere
        cache.set(key, "another-server", timeout=30)
    try:
        client = browser(an_address())
        client.post("/packet/")
        # The worker (run at once in tests) waits a moment for a slot, then gives up.
        with mock.patch.object(tasks, "WORKER_WAIT_FOR_SLOT_SECONDS", 0.2):
            busy = client.get("/packet/packet.pdf")
        assert busy.status_code == 503
        assert "Retry-After" in busy
        cache.delete(slots[0])  # one of them finished
        assert client.get("/packet/packet.pdf").status_code == 200
        assert pdf.renders_in_flight() == 1  # ours gave its slot back
    finally:
        cache.delete_many(slots)


# 4. Packet creation is limited per client address.


@pytest.mark.parametrize("start_url", ["/packet/", "/questionnaire/"])
def test_one_address_cannot_start_packets_without_end(db, settings, start_url: str) -> None:
    settings.PACKET_CREATE_LIMIT = 3
    address = an_address()
    statuses = [browser(address).post(start_url).status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]
    refused = browser(address).post(start_url)
    assert "Please wait a few minutes" in refused.content.decode()
    assert int(refused["Retry-After"]) == settings.PACKET_CREATE_WINDOW
    # A patient who already has a packet keeps using it.
    assert browser(an_address()).post(start_url).status_code == 302


# The client's address: the proxy's header only when the proxy is trusted.


def request_from(remote: str, forwarded: str | None = None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_forwarded_for_is_ignored_unless_a_proxy_is_trusted(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 0
    assert str(clientip.client_address(request_from("192.0.2.9", "203.0.113.5"))) == "192.0.2.9"


def test_behind_one_trusted_proxy_the_rightmost_entry_is_the_client(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    spoofed = request_from("10.0.0.2", "1.2.3.4, 203.0.113.5")  # client wrote 1.2.3.4 itself
    assert str(clientip.client_address(spoofed)) == "203.0.113.5"
    settings.TRUSTED_PROXY_COUNT = 2
    two = request_from("10.0.0.2", "1.2.3.4, 203.0.113.5, 10.0.0.1")
    assert str(clientip.client_address(two)) == "203.0.113.5"
    short = request_from("10.0.0.2", "203.0.113.5")  # did not pass both proxies
    assert str(clientip.client_address(short)) == "10.0.0.2"
    garbage = request_from("10.0.0.2", "x, not-an-address")
    assert str(clientip.client_address(garbage)) == "10.0.0.2"


def test_ipv6_clients_count_by_their_64_network() -> None:
    one = request_from("2001:db8:1:2::1")
    two = request_from("2001:db8:1:2:ffff::9")
    assert clientip.limit_key(one) == clientip.limit_key(two) == "2001:db8:1:2::/64"


# 3. Admin login: locked after repeated failures, and optionally only from an allow-list.


@pytest.fixture
def editor_name(db) -> str:
    name = f"editor-{uuid.uuid4().hex[:8]}"
    User.objects.create_superuser(name, "e@example.org", "the-right-password-1")
    return name


def login(client: Client, name: str, password: str):
    return client.post("/admin/login/?next=/admin/", {"username": name, "password": password})


def test_admin_login_locks_after_repeated_failures(editor_name: str, settings) -> None:
    settings.ADMIN_LOGIN_USER_FAILURES = 5
    attacker = browser(an_address())
    for _ in range(5):
        assert login(attacker, editor_name, "wrong").status_code == 200
    locked = login(attacker, editor_name, "the-right-password-1")
    assert locked.status_code == 429
    assert "_auth_user_id" not in attacker.session
    # The lock is on the account, whatever address the next guess comes from.
    assert login(browser(an_address()), editor_name, "the-right-password-1").status_code == 429


def to_fullwidth(name: str) -> str:
    """The same letters as fullwidth forms (ａｄｍｉｎ): Django's login folds them
    back to the plain name (NFKC) before it checks the password."""
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in name)


@pytest.mark.parametrize(
    "variant",
    [to_fullwidth, str.upper, lambda name: f"  {name} "],
    ids=["fullwidth", "capitals", "spaces"],
)
def test_a_look_alike_user_name_is_as_locked_as_the_real_one(
    editor_name: str, settings, variant
) -> None:
    """The lock counts failures under the name Django checks, so a name that
    Django folds to the locked one is locked too."""
    settings.ADMIN_LOGIN_USER_FAILURES = 5
    attacker = browser(an_address())
    for _ in range(5):
        login(attacker, editor_name, "wrong")
    other = browser(an_address())
    response = login(other, variant(editor_name), "the-right-password-1")
    assert response.status_code == 429
    assert "_auth_user_id" not in other.session


def test_guesses_under_a_look_alike_name_count_for_the_real_one(editor_name: str, settings) -> None:
    settings.ADMIN_LOGIN_USER_FAILURES = 5
    for _ in range(5):
        login(browser(an_address()), to_fullwidth(editor_name), "wrong")
    assert login(browser(an_address()), editor_name, "the-right-password-1").status_code == 429


def test_one_address_is_locked_out_across_user_names(editor_name: str, settings) -> None:
    settings.ADMIN_LOGIN_ADDRESS_FAILURES = 3
    address = an_address()
    for n in range(3):
        login(browser(address), f"guess-{n}-{uuid.uuid4().hex[:6]}", "wrong")
    assert login(browser(address), editor_name, "the-right-password-1").status_code == 429
    assert login(browser(an_address()), editor_name, "the-right-password-1").status_code == 302


def test_a_good_login_clears_the_failures(editor_name: str, settings) -> None:
    settings.ADMIN_LOGIN_USER_FAILURES = 3
    client = browser(an_address())
    login(client, editor_name, "wrong")
    login(client, editor_name, "wrong")
    assert login(client, editor_name, "the-right-password-1").status_code == 302
    client.logout()
    login(client, editor_name, "wrong")
    login(client, editor_name, "wrong")
    assert login(client, editor_name, "the-right-password-1").status_code == 302


def test_admin_allow_list_hides_the_admin_from_other_addresses(editor_name: str, settings) -> None:
    settings.ADMIN_ALLOWED_IPS = ["10.20.0.0/16", "192.0.2.7"]
    assert browser("203.0.113.9").get("/admin/login/").status_code == 404
    assert login(browser("203.0.113.9"), editor_name, "the-right-password-1").status_code == 404
    assert browser("10.20.3.4").get("/admin/login/").status_code == 200
    assert login(browser("192.0.2.7"), editor_name, "the-right-password-1").status_code == 302
    # Patient pages are not affected.
    assert browser("203.0.113.9").get("/").status_code == 200


# 5. File parts are refused before anything is written.


def test_a_file_part_is_refused_before_anything_is_spooled(db, settings, tmp_path: Path) -> None:
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    client = Client(enforce_csrf_checks=True, REMOTE_ADDR=an_address())
    client.get("/questionnaire/")  # a CSRF cookie, so the body is read for the token
    assert client.cookies.get("csrftoken")
    big = io.BytesIO(os.urandom(5 * 1024 * 1024))
    big.name = "records.pdf"
    created: list[str] = []
    from django.core.files import temp

    real = temp.NamedTemporaryFile

    def spy(*args, **kwargs):
        handle = real(*args, **kwargs)
        created.append(handle.name)
        return handle

    with mock.patch.object(temp, "NamedTemporaryFile", spy):
        client.raise_request_exception = False
        response = client.post("/questionnaire/", {"csrfmiddlewaretoken": "wrong", "file": big})

    assert created == [], "the file part was spooled to disk"
    assert list(tmp_path.iterdir()) == []
    assert response.status_code in (400, 413)


def test_forms_without_files_still_post(db) -> None:
    client = browser(an_address())
    assert client.post("/packet/").status_code == 302
    saved = client.post("/packet/items/medicines/", {"status": "have", "note": "A list"})
    assert saved.status_code == 302


# 6. Deleted text is gone from every file of a SQLite database.


def test_deleted_and_purged_text_is_gone_from_the_sqlite_files(tmp_path: Path) -> None:
    """Runs against a SQLite file of its own in every CI run (PostgreSQL ones too)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.pop("REDIS_URL", None)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'patient.sqlite3'}"
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "sqlite_delete_probe.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "deleted: gone" in result.stdout
    assert "purged: gone" in result.stdout


# 8. An absolute session lifetime, much shorter for admins.


def test_a_patient_session_ends_after_its_absolute_lifetime(db, settings) -> None:
    settings.SESSION_ABSOLUTE_MAX_HOURS = 24
    client = browser(an_address())
    client.post("/packet/")
    started = time.time()
    with mock.patch("core.middleware.time.time", return_value=started + 23 * 3600):
        client.post("/packet/items/medicines/", {"status": "have", "note": "still here"})
        assert "Your packet" in client.get("/packet/").content.decode() or client.session.get(
            "packet_id"
        )
    with mock.patch("core.middleware.time.time", return_value=started + 25 * 3600):
        response = client.get("/packet/")
    assert "packet_id" not in client.session
    assert response.status_code == 200
    assert response.templates[0].name == "checklists/packet_start.html"


def test_an_admin_session_ends_after_a_working_day(editor_name: str, settings) -> None:
    settings.SESSION_STAFF_MAX_HOURS = 12
    client = browser(an_address())
    assert login(client, editor_name, "the-right-password-1").status_code == 302
    started = time.time()
    with mock.patch("core.middleware.time.time", return_value=started + 11 * 3600):
        assert client.get("/admin/").status_code == 200
    with mock.patch("core.middleware.time.time", return_value=started + 13 * 3600):
        response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_public_pages_do_not_touch_the_session_for_its_lifetime(db) -> None:
    client = browser(an_address())
    client.post("/packet/")
    response = client.get("/guides/")
    assert "Cookie" not in response.get("Vary", "")


# 8. The fetcher's STATIC_ROOT fallback stays inside STATIC_ROOT.


def test_static_root_fallback_never_leaves_static_root(settings, tmp_path: Path) -> None:
    root = tmp_path / "static"
    (root / "css").mkdir(parents=True)
    (root / "css" / "ok.css").write_text("p{}")
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the PDF")
    (root / "link.txt").symlink_to(secret)
    settings.STATIC_ROOT = str(root)
    fetcher = pdf.StaticOnlyFetcher()
    base = pdf.BASE_URL + "static/"
    with mock.patch("printing.pdf.finders.find", return_value=None):
        assert fetcher.fetch(base + "css/ok.css").read() == b"p{}"  # inside: served
        for escape in (
            base + str(secret),  # /static//tmp/.../secret.txt: an absolute path
            base + "%2F" + str(secret).lstrip("/"),
            base + "link.txt",  # a symlink out of the folder
        ):
            with pytest.raises(ValueError):
                fetcher.fetch(escape)

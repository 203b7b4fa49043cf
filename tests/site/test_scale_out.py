"""Two app servers (gunicorn, production settings) on one PostgreSQL and one Redis.

A load balancer may send each request of a patient to either server. This
test starts two, on a PostgreSQL database made for it and a Redis database
of its own (SCALE_OUT_REDIS_DB, default 14, keys under a fresh prefix), and
checks that nothing depends on which server answers: the patient's session,
every limit, the PDF cache and a delete.

It needs PostgreSQL (SCALE_OUT_DATABASE_URL, default the local server) and
Redis (SCALE_OUT_REDIS_URL) and never looks at the suite's own database, so
CI runs it once, in the PostgreSQL-with-Redis stage (marker "services"). A
machine without them skips it and says why (tests/conftest.py).
"""

import concurrent.futures
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psycopg
import pytest
import redis

from checklists import records

ROOT = Path(__file__).resolve().parents[2]
HOST = "secondopinion.test"  # what the load balancer forwards, to both servers
ADMIN_URL = os.environ.get("SCALE_OUT_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_BASE = os.environ.get("SCALE_OUT_REDIS_URL", "redis://127.0.0.1:6379")
REDIS_DB = int(os.environ.get("SCALE_OUT_REDIS_DB", "14"))
PASSWORD = "scale-out-editor-password-1"

pytestmark = pytest.mark.services


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """One browser behind the load balancer: its cookies go to whichever server."""

    def __init__(self, address: str) -> None:
        self.address = address
        self.cookies: dict[str, str] = {}

    def request(self, port: int, method: str, path: str, data: dict | None = None):
        headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",  # the proxy terminated TLS
            "X-Forwarded-For": self.address,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if method == "POST":
            token = self.cookies.get("__Host-csrftoken")
            if token is None:  # as a browser would: it has seen a page first
                self.request(port, "GET", "/packet/")
                token = self.cookies["__Host-csrftoken"]
            body = urlencode({"csrfmiddlewaretoken": token, **(data or {})})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{HOST}"
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie, _, attributes = value.partition(";")
                key, _, val = cookie.partition("=")
                if "max-age=0" in attributes.lower() or "1970" in attributes:
                    self.cookies.pop(key.strip(), None)
                else:
                    self.cookies[key.strip()] = val.strip()
        connection.close()
        return response.status, dict(response.getheaders()), content


@pytest.fixture(scope="module")
def database() -> Iterator[str]:
    name = f"scaleout_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(ADMIN_URL)
    yield parts._replace(path=f"/{name}").geturl()
    with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def shared_redis() -> Iterator[tuple[str, str, redis.Redis]]:
    url = f"{REDIS_BASE}/{REDIS_DB}"
    prefix = f"scaleout-{uuid.uuid4().hex[:12]}"
    client = redis.Redis.from_url(url)
    client.ping()
    yield url, prefix, client
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture(scope="module")
def servers(database: str, shared_redis, tmp_path_factory) -> Iterator[tuple[int, int]]:
    redis_url, prefix, _ = shared_redis
    static_root = tmp_path_factory.mktemp("scale-out-static")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_PRODUCTION="1",
        DJANGO_SECRET_KEY="s" * 30 + "-scale-out-test-key-0123456789abcdef",
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_CSRF_TRUSTED_ORIGINS=f"https://{HOST}",
        DJANGO_STATIC_ROOT=str(static_root),
        DATABASE_URL=database,
        REDIS_URL=redis_url,
        DJANGO_CACHE_KEY_PREFIX=prefix,
        DJANGO_TRUSTED_PROXY_COUNT="1",  # the "proxy" here is this test
        PDF_RATE_LIMIT="50",
        PDF_ADDRESS_RATE_LIMIT="3",
        PDF_GLOBAL_MAX_CONCURRENT="1",
        PACKET_CREATE_LIMIT="4",
        ADMIN_LOGIN_USER_FAILURES="3",
        DJANGO_SUPERUSER_PASSWORD=PASSWORD,
        GUNICORN_WORKERS="1",
        GUNICORN_THREADS="4",
        GUNICORN_ACCESS_LOG="",
        GUNICORN_MAX_REQUESTS="0",
        DATABASE_POOL_MIN="1",
        DATABASE_POOL_MAX="4",
    )
    python = sys.executable
    for command in (
        ["migrate", "--noinput"],
        ["collectstatic", "--noinput"],
        ["createsuperuser", "--noinput", "--username", "editor", "--email", "e@example.org"],
    ):
        subprocess.run(
            [python, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=300,
        )
    gunicorn = str(Path(python).parent / "gunicorn")
    ports = (free_port(), free_port())
    processes = [
        subprocess.Popen(
            [gunicorn, "-c", "gunicorn.conf.py", "secondopinion.wsgi"],
            cwd=ROOT,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for port in ports
    ]
    # One PDF worker beside the two servers, as in production.
    processes.append(
        subprocess.Popen(
            [python, "manage.py", "db_worker", "--no-startup-delay"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
    )
    try:
        for port, process in zip(ports, processes[:2], strict=True):
            deadline = time.monotonic() + 60
            while True:
                assert process.poll() is None, process.stderr.read().decode()[-2000:]
                try:
                    status, _, _ = Browser("192.0.2.1").request(port, "GET", "/healthz")
                    if status == 200:
                        break
                except OSError:
                    pass
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        yield ports
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            process.stderr.close()


def download_pdf(browser: Browser, port: int) -> tuple[int, dict, bytes]:
    """GET the packet PDF as the "Making your PDF" page does: ask again until
    the worker has made it (or the answer is not "still making")."""
    deadline = time.monotonic() + 60
    while True:
        status, headers, body = browser.request(port, "GET", "/packet/packet.pdf")
        if status != 202 or time.monotonic() > deadline:
            return status, headers, body
        time.sleep(0.3)


def render_count(database: str, browser: Browser) -> int:
    """Renders this browser's session has caused (only renders count toward
    the limit), as every server counts them: in the database (core/ratelimit.py)."""
    session = browser.cookies["__Host-sessionid"]
    with psycopg.connect(database) as connection:
        row = connection.execute(
            "SELECT count FROM core_ratecount WHERE name = %s", [f"pdf:session:{session}"]
        ).fetchone()
    return row[0] if row else 0


def test_a_patient_moves_between_servers_and_a_delete_is_seen_at_once(
    servers, shared_redis, database
) -> None:
    a, b = servers
    patient = Browser("203.0.113.10")
    status, headers, _ = patient.request(a, "POST", "/packet/")
    assert status == 302, headers
    status, _, _ = patient.request(
        b, "POST", "/packet/details/", {"name": "Scale Out Patient", "paper_size": "letter"}
    )
    assert status == 302
    status, _, page = patient.request(a, "GET", "/packet/details/")
    assert status == 200
    assert b"Scale Out Patient" in page

    # Sixteen saves at once, spread over both servers: none lost, none doubled.
    keys = sorted(item.key for item in records.ITEMS)

    def save(index_key: tuple[int, str]) -> int:
        index, key = index_key
        port = (a, b)[index % 2]
        return patient.request(
            port, "POST", f"/packet/items/{key}/", {"status": "have", "note": f"note {key}"}
        )[0]

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        assert set(pool.map(save, enumerate(keys))) == {302}
    with psycopg.connect(database) as connection:
        rows = connection.execute(
            "SELECT item_key, count(*) FROM checklists_checklistentry e "
            "JOIN checklists_packet p ON p.id = e.packet_id WHERE p.name = %s GROUP BY item_key",
            ["Scale Out Patient"],
        ).fetchall()
    assert sorted(key for key, _ in rows) == keys
    assert {count for _, count in rows} == {1}

    # A PDF rendered by A is served by B from the shared cache: no second render.
    status, first_headers, first = download_pdf(patient, a)
    assert status == 200
    assert first.startswith(b"%PDF")
    assert render_count(database, patient) == 1
    status, second_headers, second = download_pdf(patient, b)
    assert status == 200
    assert second_headers["ETag"] == first_headers["ETag"]
    assert second == first
    assert render_count(database, patient) == 1

    # Deleted on A: B knows at once, even with the old cookies.
    old_cookies = dict(patient.cookies)
    status, _, _ = patient.request(a, "POST", "/packet/delete/")
    assert status == 200
    patient.cookies = old_cookies
    status, headers, _ = patient.request(b, "GET", "/packet/details/")
    assert status == 302
    status, _, page = patient.request(b, "GET", "/packet/")
    assert b"Scale Out Patient" not in page
    with psycopg.connect(database) as connection:
        gone = connection.execute(
            "SELECT count(*) FROM checklists_packet WHERE name = %s", ["Scale Out Patient"]
        ).fetchone()
    assert gone == (0,)


def test_every_limit_counts_across_both_servers(servers, shared_redis) -> None:
    a, b = servers
    _, prefix, client = shared_redis

    # New packets per client address (limit 4), alternating servers.
    address = "203.0.113.20"
    statuses = [Browser(address).request((a, b)[n % 2], "POST", "/packet/")[0] for n in range(5)]
    assert statuses == [302, 302, 302, 302, 429]

    # PDF renders per client address (limit 3), a new session each time.
    address = "203.0.113.21"
    statuses = []
    for n in range(4):
        browser = Browser(address)
        browser.request((a, b)[n % 2], "POST", "/packet/")
        statuses.append(browser.request((b, a)[n % 2], "GET", "/packet/packet.pdf")[0])
    assert statuses == [202, 202, 202, 429]  # queued for the worker, then refused

    # Renders in flight on all servers (cap 1): while a render slot is held
    # elsewhere, the worker waits for it and both servers answer at once,
    # "Making your PDF"; once it is free, the PDF comes.
    browser = Browser("203.0.113.22")
    browser.request(a, "POST", "/packet/")
    slot = f"{prefix}:1:pdf:inflight:0"
    client.set(slot, b"held-by-another-server", ex=30)
    try:
        assert browser.request(a, "GET", "/packet/packet.pdf")[0] == 202
        assert browser.request(b, "GET", "/packet/packet.pdf")[0] == 202
    finally:
        client.delete(slot)
    assert download_pdf(browser, b)[0] == 200

    # Admin login: three failures spread over both, then the right password is refused.
    attacker = Browser("203.0.113.23")
    for n in range(3):
        status, _, _ = attacker.request(
            (a, b)[n % 2], "POST", "/admin/login/", {"username": "editor", "password": "wrong"}
        )
        assert status == 200
    for port in (a, b):
        status, _, _ = attacker.request(
            port, "POST", "/admin/login/", {"username": "editor", "password": PASSWORD}
        )
        assert status == 429


def test_after_the_database_drops_every_connection_each_server_fails_at_most_once(
    servers, database
) -> None:
    """#22 finding 7: the pool checks a connection before handing it out, so
    a database restart (here: every connection of the app terminated) costs
    at most one failed request per server, not a run of 503s."""
    patient = Browser("203.0.113.40")
    for port in servers:  # every server's pool holds live connections
        for _ in range(4):
            assert patient.request(port, "GET", "/healthz")[0] == 200
    name = urlsplit(database).path.lstrip("/")
    with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
        ended = connection.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        ).fetchone()[0]
    assert ended >= 2
    for port in servers:
        statuses = [patient.request(port, "GET", "/healthz")[0] for _ in range(12)]
        assert statuses.count(503) <= 1, statuses
        assert statuses[-1] == 200

"""Start the site under gunicorn with production settings, on a database of choice."""

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(
            PG_ADMIN_URL.replace("postgres://", "postgresql://"), connect_timeout=3
        ):
            return True
    except Exception:
        return False


def fresh_postgres_database(name: str) -> str:
    import psycopg

    url = PG_ADMIN_URL.replace("postgres://", "postgresql://")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def production_env(database_url: str, work: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_PRODUCTION="1",
        DJANGO_SECRET_KEY="bench-" + "k" * 60,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_STATIC_ROOT=str(work / "static"),
        DJANGO_BENCH_FLOOR="1",
        DATABASE_URL=database_url,
        # Every bench client is 127.0.0.1: lift the limits (the tests check them).
        PDF_RATE_LIMIT="1000000",
        PDF_ADDRESS_RATE_LIMIT="1000000",
        PACKET_CREATE_LIMIT="1000000",
        GUNICORN_ACCESS_LOG="",
        GUNICORN_MAX_REQUESTS="0",
        # wrk keeps its connections open: on one shared socket a burst of them
        # can all land on one worker and leave the other core idle (bench/README.md).
        GUNICORN_REUSE_PORT="1",
        # Loopback has no TLS: requests carry X-Forwarded-Proto as from the
        # proxy, and what does not (Lighthouse's robots.txt) is not redirected.
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


@dataclass
class Site:
    host: str
    port: int
    env: dict[str, str]
    cookies: dict[str, str] = field(default_factory=dict)

    @property
    def origin(self) -> str:
        return f"https://{self.host}:{self.port}"

    def headers(self, **extra: str) -> dict[str, str]:
        """As a browser behind the TLS proxy sends them, with this session's cookies."""
        headers = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip, br"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers.update(extra)
        return headers

    def request(self, method: str, path: str, data: dict | None = None, **headers: str):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        body = urlencode(data or {}) if method == "POST" else None
        extra = dict(headers)
        if method == "POST":
            extra.setdefault("Content-Type", "application/x-www-form-urlencoded")
            extra.setdefault("Origin", self.origin)
            extra.setdefault("Sec-Fetch-Site", "same-origin")
        conn.request(method, path, body=body, headers=self.headers(**extra))
        response = conn.getresponse()
        content = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        conn.close()
        return response.status, content

    def csrf(self) -> str:
        return self.cookies.get("__Host-csrftoken", "")

    def post(self, path: str, data: dict) -> int:
        status, _ = self.request("POST", path, {"csrfmiddlewaretoken": self.csrf(), **data})
        return status

    def clone(self) -> "Site":
        return Site(self.host, self.port, self.env, {})


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


WORKERS, THREADS = 2, 4


@contextmanager
def serve(
    database_url: str,
    work: Path,
    workers: int = WORKERS,
    threads: int = THREADS,
    extra: dict[str, str] | None = None,
    migrate: bool = True,
    pdf_workers: int = 1,
) -> Iterator[Site]:
    """gunicorn with production settings, and ``pdf_workers`` PDF workers
    (`manage.py db_worker`, printing/tasks.py) beside it, as in production."""
    env = production_env(database_url, work, **(extra or {}))
    if migrate:
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
    port = free_port()
    env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_THREADS": str(threads),
    }
    process = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "-c", "gunicorn.conf.py", "secondopinion.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    workers_pdf = [
        subprocess.Popen(
            # At a lower CPU priority, as the README advises: pages first.
            ["nice", "-n", "10", str(VENV_BIN / "python"), "manage.py", "db_worker"]
            + ["--no-startup-delay"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(pdf_workers)
    ]
    site = Site("127.0.0.1", port, env)
    try:
        for _ in range(200):
            try:
                if site.request("GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        else:
            raise RuntimeError(
                "gunicorn did not start: " + (process.stderr.read() if process.stderr else "")
            )
        yield site
    finally:
        for child in (process, *workers_pdf):
            child.terminate()
        for child in (process, *workers_pdf):
            try:
                child.wait(timeout=20)
            except subprocess.TimeoutExpired:
                child.kill()


def run_load(site: Site, job: dict) -> dict:
    """Load the site with wrk (bench/wrk.py), with any background loops running."""
    from bench import wrk

    if job.get("background"):
        with wrk.Background(site.host, site.port, job["background"]):
            return wrk.run(site.host, site.port, job["request"], job["clients"], job["seconds"])
    return wrk.run(site.host, site.port, job["request"], job["clients"], job["seconds"])


def run_spread(sites: list[Site], job: dict) -> dict:
    """The same load spread evenly over several servers, as a load balancer would."""
    from bench import wrk

    targets = [(site.host, site.port) for site in sites]
    return wrk.run_spread(targets, job["request"], job["clients"], job["seconds"])


REDIS_ADMIN_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")


def redis_available() -> bool:
    try:
        import redis

        redis.Redis.from_url(REDIS_ADMIN_URL, socket_connect_timeout=3).ping()
        return True
    except Exception:
        return False


@contextmanager
def serve_pair(database_url: str, work: Path) -> Iterator[tuple[Site, Site]]:
    """Two app servers (1 worker x 4 threads each) on one database and one Redis.

    Together they have the processes and threads of the single server above.
    Keys go under a fresh prefix in Redis database 12 (BENCH_REDIS_URL) and
    are removed afterwards.
    """
    import uuid

    import redis

    prefix = f"bench-{uuid.uuid4().hex[:8]}"
    extra = {"REDIS_URL": REDIS_ADMIN_URL, "DJANGO_CACHE_KEY_PREFIX": prefix}
    try:
        with (
            serve(database_url, work, workers=1, extra=extra) as first,
            serve(database_url, work, workers=1, extra=extra, migrate=False) as second,
        ):
            yield first, second
    finally:
        client = redis.Redis.from_url(REDIS_ADMIN_URL)
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)

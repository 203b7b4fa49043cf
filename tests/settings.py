"""Settings for the test run (pytest-django reads this module: pyproject.toml).

The site's own settings, with what a test run needs and production must
never have. Every test comes from 127.0.0.1, so the per-address limits are
raised out of the way; the tests of those limits set their own.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from secondopinion.settings import *  # noqa: F403
from secondopinion.settings import CACHES, DATABASES, REDIS_URL, envbool, envint

# A fast hasher: the admin's tests log in many times.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# With pytest-xdist each worker has a Redis database of its own: a test that
# clears the cache empties the whole database, not only its keys. Worker 0
# uses REDIS_URL's own; the others take free numbers, never 0 (a developer's
# default), 12 (the bench's) or 14 (the scale-out test's).
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _worker.startswith("gw") and _worker != "gw0":
    _url = urlsplit(REDIS_URL)
    _own = int(_url.path.strip("/") or 0)
    _free = [n for n in range(1, 16) if n not in (_own, 12, 14)]
    _index = int(_worker[2:]) - 1
    if _index >= len(_free):
        raise ImproperlyConfigured(f"no free Redis database for test worker {_worker}")
    CACHES["default"]["LOCATION"] = _url._replace(path=f"/{_free[_index]}").geturl()
    CACHES["sessions"]["LOCATION"] = CACHES["default"]["LOCATION"]

# Pages render every time (the one test of the page cache turns it on).
CACHES["pages"] = {**CACHES["pages"], "BACKEND": "django.core.cache.backends.dummy.DummyCache"}

PDF_ADDRESS_RATE_LIMIT = envint("PDF_ADDRESS_RATE_LIMIT", 100000)
PACKET_CREATE_LIMIT = envint("PACKET_CREATE_LIMIT", 100000)
ADMIN_LOGIN_ADDRESS_FAILURES = envint("ADMIN_LOGIN_ADDRESS_FAILURES", 100000)
PAIRING_ADDRESS_FAILURES = envint("PAIRING_ADDRESS_FAILURES", 100000)

# PostgreSQL without psycopg's pool unless asked for: the test database is
# dropped at the end, and a pool would keep connections to it open.
_options = DATABASES["default"].get("OPTIONS", {})
if "pool" in _options and not envbool("DATABASE_POOL", default=False):
    del _options["pool"]
    DATABASES["default"]["CONN_MAX_AGE"] = envint("DATABASE_CONN_MAX_AGE", 600)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Each queued task runs at once, inside the request that queues it: a PDF
# download answers with the PDF as before. tests/printing/test_pdf_workers.py
# queues in the database and runs a real worker.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

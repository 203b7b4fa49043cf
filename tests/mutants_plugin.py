"""A pytest plugin for `make mutants` (pyproject.toml, [tool.mutmut]).

mutmut runs pytest once per mutant, two at a time, in forked processes of
one parent. On SQLite the test database is a file (.test-db.sqlite3), and
two runs creating and deleting the same file would break each other: each
pytest session here gets a file of its own, named after its process.
"""

import os

_BASE: dict[str, str] = {}


def pytest_sessionstart(session) -> None:
    from django.conf import settings

    database = settings.DATABASES["default"]
    name = database.get("TEST", {}).get("NAME")
    if not database["ENGINE"].endswith("sqlite3") or not name:
        return
    base = _BASE.setdefault("name", str(name))
    database["TEST"]["NAME"] = f"{base}-{os.getpid()}"

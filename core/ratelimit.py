"""Fixed-window rate limits, counted in the database (core.models.RateCount).

Each use is counted and read back in ONE statement (an upsert with
RETURNING, on SQLite and PostgreSQL alike), so a burst of requests at the
same moment cannot all read "under the limit" before any of them counts:
the 11th of 50 parallel guesses sees 11. Callers count first and act after,
never check-then-count.

The counts live in their own table, never in a cache that culls or forgets,
and every process and server counts in the same place.
"""

import time

from django.db import connection
from django.db.models import F

from core.models import RateCount

TABLE = RateCount._meta.db_table

_COUNT = f"""
INSERT INTO {TABLE} (name, count, ends_at) VALUES (%s, 1, %s)
ON CONFLICT (name) DO UPDATE SET
    count = CASE WHEN {TABLE}.ends_at <= %s THEN 1 ELSE {TABLE}.count + 1 END,
    ends_at = CASE WHEN {TABLE}.ends_at <= %s THEN excluded.ends_at ELSE {TABLE}.ends_at END
RETURNING count
"""


def _now() -> int:
    return int(time.time())


def allow(key: str, limit: int, window: int) -> bool:
    """Count one more use of ``key``; False once it passes ``limit`` in ``window`` seconds."""
    return count(key, window) <= limit


def count(key: str, window: int) -> int:
    """Count one more use of ``key`` in the current window; the uses so far, this one included."""
    now = _now()
    with connection.cursor() as cursor:
        cursor.execute(_COUNT, [key, now + window, now, now])
        return cursor.fetchone()[0]


def uncount(key: str) -> None:
    """Give back one use (an attempt that turned out not to count, such as a right code)."""
    RateCount.objects.filter(name=key, count__gt=0, ends_at__gt=_now()).update(count=F("count") - 1)


def used(key: str) -> int:
    """Uses of ``key`` in the current window, without counting one."""
    row = RateCount.objects.filter(name=key, ends_at__gt=_now()).values_list("count").first()
    return row[0] if row else 0


def reset(key: str) -> None:
    RateCount.objects.filter(name=key).delete()


def purge_expired() -> int:
    """Remove counts whose window has ended; how many."""
    return RateCount.objects.filter(ends_at__lte=_now()).delete()[0]

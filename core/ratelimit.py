"""A fixed-window rate limit kept in the shared cache (database or Redis).

Every process and every server counts in the same place, so a limit holds
however many of them serve the site. On Redis the count is exact (INCR);
the database cache reads and writes, so two requests at the very same
moment may count once.
"""

from django.core.cache import cache


def allow(key: str, limit: int, window: int) -> bool:
    """Count one more use of ``key``; False once it passes ``limit`` in ``window`` seconds."""
    return count(key, window) <= limit


def count(key: str, window: int) -> int:
    """Count one more use of ``key`` in the current window; the uses so far."""
    cache_key = f"rate:{key}"
    cache.add(cache_key, 0, timeout=window)
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window)
        return 1


def used(key: str) -> int:
    """Uses of ``key`` in the current window, without counting one."""
    return cache.get(f"rate:{key}", 0)


def reset(key: str) -> None:
    cache.delete(f"rate:{key}")

"""A fixed-window rate limit kept in the shared cache (database or Redis)."""

from django.core.cache import cache


def allow(key: str, limit: int, window: int) -> bool:
    """Count one more use of ``key``; False once it passes ``limit`` in ``window`` seconds."""
    cache_key = f"rate:{key}"
    cache.add(cache_key, 0, timeout=window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window)
        count = 1
    return count <= limit

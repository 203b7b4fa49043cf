"""The CACHES setting for Redis, in one place for settings.py and the tests
that run a Redis of their own (tests/site/test_redis_faults.py). No Django
imports: settings.py reads it before Django is set up."""


def redis_caches(url: str, prefix: str = "", timeout: float = 0.5) -> dict:
    shared = {
        "LOCATION": url,
        "KEY_PREFIX": prefix,
        # A paused or unreachable Redis is a quick miss, not a held thread.
        "OPTIONS": {"socket_timeout": timeout, "socket_connect_timeout": timeout},
    }
    return {
        # Errors read as misses (core/caches.py).
        "default": {"BACKEND": "core.caches.ForgivingRedisCache", **shared},
        # Errors raise, so core/sessions.py knows a copy may be stale.
        "sessions": {"BACKEND": "django.core.cache.backends.redis.RedisCache", **shared},
    }

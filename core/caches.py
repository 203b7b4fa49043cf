"""Redis as a cache that may fail: an outage slows pages, never breaks them.

``ForgivingRedisCache`` answers every Redis error (down, paused, restarted,
timed out) as a miss: a read gives the default, a write does nothing, and
the error is logged once a minute per process. What must not be forgotten is
never kept only here: sessions and rate limits live in the database, which
stays the truth (core/sessions.py, core/ratelimit.py).

Short socket timeouts (set in settings) turn a paused Redis into a quick
miss instead of a held server thread.

A paused Redis would cost every call its full timeout. A circuit breaker
per Redis server and process skips it instead: after BREAKER_ERRORS errors
in a row, every call answers at once (a miss, or CacheUnavailable) for
BREAKER_SECONDS; then one call tries Redis again. ``guarded`` puts the same
breaker in front of the sessions' cache, whose errors core/sessions.py
catches.

Where a miss and an error must not look alike (a render slot: "taken" is
not "Redis is away"), ``add_or_raise`` and ``set_or_raise`` raise
``CacheUnavailable`` instead, whatever the cache behind ``default`` is.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
_last_logged = [0.0]
LOG_EVERY_SECONDS = 60


def _log(operation: str, error: Exception) -> None:
    now = time.monotonic()
    if now - _last_logged[0] >= LOG_EVERY_SECONDS:
        _last_logged[0] = now
        logger.warning("cache unavailable (%s): %s", operation, type(error).__name__)


class CacheUnavailable(Exception):
    """The cache could not answer (Redis down, paused or refusing)."""


BREAKER_ERRORS = 3  # Redis errors in a row before it is skipped
BREAKER_SECONDS = 5.0  # how long it is skipped before one call tries it again


class Breaker:
    """Whether to ask Redis at all, from the errors this process met lately."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._errors = 0
        self._open_until = 0.0

    def allows(self) -> bool:
        return time.monotonic() >= self._open_until

    def failed(self) -> None:
        with self._lock:
            self._errors += 1
            if self._errors >= BREAKER_ERRORS:
                self._open_until = time.monotonic() + BREAKER_SECONDS

    def succeeded(self) -> None:
        if self._errors:
            with self._lock:
                self._errors = 0
                self._open_until = 0.0


_breakers: dict[str, Breaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(cache: RedisCache) -> Breaker:
    """One breaker per Redis server in this process (caches are made per thread)."""
    name = ",".join(map(str, cache._servers))
    with _breakers_lock:
        return _breakers.setdefault(name, Breaker())


class Guarded:
    """A Redis cache whose errors still raise, but which is skipped while its
    breaker is open (CacheUnavailable, at once): for the sessions' cache."""

    def __init__(self, cache: RedisCache) -> None:
        self._wrapped = cache
        self._breaker = breaker_for(cache)

    def __getattr__(self, name: str):
        attribute = getattr(self._wrapped, name)
        if name.startswith("_") or not callable(attribute):
            return attribute
        breaker = self._breaker

        def call(*args, **kwargs):
            if not breaker.allows():
                raise CacheUnavailable(name)
            try:
                result = attribute(*args, **kwargs)
            except RedisError:
                breaker.failed()
                raise
            breaker.succeeded()
            return result

        return call

    def __contains__(self, key) -> bool:
        return self.has_key(key)


def guarded(cache):
    """``cache`` behind its server's breaker when it is Redis; as it is otherwise."""
    return Guarded(cache) if isinstance(cache, RedisCache) else cache


def add_or_raise(cache, key, value, timeout=DEFAULT_TIMEOUT) -> bool:
    """``cache.add``, but an error raises CacheUnavailable instead of reading as "taken"."""
    strict = getattr(cache, "strict_add", None)
    return strict(key, value, timeout) if strict else cache.add(key, value, timeout)


def set_or_raise(cache, key, value, timeout=DEFAULT_TIMEOUT) -> None:
    """``cache.set``, but a write the cache could not take raises CacheUnavailable."""
    # ForgivingRedisCache answers False for a write Redis could not take;
    # Django's caches answer None.
    if cache.set(key, value, timeout) is False:
        raise CacheUnavailable("set")


class ForgivingRedisCache(RedisCache):
    @property
    def _breaker(self) -> Breaker:
        return breaker_for(self)

    def _strict(self, operation: str, call, *args, **kwargs):
        breaker = self._breaker
        if not breaker.allows():
            raise CacheUnavailable(operation)
        try:
            result = call(*args, **kwargs)
        except RedisError as error:
            breaker.failed()
            _log(operation, error)
            raise CacheUnavailable(operation) from error
        breaker.succeeded()
        return result

    def strict_add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        return self._strict("add", super().add, key, value, timeout, version)

    def _forgive(self, operation: str, fallback, call, *args, **kwargs):
        try:
            return self._strict(operation, call, *args, **kwargs)
        except CacheUnavailable:
            return fallback

    def get(self, key, default=None, version=None):
        return self._forgive("get", default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._forgive("get_many", {}, super().get_many, keys, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):  # noqa: A003
        return self._forgive("set", False, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._forgive("set_many", list(data), super().set_many, data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._forgive("add", False, super().add, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._forgive("touch", False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._forgive("delete", False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._forgive("delete_many", None, super().delete_many, keys, version)

    def has_key(self, key, version=None):
        return self._forgive("has_key", False, super().has_key, key, version)

    def clear(self):
        return self._forgive("clear", False, super().clear)

    def incr(self, key, delta=1, version=None):
        try:
            return self._strict("incr", super().incr, key, delta, version)
        except CacheUnavailable as error:
            raise ValueError(f"Key '{key}' not found (cache unavailable)") from error

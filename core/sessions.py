"""Sessions kept in the database, with Redis (when there is one) only
speeding up reads: ``SESSION_ENGINE = "core.sessions"``.

Django's ``cached_db`` store, made safe for a Redis that blinks:

- A read that Redis cannot answer goes to the database (Django's own
  store does this for reads; the copy it then puts back may fail too,
  and is only logged).
- A save is written to the database first. If Redis then cannot take the
  new copy, it may still hold an older one, which would come back once
  Redis does. So the session moves to a new key: the database holds it
  under the new key only, the browser gets the new cookie, and the stale
  copy under the old key can never be read again.

  For MOVED_GRACE_SECONDS the old key's row points to the new one, so a
  request already sent with the old cookie (another tab, a poll) follows it:
  it keeps its session and its write, and gets the new cookie.
- While Redis keeps failing, its breaker (core/caches.py) skips it for a few
  seconds at a time, so a paused Redis does not cost every request its
  timeouts.

So a Redis outage, pause or empty restart never logs anyone out and never
undoes a save; pages only get a little slower while Redis is away.
"""

import json
import logging
from datetime import timedelta

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore
from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.utils import timezone

from core.caches import guarded

logger = logging.getLogger(__name__)

# What a moved session's old row holds instead of the session: its new key.
MOVED_TO = "_moved_to"
MOVED_GRACE_SECONDS = 120
_MOST_HOPS = 5  # two tabs may move it more than once within the grace


def _fingerprint(value) -> str:
    return json.dumps(value, sort_keys=True, default=str)


class KeepsOtherWrites:
    """A save writes the keys this request changed onto the session as it is
    stored now, not the whole session as this request read it.

    Two requests of one browser often overlap: an autosave set off as a box
    loses focus, and the "Save and continue" that took the focus. Each POST
    saves the session (it restarts the session's clock), so the one that
    finished last used to write back its own old copy, and a key the other
    had written meanwhile (a refused form held for the next page,
    core/held.py) was gone. A key both changed takes the later write.
    """

    def _remember(self, data: dict) -> dict:
        """Note the session as this request read it."""
        self._as_read = {key: _fingerprint(value) for key, value in data.items()}
        return data

    def _only_the_clock(self, must_create: bool) -> bool:
        """A save that changes no key (a POST restarts the session's clock)
        moves only the expiry: one UPDATE, and no copy of the data to undo
        anyone's write with. True when that was all there was to save."""
        if must_create or not self.session_key or not hasattr(self, "_as_read"):
            return False
        mine = self._get_session()
        if mine.keys() != self._as_read.keys() or any(
            _fingerprint(value) != self._as_read[key] for key, value in mine.items()
        ):
            return False
        self.model.objects.filter(session_key=self.session_key).update(
            expire_date=self.get_expiry_date()
        )
        return True

    def _keep_other_writes(self, must_create: bool) -> None:
        """Before a save: this request's changes, onto the session as stored now."""
        if not must_create and self.session_key and hasattr(self, "_as_read"):
            self._session_cache = self._onto_stored(self._get_session())

    def _onto_stored(self, mine: dict) -> dict:
        row = self._get_session_from_db()
        if row is None:  # ended meanwhile: this copy starts again under a new key
            return mine
        stored = self.decode(row.session_data)
        if MOVED_TO in stored:  # moved meanwhile: the move carries this copy on
            return mine
        for key in self._as_read.keys() | mine.keys():
            if key not in mine:
                stored.pop(key, None)  # removed here
            elif _fingerprint(mine[key]) != self._as_read.get(key):
                stored[key] = mine[key]  # written here
        return stored


class DatabaseSessionStore(KeepsOtherWrites, DBStore):
    """Sessions in the database alone, when there is no Redis (core/sessions_db.py)."""

    def load(self):
        return self._remember(super().load())

    def save(self, must_create=False):
        if self._only_the_clock(must_create):
            return
        self._keep_other_writes(must_create)
        super().save(must_create)


class SessionStore(KeepsOtherWrites, CachedDBStore):
    def __init__(self, session_key=None):
        super().__init__(session_key)
        self._cache = guarded(self._cache)

    def load(self):
        try:
            data = super().load()
        except Exception:  # the copy put back after a database read failed
            logger.warning("session cache unavailable on read; using the database")
            session = self._get_session_from_db()
            data = self.decode(session.session_data) if session else {}
        for _hop in range(_MOST_HOPS):
            if MOVED_TO not in data:
                break
            # Moved by a request this one overlapped: follow it, and save on
            # the way out so the browser gets the new cookie.
            self._session_key = data[MOVED_TO]
            session = self._get_session_from_db()
            data = self.decode(session.session_data) if session else {}
            self.modified = True
        return self._remember(data)

    def exists(self, session_key):
        try:
            return super().exists(session_key)
        except Exception:
            return DBStore.exists(self, session_key)

    def save(self, must_create=False):
        if not must_create and self.session_key:
            # Moved since this request read it: write where it went.
            self._session_key = self._moved_key(self.session_key)
        if self._only_the_clock(must_create):
            return  # the cached copy, whoever wrote it, holds the same keys
        self._keep_other_writes(must_create)
        DBStore.save(self, must_create)
        try:
            self._cache.set(self.cache_key, self._session, self.get_expiry_age())
        except Exception:
            # A brand-new key has no older copy anywhere; any other may.
            if not must_create:
                logger.warning("session cache unavailable on save; the session moves to a new key")
                self._move_to_new_key()

    def _moved_key(self, key: str) -> str:
        """Where the session under ``key`` lives now (``key`` itself unless it moved)."""
        for _hop in range(_MOST_HOPS):
            row = self.model.objects.filter(session_key=key).first()
            if row is None:
                break
            moved_to = self.decode(row.session_data).get(MOVED_TO)
            if not moved_to:
                break
            key = moved_to
        return key

    def _move_to_new_key(self) -> None:
        old = self.session_key
        self._session_key = self._get_new_session_key()
        DBStore.save(self, must_create=True)
        # The old row now holds only the new key, for a short while.
        self.model.objects.filter(session_key=old).update(
            session_data=self.encode({MOVED_TO: self._session_key}),
            expire_date=timezone.now() + timedelta(seconds=MOVED_GRACE_SECONDS),
        )

    def delete(self, session_key=None):
        try:
            super().delete(session_key)
        except Exception:
            # The database row is gone (deleted first); a cached copy left
            # behind names a packet access checks again before showing it.
            logger.warning("session cache unavailable on delete")

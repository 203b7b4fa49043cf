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

So a Redis outage, pause or empty restart never logs anyone out and never
undoes a save; pages only get a little slower while Redis is away.
"""

import logging

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore
from django.contrib.sessions.backends.db import SessionStore as DBStore

logger = logging.getLogger(__name__)


class SessionStore(CachedDBStore):
    def load(self):
        try:
            return super().load()
        except Exception:  # the copy put back after a database read failed
            logger.warning("session cache unavailable on read; using the database")
            session = self._get_session_from_db()
            return self.decode(session.session_data) if session else {}

    def exists(self, session_key):
        try:
            return super().exists(session_key)
        except Exception:
            return DBStore.exists(self, session_key)

    def save(self, must_create=False):
        DBStore.save(self, must_create)
        try:
            self._cache.set(self.cache_key, self._session, self.get_expiry_age())
        except Exception:
            # A brand-new key has no older copy anywhere; any other may.
            if not must_create:
                logger.warning("session cache unavailable on save; the session moves to a new key")
                self._move_to_new_key()

    def _move_to_new_key(self) -> None:
        old = self.session_key
        self._session_key = self._get_new_session_key()
        DBStore.save(self, must_create=True)
        DBStore.delete(self, old)

    def delete(self, session_key=None):
        try:
            super().delete(session_key)
        except Exception:
            # The database row is gone (deleted first); a cached copy left
            # behind names a packet access checks again before showing it.
            logger.warning("session cache unavailable on delete")

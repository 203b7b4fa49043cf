"""``SESSION_ENGINE = "core.sessions_db"`` when there is no Redis: sessions in
the database, where a save keeps what an overlapping request wrote
(core/sessions.py, KeepsOtherWrites)."""

from core.sessions import DatabaseSessionStore as SessionStore

__all__ = ["SessionStore"]

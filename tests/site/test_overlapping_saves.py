"""Two requests of one browser that overlap never undo each other's session
writes. A records page's autosave (an htmx POST set off when the note box
loses focus) and the "Save and continue" that caused it reach the server
together: the submit holds the refused form in the session (core/held.py)
and redirects to it, while the autosave, which read the session before that,
saves it afterwards (every POST restarts the session's clock). It used to
write back the session as it had read it, so the held form, and with it the
patient's 5,000 typed characters, vanished, and the page came back with no
error and the old note (a browser test failed this way in CI once)."""

from importlib import import_module

import pytest
from django.conf import settings


def store(key=None):
    return import_module(settings.SESSION_ENGINE).SessionStore(key)


@pytest.fixture
def session_key(db) -> str:
    first = store()
    first["packet_id"] = 7
    first.create()
    return first.session_key


def test_a_late_save_keeps_what_another_request_wrote_meanwhile(session_key) -> None:
    autosave, submit = store(session_key), store(session_key)
    assert autosave["packet_id"] == 7  # the autosave reads the session first
    submit["held_forms"] = {"token": {"path": "/packet/records/health/", "data": [["n", ["p"]]]}}
    submit.save()
    autosave.modified = True  # a POST restarts the session's clock
    autosave.save()
    assert store(session_key)["held_forms"]["token"]["path"] == "/packet/records/health/"
    assert store(session_key)["packet_id"] == 7


def test_a_late_save_still_writes_and_removes_its_own_keys(session_key) -> None:
    late, early = store(session_key), store(session_key)
    late["packet_id"]  # read first
    early["held_forms"] = {"a": {}}
    early.save()
    late["device_id"] = 3
    del late["packet_id"]
    late.save()
    now = store(session_key)
    assert now.get("device_id") == 3
    assert "packet_id" not in now
    assert now["held_forms"] == {"a": {}}


def test_the_same_key_changed_by_both_takes_the_later_write(session_key) -> None:
    late, early = store(session_key), store(session_key)
    late["packet_id"]
    early["packet_id"] = 8
    early.save()
    late["packet_id"] = 9
    late.save()
    assert store(session_key)["packet_id"] == 9

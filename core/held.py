"""Post/Redirect/Get for a refused form, so Back never asks to resubmit.

A form that is refused used to come back as the answer to the POST: Back
from the next page, or Reload, then asked "Confirm form resubmission". Now the
view holds what was sent (and any message that only the POST could know, such
as "that code does not work") in the session, and redirects to the same page
with ``?held=<token>``. That GET binds the form to the held data again, so the
page shows the same errors and every typed character.

Held forms live in the patient's own session only, a few at a time (the
oldest goes first), and the token names one of them: another tab's refused
form never turns up on this one. Nothing is held for htmx requests: they
swap the answer into the page and leave no history entry.
"""

import secrets
from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponseRedirect, QueryDict

SESSION_KEY = "held_forms"
PARAM = "held"
KEPT = 5
NOT_HELD = frozenset({"csrfmiddlewaretoken"})


@dataclass(frozen=True)
class Held:
    data: QueryDict
    errors: dict[str, list[str]] = field(default_factory=dict)


def refused(
    request: HttpRequest,
    data: QueryDict | None = None,
    errors: dict[str, list[str]] | None = None,
    *,
    path: str | None = None,
) -> HttpResponseRedirect:
    """Hold ``data`` (the POST by default) and send the browser to see it again."""
    path = path or request.path
    token = secrets.token_urlsafe(9)
    source = request.POST if data is None else data
    held = dict(request.session.get(SESSION_KEY, {}))
    held[token] = {
        "path": path,
        "data": [[key, values] for key, values in source.lists() if key not in NOT_HELD],
        "errors": {name: [str(m) for m in messages] for name, messages in (errors or {}).items()},
    }
    # Dicts keep their order: the oldest held forms go first.
    request.session[SESSION_KEY] = dict(list(held.items())[-KEPT:])
    response = HttpResponseRedirect(f"{path}?{PARAM}={token}")
    response.status_code = 303
    return response


def take(request: HttpRequest) -> Held | None:
    """The form held for this page under the token in the address, if any.

    It stays held, so Reload shows it again; a later refusal pushes it out."""
    token = request.GET.get(PARAM)
    if not token or request.method not in ("GET", "HEAD"):
        return None
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if not entry or entry.get("path") != request.path:
        return None
    data = QueryDict(mutable=True)
    for key, values in entry["data"]:
        data.setlist(key, values)
    return Held(data, entry.get("errors", {}))

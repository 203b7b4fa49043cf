"""Security headers on every route, error pages and PDFs included; A+ in production."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from questionnaire.situations import KEYS
from tests.observatory import score

ROOT = Path(__file__).resolve().parents[2]

# One sample request per route. A new route without a sample fails the
# coverage test below, so nothing ships without its headers checked.
SAMPLES: dict[str, tuple[str, str]] = {
    "home": ("get", "/"),
    "healthz": ("get", "/healthz"),
    "robots": ("get", "/robots.txt"),
    "guides:list": ("get", "/guides/"),
    "guides:detail": ("get", "/guides/who-pays/"),
    "guides:glossary": ("get", "/glossary/"),
    "guides:search": ("get", "/search/?q=insurance"),
    "guides:sources": ("get", "/sources/"),
    "guides:how_this_was_made": ("get", "/how-this-was-made/"),
    "questionnaire:start": ("get", "/questionnaire/"),
    "questionnaire:check": ("get", "/questionnaire/check/"),
    "questionnaire:result": ("get", "/questionnaire/result/"),
    "questionnaire:restart": ("get", "/questionnaire/restart/"),
    "questionnaire:urgency": ("get", "/questionnaire/urgency/"),
    "questionnaire:urgency_advice": ("get", "/questionnaire/urgency/advice/"),
    "questionnaire:values": ("get", "/questionnaire/values/"),
    "questionnaire:sure": ("get", "/questionnaire/sure/"),
    "questionnaire:ready": ("get", "/questionnaire/ready/"),
    "checklists:packet": ("get", "/packet/"),
    "checklists:answers": ("get", "/packet/answers/"),
    "checklists:records": ("get", "/packet/records/pathology/"),
    "checklists:check": ("get", "/packet/check/"),
    "checklists:save_item": ("post", "/packet/items/medicines/"),
    "checklists:questions": ("get", "/packet/questions/"),
    "checklists:details": ("get", "/packet/details/"),
    "checklists:letter": ("get", "/packet/letter/"),
    "checklists:insurance": ("get", "/packet/insurance/"),
    "checklists:requests": ("get", "/packet/requests/"),
    "checklists:request_reminder": ("get", "/packet/requests/office.ics"),
    "checklists:request_follow_up": ("get", "/packet/requests/office/follow-up/"),
    "printing:packet_pdf": ("get", "/packet/packet.pdf"),
    "printing:letters_pdf": ("get", "/packet/letters.pdf"),
    "printing:letter_pdf": ("get", "/packet/letters/office.pdf"),
    "packets:delete": ("get", "/packet/delete/"),
    "packets:share": ("get", "/packet/share/"),
    "packets:join": ("get", "/packet/join/"),
    "printing:blank_pdf": ("get", "/checklist.pdf"),
    "centers:finder": ("get", "/centers/?zip=10065"),
    "centers:detail": ("get", "/centers/memorial-sloan-kettering/"),
    "centers:use": ("post", "/centers/memorial-sloan-kettering/use"),
}
# Each of the nine situations has its own address, declared by the flow.
SAMPLES.update({f"questionnaire:{key}": ("get", f"/questionnaire/{key}/") for key in KEYS})
EXTRA = [
    ("get", "/no-such-page/"),  # 404
    ("get", "/static/css/site.css"),
    ("get", "/static/fonts/atkinson-hyperlegible-latin-400-normal.woff2"),
    ("post", "/guides/"),  # 405
]


def route_names(patterns=None, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue
            space = f"{pattern.namespace}:" if pattern.namespace else ""
            names |= route_names(pattern.url_patterns, prefix + space)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(prefix + pattern.name)
    return names


def test_every_route_has_a_sample() -> None:
    assert route_names() == set(SAMPLES)


def assert_secure_headers(response) -> None:
    csp = response["Content-Security-Policy"]
    for unsafe in ("unsafe-inline", "unsafe-eval", "unsafe-hashes", "data:", "*"):
        assert unsafe not in csp
    assert "object-src 'none'" in csp
    assert "base-uri 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    # A search page carries the patient's words in its address: it sends none on.
    searched = (
        "/search/" in response.wsgi_request.path if hasattr(response, "wsgi_request") else False
    )
    assert response["Referrer-Policy"] == ("no-referrer" if searched else "same-origin")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize(("method", "path"), [*SAMPLES.values(), *EXTRA])
@pytest.mark.parametrize("with_packet", [False, True], ids=["visitor", "patient"])
def test_route_sends_security_headers(
    patient: Client, guides_loaded, method: str, path: str, with_packet: bool
) -> None:
    patient.raise_request_exception = False
    if with_packet:
        patient.post("/packet/")
    response = getattr(patient, method)(path)
    assert response.status_code < 500
    assert_secure_headers(response)


def test_error_pages_send_security_headers(client: Client, db) -> None:
    from unittest import mock

    from django.db import OperationalError

    client.raise_request_exception = False
    with mock.patch("guides.views.Guide.objects.published", side_effect=OperationalError("down")):
        assert_secure_headers(client.get("/guides/"))
    with mock.patch("guides.views.Guide.objects.published", side_effect=RuntimeError("boom")):
        assert_secure_headers(client.get("/guides/"))
    csrf = Client(enforce_csrf_checks=True)
    response = csrf.post("/questionnaire/")
    assert response.status_code == 403
    assert_secure_headers(response)


@pytest.fixture(scope="module")
def production(tmp_path_factory) -> dict:
    database = tmp_path_factory.mktemp("prod") / "db.sqlite3"
    # Its own SQLite file for everything, cache and limits included: a Redis
    # of the test run would keep counting this probe's packets run after run.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_")) and k != "REDIS_URL"
    }
    env.update(
        DJANGO_PRODUCTION="1",
        DJANGO_SECRET_KEY="p" * 30 + "-production-probe-key-0123456789abcdef",
        DJANGO_ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_STATIC_ROOT=str(database.parent / "static"),
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "prod_probe.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_scores_a_plus_on_the_observatory_rules(production: dict) -> None:
    start = production["packet_start"]
    assert start["status"] == 302, start
    report = score(start["headers"], start["cookies"], "__Host-sessionid")
    assert report["grade"] == "A+", report
    home = production["home"]
    assert score(home["headers"], home["cookies"], "__Host-sessionid")["grade"] == "A+"


def test_production_hsts_is_at_least_a_year(production: dict) -> None:
    hsts = production["home"]["headers"]["Strict-Transport-Security"]
    max_age = int(hsts.split("max-age=")[1].split(";")[0])
    assert max_age >= 365 * 24 * 3600
    assert "includeSubDomains" in hsts


def test_production_session_cookie_is_host_prefixed_and_locked_down(production: dict) -> None:
    cookies = " ".join(production["packet_start"]["cookies"])
    assert "__Host-sessionid=" in cookies
    session = next(
        c for c in production["packet_start"]["cookies"] if c.startswith("__Host-sessionid=")
    )
    for flag in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/"):
        assert flag in session
    assert "Domain=" not in session


def test_production_redirects_plain_http_to_https(production: dict) -> None:
    plain = production["plain_http"]
    assert plain["status"] == 301
    assert plain["headers"]["Location"].startswith("https://")


def test_production_pdf_and_404_carry_the_headers(production: dict) -> None:
    for name in ("pdf", "not_found"):
        headers = production[name]["headers"]
        assert "object-src 'none'" in headers["Content-Security-Policy"]
        assert "Strict-Transport-Security" in headers


def test_production_plain_http_redirect_carries_the_security_headers(production: dict) -> None:
    """The http -> https redirect is a response too: everything but HSTS (not sent on http)."""
    headers = production["plain_http"]["headers"]
    assert production["plain_http"]["status"] == 301
    csp = headers["Content-Security-Policy"]
    for directive in ("default-src 'none'", "frame-ancestors 'none'", "object-src 'none'"):
        assert directive in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers

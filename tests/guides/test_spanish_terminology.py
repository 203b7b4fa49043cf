"""One Spanish: the terminology table in guides/content/es/terminology.toml is kept.

For each idea the table names the word to use and the words not to write. A
reader who meets "estadio" on one page and "etapa" on the next, or "registros"
in the packet and "papeles" in a guide, cannot tell they are the same thing.
This test reads the table and looks for every "avoid" variant in everything a
Spanish reader sees: the guides, the word list, every translated string of the
catalogue, the Spanish source notes, and the text of the Spanish packet PDF.
"""

import io
import re
import tomllib
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client
from pypdf import PdfReader

from tests.factories import full_packet, hand_to

ROOT = Path(settings.BASE_DIR)
SPANISH = ROOT / "guides" / "content" / "es"
TABLE = tomllib.loads((SPANISH / "terminology.toml").read_text(encoding="utf-8"))["term"]
CATALOGUE = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"


def flat(text: str) -> str:
    return " ".join(text.split())


def variants_in(text: str) -> list[str]:
    """Every 'avoid' variant of the table found in text, as 'variant (concept): …context…'."""
    found = []
    for row in TABLE:
        cleaned = flat(text)
        for phrase in row.get("allowed", []):
            cleaned = re.sub(re.escape(phrase), " ", cleaned, flags=re.IGNORECASE)
        for variant in row["avoid"]:
            pattern = rf"(?<!\w){re.escape(variant)}(?!\w)"
            for match in re.finditer(pattern, cleaned, flags=re.IGNORECASE):
                start, end = max(match.start() - 40, 0), match.end() + 40
                found.append(f"{variant!r} ({row['concept']}): …{cleaned[start:end]}…")
    return found


def catalogue_texts() -> dict[str, str]:
    texts = {}
    for entry in polib.pofile(str(CATALOGUE)):
        if entry.obsolete:
            continue
        strings = [entry.msgstr, *entry.msgstr_plural.values()]
        texts[f"django.po line {entry.linenum}"] = "\n".join(strings)
    return texts


def source_notes() -> dict[str, str]:
    sources = tomllib.loads((ROOT / "guides" / "content" / "sources.toml").read_text("utf-8"))
    return {f"sources.toml {s['key']} note_es": s.get("note_es", "") for s in sources["source"]}


# The table itself -------------------------------------------------------------------


def test_the_table_covers_every_concept_the_review_named() -> None:
    concepts = " | ".join(row["concept"] for row in TABLE)
    for idea in [
        "records",
        "stage",
        "phase",
        "referral",
        "prior approval",
        "cancer center",
        "imaging",
        "rare",
        "emergencies",
        "NCCN",
        "germline test",
        "tumor board",
        "operative report",
        "discharge summary",
        "Not sure",
        "section heading",
        "cancer doctors",
        "rural",
        "slides",
    ]:
        assert idea in concepts, idea
    for row in TABLE:
        assert row["use"] and row["avoid"], row["concept"]
        # A variant never bans the word the row says to use.
        assert not variants_in(row["use"]), row["concept"]


def test_the_check_catches_a_variant_and_respects_word_edges() -> None:
    assert variants_in("Pida sus papeles médicos al centro de cáncer.")
    assert variants_in("después de la primera etapa")
    assert not variants_in("Los quiero en papel. Es poco común. Vaya a un centro oncológico.")
    assert not variants_in("Una etapa_x no es una palabra")  # "etapa" inside a longer word
    assert not variants_in("Mi estadio. Pregunte en la sala de emergencias.")


# Everything a Spanish reader sees ---------------------------------------------------


@pytest.mark.parametrize(
    "path", sorted(SPANISH.glob("*.md")) + [SPANISH / "glossary.toml"], ids=lambda p: p.name
)
def test_no_variant_in_the_spanish_guides_or_word_list(path: Path) -> None:
    found = variants_in(path.read_text(encoding="utf-8"))
    assert not found, f"{path.name}:\n" + "\n".join(found)


def test_no_variant_in_the_catalogue() -> None:
    found = [
        f"{where}: {hit}" for where, text in catalogue_texts().items() for hit in variants_in(text)
    ]
    assert not found, f"{len(found)} in the catalogue:\n" + "\n".join(found)


def test_no_variant_in_the_spanish_source_notes() -> None:
    found = [
        f"{where}: {hit}" for where, text in source_notes().items() for hit in variants_in(text)
    ]
    assert not found, "\n".join(found)


def test_no_variant_in_the_spanish_packet_pdf(patient: Client) -> None:
    packet = full_packet(letter_language="es", had_surgery="yes")
    packet.entries.update(status="need")
    client = hand_to(patient, packet)
    response = client.get("/es/packet/packet.pdf")
    assert response.status_code == 200
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Mi paquete para la segunda opinión" in flat(text)
    checklist = client.get("/es/checklist.pdf")
    text += "\n" + "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(checklist.content)).pages
    )
    found = variants_in(text)
    assert not found, "\n".join(found)


# Review 3, section 4b: the errors it named are gone ----------------------------------

GUIDE_FIXES = [
    # (guide file, wrong, right)
    (
        "02-why-it-matters.md",
        "los menos efectos secundarios",
        "la menor cantidad de efectos secundarios",
    ),
    ("02-why-it-matters.md", "lo que se esperaba del caso", "el pronóstico"),
    ("02-why-it-matters.md", "Oye a alguien nuevo", "Escuche otra opinión"),
    (
        "01-what-is-a-second-opinion.md",
        "Las láminas son lo que más tarda",
        "Las láminas pueden ser lo que más tarda",
    ),
    ("01-what-is-a-second-opinion.md", "las pruebas que tocan", "las pruebas necesarias"),
    (
        "01-what-is-a-second-opinion.md",
        "dirigen rayos de radiación",
        "tratan el cáncer con radiación",
    ),
    (
        "01-what-is-a-second-opinion.md",
        "las pruebas de lo heredado",
        "las pruebas genéticas hereditarias no son lo mismo",
    ),
    (
        "04-who-pays.md",
        "una prueba o un tratamiento grande",
        "un procedimiento importante para diagnosticar o tratar",
    ),
    (
        "04-who-pays.md",
        "plan de cuidado administrado",
        "plan de atención administrada (managed care)",
    ),
    ("04-who-pays.md", "oficina de cobros", "oficina de facturación"),
    (
        "08-weighing-it-up.md",
        "Hay cosas que pesar de cada lado",
        "Hay que sopesar lo bueno y lo malo de cada camino",
    ),
    ("08-weighing-it-up.md", "Paz mental", "Tranquilidad"),
    ("10-paying-and-appeals.md", "gestores de casos", "administradores de casos"),
    ("03-is-it-rude.md", "quiero sentirme seguro de mi plan", "quiero tener confianza en mi plan"),
    (
        "03-is-it-rude.md",
        "Red Nacional Integral",
        "National Comprehensive Cancer Network (NCCN), una red",
    ),
    ("glossary.toml", "fotos", "imágenes del interior del cuerpo"),
    ("glossary.toml", "prueba genética heredada", "prueba genética hereditaria"),
]


@pytest.mark.parametrize(("name", "wrong", "right"), GUIDE_FIXES)
def test_the_guide_and_word_list_errors_are_fixed(name: str, wrong: str, right: str) -> None:
    text = flat((SPANISH / name).read_text(encoding="utf-8"))
    assert wrong not in text
    assert right in text


CATALOGUE_FIXES = [
    # (English msgid, Spanish that must not be there, Spanish that must)
    ("Not important", "No me importa", "No es importante para mí"),
    (
        "Have you been told there are few or no treatment options for you?",
        "pocas o ninguna",
        "¿Le dijeron que tiene pocas opciones de tratamiento, o ninguna?",
    ),
    (
        "You were not sure whether your diagnosis is clear to you",
        "le queda claro",
        "No estaba seguro(a) de entender su diagnóstico",
    ),
    (
        "Ask how often the center gives this treatment, and what other choices there are.",
        "cada cuánto",
        "a cuántas personas por año",
    ),
    (
        "Do you know the benefits and risks of each option?",
        "lo bueno",
        "¿Conoce los beneficios y los riesgos de cada opción?",
    ),
    ("How this result was worked out", "se sacó", "Cómo se calculó este resultado"),
    (
        "If the lab needs me to sign its own form, please call me at the number below.",
        "propio del laboratorio",
        "Si necesitan que firme un formulario de autorización del laboratorio",
    ),
    ("Paper copies, by mail or fax", "Copias de papel", "Copias en papel"),
    (
        "The lab that made them sends them, with written permission on its own form. The new "
        "center or a doctor can often ask for them directly. Labs may send new slides cut from "
        "the block, and may want the slides back.",
        "con su permiso por escrito",
        "con el permiso escrito de usted, en el formulario del laboratorio",
    ),
    ("The treatment plan offered", "le ofrecieron", "El plan de tratamiento propuesto"),
    ("Clinical trial papers, if a trial was offered", "le ofrecieron", "si se ofreció uno"),
    (
        "You were not sure whether your treatment must start right away",
        "debe empezar",
        "Usted no sabía si su tratamiento debía empezar ya",
    ),
]


@pytest.mark.parametrize(("english", "wrong", "right"), CATALOGUE_FIXES, ids=lambda v: v[:30])
def test_the_catalogue_errors_are_fixed(english: str, wrong: str, right: str) -> None:
    from django.utils import translation

    with translation.override("es"):
        spanish = translation.gettext(english)
    assert wrong not in spanish
    assert right in spanish


def test_the_spanish_pdf_speaks_in_the_first_person(patient: Client) -> None:
    """The PDF is "Mi paquete": its headings never slip to "le ofrecieron"."""
    packet = full_packet(letter_language="es", had_surgery="yes")
    client = hand_to(patient, packet)
    pdf = client.get("/es/packet/packet.pdf").content
    text = flat("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert "Mi paquete para la segunda opinión" in text
    assert "El plan de tratamiento propuesto" in text
    for slip in ("le ofrecieron", "Copias de papel", "propio del laboratorio"):
        assert slip not in text, slip


# Review 3, section 4c: no English of our own on Spanish pages --------------------------


def test_every_source_note_has_a_spanish_form() -> None:
    sources = tomllib.loads((ROOT / "guides" / "content" / "sources.toml").read_text("utf-8"))
    missing = [s["key"] for s in sources["source"] if s.get("note") and not s.get("note_es")]
    assert not missing


def test_the_spanish_sources_page_gives_our_notes_in_spanish(client: Client, db) -> None:
    html = client.get("/es/sources/").content.decode()
    assert "El artículo en que se basa este sitio." in html
    assert "publicado antes en CancerConnect" in html
    assert "s. f." in html
    for english in (
        "our copy did not carry",
        "An earlier version of the article",
        "Under the Affordable Care Act",
        "A plan must say in writing",
        "Since 1 January 2022",
        "The list marks the few",
        "republished from",
        "n.d.",
    ):
        assert english not in html, english
    # The English page keeps its own notes.
    english_page = client.get("/sources/").content.decode()
    assert "our copy did not carry" in english_page and "n.d." in english_page
    assert "s. f." not in english_page


def test_a_spanish_guide_cites_with_spanish_notes(client: Client, db) -> None:
    html = client.get("/es/guides/why-it-matters/").content.decode()
    assert "Una revisión de 13 estudios." in html
    assert "A review of 13 studies." not in html


# Review 3, section 4d: Spanish pages first -------------------------------------------


def further_reading(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    section = text.split("## Para saber más", 1)[1]
    return [line for line in section.splitlines() if line.startswith("- [")]


@pytest.mark.parametrize("path", sorted(SPANISH.glob("*.md")), ids=lambda p: p.name)
def test_spanish_pages_come_before_english_ones(path: Path) -> None:
    links = further_reading(path)
    english = [n for n, line in enumerate(links) if "(en inglés" in line]
    spanish = [n for n, line in enumerate(links) if "(en inglés" not in line]
    assert not english or not spanish or max(spanish) < min(english), links
    # Where NCI, Cancer.Net or MedlinePlus have the same page in Spanish, link that.
    joined = "\n".join(links)
    assert "cancer.gov/about-cancer/treatment/types/biomarker-testing" not in joined
    assert "cancer.net/navigating-cancer-care/cancer-basics/cancer-care-team" not in joined
    if "seeking-a-second-opinion" in joined:  # the American Cancer Society's English page
        assert "medlineplus.gov/spanish/" in joined and "cancer.net/es/" in joined


# Review 3, section 4e: who translated, and what is not yet checked ----------------------


def test_how_this_was_made_says_who_wrote_the_spanish_and_what_is_not_checked(
    client: Client, db
) -> None:
    html = flat(client.get("/es/how-this-was-made/").content.decode())
    assert "La versión en español" in html
    assert "también escribió las páginas en español" in html
    assert "Un traductor médico certificado todavía no ha revisado el español" in html
    assert "pacientes o familias latinas" in html
    assert "Las palabras en español son nuestra propia adaptación" in html
    english = flat(client.get("/how-this-was-made/").content.decode())
    assert "A certified medical translator has not checked the Spanish yet" in english

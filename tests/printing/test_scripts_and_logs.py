"""Any script a patient types prints with real glyphs, and none of it reaches a log."""

import io
import logging
import subprocess
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from pypdf import PdfReader

from core import logredact
from printing import pdf

# A name and notes in every common script the packet promises to print.
WORDS = {
    "chinese": "张伟明",
    "chinese_note": "病理报告在蓝色文件夹里",
    "japanese": "山﨑さくら",
    "korean": "김민준 안녕하세요",
    "arabic": "مرحبا بكم",
    "hebrew": "שלום עולם",
    # (A vowel sign drawn before its consonant, as in दुनिया, does not read
    # back from a PDF; these words have none.)
    "hindi": "नमस्ते सहायता",
    "greek": "Ελληνικά γράμματα",
    "cyrillic": "Привет мир",
    "latin": "Ñandú Øre Łódź",
}


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def embedded_fonts(content: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(content))
    names: set[str] = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


@pytest.fixture
def notdef_records():
    """The renderer's own records, before redaction, kept in memory for the test."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    keep = Keep()
    logging.getLogger("weasyprint").addHandler(keep)
    yield records
    logging.getLogger("weasyprint").removeHandler(keep)


@pytest.fixture
def root_stream():
    """A stream on the root logger, as the server's console log is."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logging.getLogger().addHandler(handler)
    yield stream
    logging.getLogger().removeHandler(handler)


@pytest.fixture
def many_scripts(patient: Client) -> Client:
    cache.clear()
    patient.post("/packet/")
    response = patient.post(
        "/packet/details/",
        {
            "name": f"{WORDS['chinese']} {WORDS['japanese']}",
            "cancer_type": WORDS["greek"],
            "first_doctor": WORDS["arabic"],
            "doctor_contact": WORDS["hebrew"],
            "center": WORDS["cyrillic"],
            "paper_size": "a4",
        },
    )
    assert response.status_code == 302
    notes = {
        "pathology-report": WORDS["chinese_note"],
        "imaging-disc": WORDS["korean"],
        "medicines": WORDS["hindi"],
        "biomarker-results": WORDS["latin"],
    }
    for key, note in notes.items():
        saved = patient.post(f"/packet/items/{key}/", {"status": "have", "note": note})
        assert saved.status_code == 302, key
    return patient


def test_every_script_prints_reads_back_and_never_reaches_a_log(
    many_scripts: Client, caplog, root_stream, notdef_records, capfd
) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="weasyprint")
    caplog.set_level(logging.DEBUG, logger="fontTools")

    response = many_scripts.get("/packet/packet.pdf")

    assert response.status_code == 200
    text = pdf_text(response.content)
    for script, words in WORDS.items():
        if script in ("arabic", "hebrew"):
            # Right-to-left runs read back in visual order; each word is there.
            for word in words.split():
                assert word in text or word[::-1] in text, script
        else:
            assert words in text, script
    # Real glyphs: no character fell back to the empty box.
    assert not [r for r in notdef_records if "notdef" in str(r.msg)]
    fonts = embedded_fonts(response.content)
    for family in ("Noto-Sans-SC", "Noto-Sans-KR", "Noto-Naskh-Arabic", "Noto-Sans-Hebrew"):
        assert any(name.startswith(family) for name in fonts), (family, fonts)
    logs = caplog.text + root_stream.getvalue() + "".join(capfd.readouterr())
    for words in WORDS.values():
        for word in words.split():
            assert word not in logs


def test_a_character_no_font_has_is_withheld_from_the_log(
    db, caplog, root_stream, capfd, notdef_records
) -> None:
    """Whatever the input: a script the fonts lack still logs no text."""
    caplog.set_level(logging.DEBUG)
    secret = "\U00012000\U00012001\U00012002"  # cuneiform: no shipped font has it
    content = pdf.render_pdf(f'<html lang="en"><p>{secret} note</p></html>')

    assert content.startswith(b"%PDF")
    assert notdef_records, "the renderer did warn"
    logs = caplog.text + root_stream.getvalue() + "".join(capfd.readouterr())
    for char in secret:
        assert char not in logs
        assert f"U+{ord(char):04X}" not in logs
    assert "[withheld]" in logs


def test_redaction_keeps_only_the_fixed_wording() -> None:
    record = logging.LogRecord(
        "weasyprint", logging.WARNING, __file__, 1, 'glyph for "%s" (%s)', ("张", "U+5F20"), None
    )
    assert logredact.redacted_message(record) == 'weasyprint: glyph for "[withheld]" ([withheld])'
    built = logging.LogRecord("fontTools.subset", logging.INFO, __file__, 1, "张伟", None, None)
    assert "张" not in logredact.redacted_message(built)


def test_the_pages_show_ink_for_every_script(many_scripts: Client, tmp_path: Path) -> None:
    """Each script alone on a page draws glyphs: more ink than a row of empty boxes."""
    from printing.pdf import render_pdf

    def ink(text: str) -> int:
        content = render_pdf(f'<html lang="en"><body><p style="font-size:40pt">{text}</p></html>')
        path = tmp_path / "page.pdf"
        path.write_bytes(content)
        subprocess.run(
            ["pdftoppm", "-r", "60", "-gray", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")],
            check=True,
        )
        image = next(tmp_path.glob("p*.pgm")).read_bytes()
        for page in tmp_path.glob("p*.pgm"):
            page.unlink()
        header_end = image.index(b"255\n") + 4
        return sum(1 for byte in image[header_end:] if byte < 128)

    boxes = ink("\U00012000" * 4)  # four .notdef boxes: the failure looks like this
    for script in ("chinese", "korean", "arabic", "hebrew", "hindi", "greek", "cyrillic"):
        drawn = ink(WORDS[script][:4])
        assert drawn != boxes, script
        assert drawn > 0, script

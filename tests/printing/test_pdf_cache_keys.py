"""The PDFs' cache keys and ETags (printing/cache.py), called directly.

What a patient notices through them: a new release of the site or of the
content never serves (or lets a browser keep) the last release's PDF; the
Spanish, A4 or tomorrow's PDF is never answered by another; one packet's
PDFs and letters never answer or outlive another's; and "Delete my packet"
forgets every one of them, each paper and language, and nothing of anyone
else's.
"""

import shutil
from datetime import date, timedelta
from itertools import product
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import pre_delete
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from checklists.models import PacketQuestion
from guides.models import ContentRelease
from packets import scrub
from packets.models import Packet, PaperSize
from printing import cache as pdf_cache

TODAY = date(2026, 12, 5)
PAPERS = list(PaperSize.values)
LANGUAGES = [code for code, _name in settings.LANGUAGES]
EVERY_PAPER_AND_LANGUAGE = list(product(PAPERS, LANGUAGES))
RENDERED = b"%PDF-1.7 Vermilion-heron-7731"


@pytest.fixture(autouse=True)
def empty_cache(db) -> None:
    cache.clear()


@pytest.fixture
def fresh_content_version():
    """content_version() is kept for the life of the process: each test that
    changes what it reads computes it anew, and leaves no stale value behind."""
    pdf_cache.content_version.cache_clear()
    yield
    pdf_cache.content_version.cache_clear()


@pytest.fixture
def shaping_copy(tmp_path: Path, settings, fresh_content_version) -> Path:
    """A copy of every file that shapes a PDF, as a new release would ship them."""
    for name in pdf_cache._SHAPING_FILES:
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(settings.BASE_DIR) / name, target)
    settings.BASE_DIR = tmp_path
    return tmp_path


def etags_at(when) -> tuple:
    return (
        when,
        pdf_cache.packet_etag(7, when, "letter", TODAY, "en"),
        pdf_cache.blank_etag("letter", TODAY, "en"),
    )


def render_row(packet_id: int, status: str, task_path: str = pdf_cache.RENDER_TASK_PATH):
    return DBTaskResult.objects.create(
        task_path=task_path,
        args_kwargs={"args": [packet_id, "etag", "letter", "en", str(TODAY)], "kwargs": {}},
        status=status,
        run_after=timezone.now(),
        backend_name="default",
        return_value={"pdf": "held"} if status == TaskResultStatus.SUCCESSFUL else None,
    )


def every_key(packet_id: int) -> list[str]:
    keys = []
    for paper, language in EVERY_PAPER_AND_LANGUAGE:
        keys.append(pdf_cache.packet_key(packet_id, paper, language))
        keys += [
            pdf_cache.letters_key(packet_id, document, paper, language)
            for document in pdf_cache.LETTER_DOCUMENTS
        ]
    return keys


# --- A new release: of the site's files, or of the content -----------------


def test_the_same_files_give_the_same_etags(shaping_copy: Path) -> None:
    """Nothing changed: a browser's PDF is still good, also after a restart."""
    when = timezone.now()
    before = etags_at(when)
    pdf_cache.content_version.cache_clear()
    assert etags_at(when) == before


@pytest.mark.parametrize("name", pdf_cache._SHAPING_FILES)
def test_a_change_to_any_shaping_file_gives_new_etags(shaping_copy: Path, name: str) -> None:
    when = timezone.now()
    before = (pdf_cache.content_version(), *etags_at(when)[1:])
    with (shaping_copy / name).open("ab") as changed:
        changed.write(b"\n")
    pdf_cache.content_version.cache_clear()
    after = (pdf_cache.content_version(), *etags_at(when)[1:])
    assert all(old != new for old, new in zip(before, after, strict=True))


def test_a_shaping_file_gone_fails_loudly(shaping_copy: Path) -> None:
    """A release that lost a template must not serve PDFs under an old version."""
    (shaping_copy / pdf_cache._SHAPING_FILES[-1]).unlink()
    with pytest.raises(FileNotFoundError):
        pdf_cache.content_version()


def test_the_content_version_is_short_hex_and_kept(fresh_content_version) -> None:
    version = pdf_cache.content_version()
    assert len(version) == 12
    int(version, 16)
    assert pdf_cache.content_version() is version


def test_a_new_content_release_gives_new_etags(db) -> None:
    ContentRelease.objects.all().delete()
    none = etags_at(timezone.now())
    ContentRelease.objects.create(version="9.1", released_on=date(2026, 1, 1))
    first = etags_at(none[0])
    ContentRelease.objects.create(version="9.2", released_on=date(2026, 2, 1))
    second = etags_at(none[0])
    assert len({none[1:], first[1:], second[1:]}) == 3
    # Every ETag a browser may hold.
    for etag in (*none[1:], *first[1:], *second[1:]):
        assert len(etag) == 32
        int(etag, 16)


def test_no_release_counts_the_same_as_itself(db) -> None:
    """Before any release the ETag is still decided (and stable), not an error."""
    ContentRelease.objects.all().delete()
    when = timezone.now()
    assert pdf_cache.packet_etag(7, when, "a4", TODAY, "es") == pdf_cache.packet_etag(
        7, when, "a4", TODAY, "es"
    )


# --- Paper, language, day, packet: never the other's PDF ---------------------


def test_every_paper_language_day_and_packet_has_its_own_etag(db) -> None:
    when = timezone.now()
    days = [TODAY, TODAY + timedelta(days=1)]
    packet_tags = {
        pdf_cache.packet_etag(packet_id, at, paper, day, language)
        for packet_id, at, (paper, language), day in product(
            [7, 8], [when, when + timedelta(microseconds=1)], EVERY_PAPER_AND_LANGUAGE, days
        )
    }
    assert len(packet_tags) == 2 * 2 * len(EVERY_PAPER_AND_LANGUAGE) * 2
    blank_tags = {
        pdf_cache.blank_etag(paper, day, language)
        for (paper, language), day in product(EVERY_PAPER_AND_LANGUAGE, days)
    }
    assert len(blank_tags) == len(EVERY_PAPER_AND_LANGUAGE) * 2
    # A blank checklist's ETag never answers for a packet's PDF.
    assert not packet_tags & blank_tags


def test_every_paper_language_and_packet_has_its_own_key(db) -> None:
    keys = [
        pdf_cache.packet_key(packet_id, paper, language)
        for packet_id in (7, 8, 78)
        for paper, language in EVERY_PAPER_AND_LANGUAGE
    ]
    letters = [
        pdf_cache.letters_key(packet_id, document, paper, language)
        for packet_id in (7, 8, 78)
        for document in pdf_cache.LETTER_DOCUMENTS
        for paper, language in EVERY_PAPER_AND_LANGUAGE
    ]
    blanks = [pdf_cache.blank_key(paper, language) for paper, language in EVERY_PAPER_AND_LANGUAGE]
    everything = keys + letters + blanks
    assert len(set(everything)) == len(everything)


def test_a_pdf_stored_under_one_key_is_found_under_that_key_only(db) -> None:
    """What the download reads back: the English Letter PDF of packet 7 and nothing else."""
    cache.set(pdf_cache.packet_key(7, "letter", "en"), ("etag", RENDERED))
    cache.set(pdf_cache.letters_key(7, "office", "letter", "en"), ("etag", b"office"))
    assert cache.get(pdf_cache.packet_key(7, "letter", "en")) == ("etag", RENDERED)
    assert cache.get(pdf_cache.letters_key(7, "office", "letter", "en")) == ("etag", b"office")
    for other in [
        pdf_cache.packet_key(7, "a4", "en"),
        pdf_cache.packet_key(7, "letter", "es"),
        pdf_cache.packet_key(8, "letter", "en"),
        pdf_cache.blank_key("letter", "en"),
        pdf_cache.letters_key(7, "lab", "letter", "en"),
        pdf_cache.letters_key(7, pdf_cache.ALL_LETTERS, "letter", "en"),
        pdf_cache.letters_key(8, "office", "letter", "en"),
    ]:
        assert cache.get(other) is None


# --- "Delete my packet" forgets every PDF -------------------------------------


def test_forget_pdfs_removes_every_key_of_the_packet_and_none_of_another(db) -> None:
    for packet_id in (7, 8):
        cache.set_many(dict.fromkeys(every_key(packet_id), ("etag", RENDERED)))
    blanks = {
        pdf_cache.blank_key(p, lang): ("etag", RENDERED) for p, lang in EVERY_PAPER_AND_LANGUAGE
    }
    cache.set_many(blanks)

    pdf_cache.forget_pdfs(7)

    assert cache.get_many(every_key(7)) == {}
    assert len(cache.get_many(every_key(8))) == len(every_key(8)) == 4 * 5
    assert cache.get_many(list(blanks)) == blanks


def test_forget_pdfs_removes_finished_renders_but_not_a_running_one(db) -> None:
    held = [
        render_row(7, status)
        for status in (
            TaskResultStatus.SUCCESSFUL,
            TaskResultStatus.FAILED,
            TaskResultStatus.READY,
        )
    ]
    running = render_row(7, TaskResultStatus.RUNNING)
    others = [
        render_row(8, TaskResultStatus.SUCCESSFUL),
        render_row(7, TaskResultStatus.SUCCESSFUL, task_path="printing.tasks.something_else"),
    ]

    pdf_cache.forget_pdfs(7)

    remaining = set(DBTaskResult.objects.values_list("id", flat=True))
    assert not remaining & {row.id for row in held}
    assert remaining == {running.id, *(row.id for row in others)}


def test_deleting_a_packet_forgets_its_pdfs_and_its_finished_renders(
    db, django_capture_on_commit_callbacks
) -> None:
    packet = Packet.objects.create(name="Vermilion Heron")
    other = Packet.objects.create(name="Someone Else")
    for packet_id in (packet.pk, other.pk):
        cache.set_many(dict.fromkeys(every_key(packet_id), ("etag", RENDERED)))
    finished = render_row(packet.pk, TaskResultStatus.SUCCESSFUL)
    kept = render_row(other.pk, TaskResultStatus.SUCCESSFUL)
    packet_id = packet.pk

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        packet.delete()
    assert cache.get_many(every_key(packet_id)) == {}
    assert not DBTaskResult.objects.filter(pk=finished.pk).exists()

    # A render that found the packet still there stores its PDF meanwhile;
    # once the delete commits, it is forgotten again.
    cache.set(pdf_cache.letters_key(packet_id, "lab", "a4", "es"), ("etag", RENDERED))
    cache.set(pdf_cache.packet_key(packet_id, "a4", "es"), ("etag", RENDERED))
    for callback in callbacks:
        if callback is not scrub.scrub_deleted:  # a checkpoint cannot run in a test's transaction
            callback()
    assert cache.get_many(every_key(packet_id)) == {}
    assert len(cache.get_many(every_key(other.pk))) == len(every_key(other.pk))
    assert DBTaskResult.objects.filter(pk=kept.pk).exists()


def test_deleting_something_else_forgets_no_pdf(db) -> None:
    """Only a packet's delete forgets PDFs: a question deleted from a packet
    (whose id may match another packet's) takes no PDF with it."""
    packet = Packet.objects.create(name="Vermilion Heron")
    question = PacketQuestion.objects.create(packet=packet, text="How long?")
    cache.set_many(dict.fromkeys(every_key(question.pk) + every_key(packet.pk), ("e", RENDERED)))
    question_id = question.pk
    question.delete()
    assert len(cache.get_many(every_key(question_id))) == len(every_key(question_id))
    assert len(cache.get_many(every_key(packet.pk))) == len(every_key(packet.pk))


def test_discard_takes_back_one_pdf(db) -> None:
    cache.set_many(dict.fromkeys(every_key(7), ("etag", RENDERED)))
    late = pdf_cache.packet_key(7, "a4", "es")
    pdf_cache.discard(late)
    assert cache.get(late) is None
    assert len(cache.get_many(every_key(7))) == len(every_key(7)) - 1


# --- unchanged(): the PDF still matches the packet ----------------------------


def test_unchanged_only_for_the_same_change_time_of_a_packet_still_there(db) -> None:
    packet = Packet.objects.create(name="Vermilion Heron")
    # Another packet saved at the very same moment.
    twin = Packet.objects.create(name="Twin", updated_at=packet.updated_at)
    changed_at = packet.updated_at
    assert pdf_cache.unchanged(packet.pk, changed_at)
    assert not pdf_cache.unchanged(packet.pk, changed_at - timedelta(microseconds=1))
    assert not pdf_cache.unchanged(packet.pk + twin.pk + 1, changed_at)

    packet.touch()
    assert not pdf_cache.unchanged(packet.pk, changed_at)
    assert pdf_cache.unchanged(packet.pk, packet.updated_at)

    packet_id, now = packet.pk, packet.updated_at
    packet.delete()
    Packet.objects.filter(pk=twin.pk).update(updated_at=now)
    assert not pdf_cache.unchanged(packet_id, now)
    assert pdf_cache.unchanged(twin.pk, now)


def test_connect_forgets_pdfs_on_a_packets_delete_only(db) -> None:
    """What the printing app does when the site starts (printing/apps.py):
    from then on a packet's delete forgets its PDFs, a question's does not."""
    uid = "forget-deleted-packet-pdfs"
    pre_delete.disconnect(sender=Packet, dispatch_uid=uid)
    try:
        pdf_cache.connect()
        packet = Packet.objects.create(name="Vermilion Heron")
        question = PacketQuestion.objects.create(packet=packet, text="How long?")
        packet_id, question_id = packet.pk, question.pk
        cache.set_many(
            dict.fromkeys(every_key(packet_id) + every_key(question_id), ("e", RENDERED))
        )
        question.delete()
        assert len(cache.get_many(every_key(question_id))) == len(every_key(question_id))
        packet.delete()
        assert cache.get_many(every_key(packet_id)) == {}
    finally:
        pre_delete.connect(pdf_cache._packet_deleting, sender=Packet, dispatch_uid=uid)


@pytest.mark.django_db(transaction=True)
def test_a_cache_down_as_the_delete_commits_still_deletes_the_packet() -> None:
    """The second forgetting runs after the delete committed: if the cache
    fails then, the packet is gone all the same and "Delete my packet" answers
    as usual (the error is logged), not with an error page."""
    packet = Packet.objects.create(name="Vermilion Heron")
    real = pdf_cache.forget_pdfs
    calls = []

    def down_after_commit(packet_id: int) -> None:
        calls.append(packet_id)
        if len(calls) > 1:
            raise ConnectionError("cache down")
        real(packet_id)

    with mock.patch.object(pdf_cache, "forget_pdfs", down_after_commit), transaction.atomic():
        Packet.objects.get(pk=packet.pk).delete()
    assert calls == [packet.pk, packet.pk]
    assert not Packet.objects.filter(pk=packet.pk).exists()


def test_bytes_moved_from_one_shaping_file_to_the_next_make_a_new_version(
    tmp_path, settings
) -> None:
    import shutil

    from printing import cache as pdf_cache

    for name in pdf_cache._SHAPING_FILES:
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(Path(settings.BASE_DIR) / name, target)
    settings.BASE_DIR = tmp_path
    pdf_cache.content_version.cache_clear()
    before = pdf_cache.content_version()
    first, second = (tmp_path / n for n in pdf_cache._SHAPING_FILES[:2])
    data = first.read_bytes()
    first.write_bytes(data[:-1])
    second.write_bytes(data[-1:] + second.read_bytes())
    pdf_cache.content_version.cache_clear()
    try:
        assert pdf_cache.content_version() != before
    finally:
        pdf_cache.content_version.cache_clear()

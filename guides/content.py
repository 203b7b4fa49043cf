"""The shipped content: guides/content/*.md, sources.toml, glossary.toml, release.toml.

Each guide file opens with TOML front matter between ``+++`` lines (title,
slug, summary, order, dates, authors, sources) followed by the Markdown body.
``sources`` lists keys of ``sources.toml`` entries; an entry may also be a
full inline table (key, author, title, publisher, year, url, read_on).

The loader is used by data migrations (with historical models) and by the
``load_guides`` command, so it only sets what the models it is given have:
before sources became rows (migration 0002), a guide's sources are written
as one formatted line each into its text field.

Translations live in a folder per language (``content/es/``): a guide file
with the English file's name and slug, its own title, summary, body, review
dates and ``translated_from_reviewed`` (the English ``last_reviewed`` it
matches; order and sources come from the English guide), and a
``glossary.toml`` with the English slugs, the words in that language and
``translated_from`` (the English wording's fingerprint, models.fingerprint).
A missing translation is skipped when loading; tests/guides/test_spanish_guides.py
names it.
"""

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent / "content"
SOURCE_FIELDS = (
    "author",
    "title",
    "publisher",
    "year",
    "url",
    "read_on",
    "note",
    "note_es",
    "publisher_es",
)
TRANSLATIONS = ("es",)
TRANSLATED_GUIDE_FIELDS = (
    "title",
    "slug",
    "summary",
    "last_reviewed",
    "next_review_due",
    "translated_from_reviewed",
)


@dataclass(frozen=True)
class SourceEntry:
    key: str
    author: str
    title: str
    year: str
    url: str
    read_on: date
    publisher: str = ""
    note: str = ""
    note_es: str = ""  # the note for Spanish pages (the work itself stays as published)
    publisher_es: str = ""

    def as_text(self) -> str:
        """One line, for places that show sources as plain text."""
        parts = [self.author, f"“{self.title}”", self.publisher, self.year, self.url]
        line = ". ".join(p.rstrip(".") for p in parts if p)
        return f"{line}. Read {self.read_on:%-d %B %Y}."


@dataclass(frozen=True)
class GuideFile:
    slug: str
    title: str
    summary: str
    order: int
    last_reviewed: date
    next_review_due: date
    body: str
    sources: tuple[SourceEntry, ...]
    written_by: str = ""
    reviewed_by: str = ""
    published: bool = True
    path: Path = field(default=Path(), compare=False)


def _source(entry: dict) -> SourceEntry:
    optional = {"publisher", "note", "note_es", "publisher_es"}
    missing = [n for n in ("key", *SOURCE_FIELDS) if n not in optional and not entry.get(n)]
    if missing:
        raise ValueError(f"source {entry.get('key', entry)!r} lacks {', '.join(missing)}")
    return SourceEntry(
        key=entry["key"],
        author=entry["author"],
        title=entry["title"],
        publisher=entry.get("publisher", ""),
        year=str(entry["year"]),
        url=entry["url"],
        read_on=entry["read_on"],
        note=entry.get("note", ""),
        note_es=entry.get("note_es", ""),
        publisher_es=entry.get("publisher_es", ""),
    )


def source_entries(directory: Path = CONTENT_DIR) -> dict[str, SourceEntry]:
    """Every source in sources.toml, by key."""
    path = directory / "sources.toml"
    if not path.exists():
        return {}
    entries = [_source(e) for e in tomllib.loads(path.read_text(encoding="utf-8"))["source"]]
    return {e.key: e for e in entries}


def parse_guide(path: Path, known: dict[str, SourceEntry] | None = None) -> GuideFile:
    known = source_entries(path.parent) if known is None else known
    text = path.read_text(encoding="utf-8")
    if not text.startswith("+++"):
        raise ValueError(f"{path.name}: front matter (+++ ... +++) missing")
    _, front, body = text.split("+++", 2)
    meta = tomllib.loads(front)
    sources = []
    for item in meta["sources"]:
        if isinstance(item, dict):
            sources.append(_source(item))
        elif item in known:
            sources.append(known[item])
        else:
            raise ValueError(f"{path.name}: source {item!r} is not in sources.toml")
    return GuideFile(
        slug=meta["slug"],
        title=meta["title"],
        summary=meta["summary"],
        order=meta["order"],
        last_reviewed=meta["last_reviewed"],
        next_review_due=meta["next_review_due"],
        body=body.strip() + "\n",
        sources=tuple(sources),
        written_by=meta.get("written_by", ""),
        reviewed_by=meta.get("reviewed_by", ""),
        published=meta.get("published", True),
        path=path,
    )


def guide_files(directory: Path = CONTENT_DIR) -> list[GuideFile]:
    known = source_entries(directory)
    return sorted((parse_guide(p, known) for p in directory.glob("*.md")), key=lambda g: g.order)


@dataclass(frozen=True)
class TranslatedGuideFile:
    language: str
    slug: str
    title: str
    summary: str
    last_reviewed: date
    next_review_due: date
    translated_from_reviewed: date
    body: str
    written_by: str = ""
    reviewed_by: str = ""
    path: Path = field(default=Path(), compare=False)


def parse_translated_guide(path: Path, language: str) -> TranslatedGuideFile:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("+++"):
        raise ValueError(f"{language}/{path.name}: front matter (+++ ... +++) missing")
    _, front, body = text.split("+++", 2)
    meta = tomllib.loads(front)
    missing = [name for name in TRANSLATED_GUIDE_FIELDS if not meta.get(name)]
    if missing:
        raise ValueError(f"{language}/{path.name} lacks {', '.join(missing)}")
    return TranslatedGuideFile(
        language=language,
        slug=meta["slug"],
        title=meta["title"],
        summary=meta["summary"],
        last_reviewed=meta["last_reviewed"],
        next_review_due=meta["next_review_due"],
        translated_from_reviewed=meta["translated_from_reviewed"],
        body=body.strip() + "\n",
        written_by=meta.get("written_by", ""),
        reviewed_by=meta.get("reviewed_by", ""),
        path=path,
    )


def translated_guide_files(
    language: str, directory: Path = CONTENT_DIR
) -> list[TranslatedGuideFile]:
    """The guides translated into ``language``, checked against the English files.

    Each must have an English file of the same name and the same slug, so that
    /guides/<slug>/ and /es/guides/<slug>/ are the same guide.
    """
    english = {g.path.name: g for g in guide_files(directory)}
    found = []
    for path in sorted((directory / language).glob("*.md")):
        guide = parse_translated_guide(path, language)
        original = english.get(path.name)
        if original is None:
            raise ValueError(f"{language}/{path.name} has no English file of that name")
        if guide.slug != original.slug:
            raise ValueError(
                f"{language}/{path.name}: slug {guide.slug!r} should be {original.slug!r}"
            )
        found.append(guide)
    return found


def translated_glossary_entries(language: str, directory: Path = CONTENT_DIR) -> list[dict]:
    """The word list in ``language``: slug, term, definition, translated_from."""
    return glossary_entries(directory / language)


def glossary_entries(directory: Path = CONTENT_DIR) -> list[dict[str, str]]:
    path = directory / "glossary.toml"
    if not path.exists():
        return []
    return tomllib.loads(path.read_text(encoding="utf-8"))["term"]


def release_entry(directory: Path = CONTENT_DIR) -> dict | None:
    """The version of the shipped content (release.toml), or None."""
    path = directory / "release.toml"
    if not path.exists():
        return None
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _model(guide_model, name: str):
    try:
        return guide_model._meta.apps.get_model("guides", name)
    except LookupError:
        return None


def load(guide_model, term_model, directory: Path = CONTENT_DIR) -> tuple[int, int]:
    """Create or update every shipped guide, source and glossary term; returns the counts.

    The models may be historical ones from a migration: Source, Citation and
    ContentRelease are looked up beside ``guide_model`` and skipped when that
    state does not have them yet.
    """
    guide_fields = {f.name for f in guide_model._meta.get_fields()}
    source_model = _model(guide_model, "Source")
    citation_model = _model(guide_model, "Citation")
    guides = guide_files(directory)
    rows = {}
    if source_model is not None:
        every = {**source_entries(directory), **{s.key: s for g in guides for s in g.sources}}
        # A historical model (in an older migration) may lack the newer fields.
        source_fields = {f.name for f in source_model._meta.get_fields()}
        for entry in every.values():
            rows[entry.key], _ = source_model.objects.update_or_create(
                key=entry.key,
                defaults={
                    name: getattr(entry, name) for name in SOURCE_FIELDS if name in source_fields
                },
            )
    for guide in guides:
        values = {
            "title": guide.title,
            "summary": guide.summary,
            "body": guide.body,
            "order": guide.order,
            "published": guide.published,
            "last_reviewed": guide.last_reviewed,
            "next_review_due": guide.next_review_due,
            "written_by": guide.written_by,
            "reviewed_by": guide.reviewed_by,
        }
        if "sources" in guide_fields and source_model is None:
            values["sources"] = "\n".join(s.as_text() for s in guide.sources)
        row, _ = guide_model.objects.update_or_create(
            slug=guide.slug, defaults={k: v for k, v in values.items() if k in guide_fields}
        )
        if citation_model is not None:
            citation_model.objects.filter(guide=row).delete()
            citation_model.objects.bulk_create(
                citation_model(guide=row, source=rows[s.key], order=n)
                for n, s in enumerate(guide.sources, start=1)
            )
    terms = glossary_entries(directory)
    for entry in terms:
        term_model.objects.update_or_create(
            slug=entry["slug"],
            defaults={"term": entry["term"], "definition": entry["definition"].strip()},
        )
    guide_translation = _model(guide_model, "GuideTranslation")
    term_translation = _model(guide_model, "GlossaryTermTranslation")
    for language in TRANSLATIONS if guide_translation is not None else ():
        _load_translations(
            language, directory, guide_model, term_model, guide_translation, term_translation
        )
    release_model = _model(guide_model, "ContentRelease")
    release = release_entry(directory)
    if release_model is not None and release:
        release_model.objects.get_or_create(
            version=release["version"],
            defaults={"released_on": release["released_on"], "notes": release["notes"].strip()},
        )
    return len(guides), len(terms)


def _load_translations(
    language: str, directory: Path, guide_model, term_model, guide_translation, term_translation
) -> None:
    """Create or update each shipped translation into ``language`` (missing ones are skipped)."""
    shipped = [g.slug for g in guide_files(directory)]
    guides = {g.slug: g for g in guide_model.objects.filter(slug__in=shipped)}
    for entry in translated_guide_files(language, directory):
        guide_translation.objects.update_or_create(
            guide=guides[entry.slug],
            language=language,
            defaults={
                "title": entry.title,
                "summary": entry.summary,
                "body": entry.body,
                "last_reviewed": entry.last_reviewed,
                "next_review_due": entry.next_review_due,
                "translated_from_reviewed": entry.translated_from_reviewed,
                "written_by": entry.written_by,
                "reviewed_by": entry.reviewed_by,
            },
        )
    entries = translated_glossary_entries(language, directory)
    terms = {t.slug: t for t in term_model.objects.filter(slug__in=[e["slug"] for e in entries])}
    for entry in entries:
        if entry["slug"] not in terms:
            raise ValueError(f"{language}/glossary.toml: {entry['slug']!r} is not an English term")
        term_translation.objects.update_or_create(
            glossary_term=terms[entry["slug"]],
            language=language,
            defaults={
                "term": entry["term"],
                "definition": entry["definition"].strip(),
                "translated_from": entry.get("translated_from", ""),
            },
        )

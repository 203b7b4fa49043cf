"""The shipped guide content: guides/content/*.md and guides/content/glossary.toml.

Each guide file opens with TOML front matter between ``+++`` lines (title,
slug, summary, order, dates, authors, sources) followed by the Markdown body.
The loader is used by a data migration (with historical models) and by the
``load_guides`` command, so it only sets fields the model it is given has.
"""

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent / "content"


@dataclass(frozen=True)
class GuideFile:
    slug: str
    title: str
    summary: str
    order: int
    last_reviewed: date
    next_review_due: date
    body: str
    sources: tuple[str, ...]
    written_by: str = ""
    reviewed_by: str = ""
    published: bool = True
    path: Path = field(default=Path(), compare=False)


def parse_guide(path: Path) -> GuideFile:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("+++"):
        raise ValueError(f"{path.name}: front matter (+++ ... +++) missing")
    _, front, body = text.split("+++", 2)
    meta = tomllib.loads(front)
    return GuideFile(
        slug=meta["slug"],
        title=meta["title"],
        summary=meta["summary"],
        order=meta["order"],
        last_reviewed=meta["last_reviewed"],
        next_review_due=meta["next_review_due"],
        body=body.strip() + "\n",
        sources=tuple(meta["sources"]),
        written_by=meta.get("written_by", ""),
        reviewed_by=meta.get("reviewed_by", ""),
        published=meta.get("published", True),
        path=path,
    )


def guide_files(directory: Path = CONTENT_DIR) -> list[GuideFile]:
    return sorted((parse_guide(p) for p in directory.glob("*.md")), key=lambda g: g.order)


def glossary_entries(directory: Path = CONTENT_DIR) -> list[dict[str, str]]:
    path = directory / "glossary.toml"
    if not path.exists():
        return []
    return tomllib.loads(path.read_text(encoding="utf-8"))["term"]


def load(guide_model, term_model, directory: Path = CONTENT_DIR) -> tuple[int, int]:
    """Create or update every shipped guide and glossary term; returns the counts."""
    guide_fields = {f.name for f in guide_model._meta.get_fields()}
    guides = guide_files(directory)
    for guide in guides:
        values = {
            "title": guide.title,
            "summary": guide.summary,
            "body": guide.body,
            "order": guide.order,
            "published": guide.published,
            "last_reviewed": guide.last_reviewed,
            "next_review_due": guide.next_review_due,
            "sources": "\n".join(guide.sources),
            "written_by": guide.written_by,
            "reviewed_by": guide.reviewed_by,
        }
        guide_model.objects.update_or_create(
            slug=guide.slug, defaults={k: v for k, v in values.items() if k in guide_fields}
        )
    terms = glossary_entries(directory)
    for entry in terms:
        term_model.objects.update_or_create(
            slug=entry["slug"],
            defaults={"term": entry["term"], "definition": entry["definition"].strip()},
        )
    return len(guides), len(terms)

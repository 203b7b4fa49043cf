"""The shipped list of centers (centers/data/centers.toml) and its loader.

The file names its source, the date of the list it follows, and how many
centers of each designation that list has; the loader refuses a file whose
counts do not match its entries, or a center whose ZIP code cannot be placed.
Used by the migration that first fills the table and by `load_centers`.
"""

import functools
import tomllib
from pathlib import Path

from centers import places

DATA_FILE = Path(__file__).resolve().parent / "data" / "centers.toml"
LISTING_FIELDS = ("name", "designation", "city", "state", "website")
# How to ask for a second opinion: only where a cited page says it.
CONTACT_FIELDS = (
    "phone",
    "phone_for",
    "remote_review",
    "remote_review_price",
    "program_url",
    "contact_source",
    "contact_checked",
)
NOTE_FIELDS = ("note", "note_es", "source_note")
OPTIONAL_FIELDS = CONTACT_FIELDS + NOTE_FIELDS


class DataFileError(ValueError):
    pass


@functools.cache
def read(path: Path = DATA_FILE) -> dict:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    _check(data)
    return data


def source(path: Path = DATA_FILE) -> dict:
    """The list's source: title, publisher, url, as_of, checked and the counts."""
    return read(path)["source"]


def _check(data: dict) -> None:
    centers = data.get("center", [])
    meta = data["source"]
    for designation in ("comprehensive", "clinical", "basic"):
        listed = sum(1 for c in centers if c["designation"] == designation)
        if listed != meta[designation]:
            raise DataFileError(
                f"{designation}: the source lists {meta[designation]}, the file has {listed}"
            )
    slugs = [c["slug"] for c in centers]
    if len(set(slugs)) != len(slugs):
        raise DataFileError("two centers share a slug")


def rows(path: Path = DATA_FILE) -> list[dict]:
    """Each center as the model's fields, placed by its ZIP code."""
    data = read(path)
    checked = data["source"]["checked"]
    out = []
    for entry in data["center"]:
        try:
            place = places.locate(entry["zip"])
        except places.ZipError:
            raise DataFileError(
                f"{entry['slug']}: ZIP code {entry['zip']} has no location"
            ) from None
        row = {field: entry[field] for field in LISTING_FIELDS}
        row.update({field: entry[field] for field in OPTIONAL_FIELDS if field in entry})
        row.update(
            slug=entry["slug"],
            zip_code=entry["zip"],
            # A campus's own point where a cited page gives one
            # (location_source); otherwise the middle of its ZIP code area.
            latitude=entry.get("latitude", place.latitude),
            longitude=entry.get("longitude", place.longitude),
            checked=entry.get("checked", checked),
        )
        out.append(row)
    return out


def load(center_model, path: Path = DATA_FILE) -> int:
    """Make the table hold exactly the file's centers (matched by slug).

    Edits made in the admin to a shipped center are replaced; a center no
    longer on the list is removed. Returns how many centers were loaded.
    """
    loaded = rows(path)
    blank = dict.fromkeys(OPTIONAL_FIELDS, "")
    blank.update(remote_review=None, contact_checked=None)
    for row in loaded:
        values = {**blank, **row}
        slug = values.pop("slug")
        center_model.objects.update_or_create(slug=slug, defaults=values)
    center_model.objects.exclude(slug__in=[row["slug"] for row in loaded]).delete()
    return len(loaded)

"""Where a US ZIP code is, and how far apart two places are.

ZIP code locations come from the `zipcodes` package, which ships its data
inside the package (GeoNames coordinates, CC BY 4.0; USPS and
unitedstateszipcodes.org for the codes themselves): no call leaves the
server. A ZIP code locates to the centre of its area, so every distance is
approximate, and is shown rounded to the mile.
"""

import math
import re
import unicodedata
from dataclasses import dataclass

import zipcodes

EARTH_RADIUS_MILES = 3958.8
# Five digits, optionally with the four more of ZIP+4 (joined by a dash, a
# space or nothing). Spaces around the code are ignored. ASCII digits only:
# \d would let other scripts' digits through, and the zipcodes package
# panics on them.
_ZIP = re.compile(r"([0-9]{5})(?:[ -]?[0-9]{4})?")


class ZipError(ValueError):
    """What a patient typed is not a ZIP code we can place."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "missing", "shape" or "unknown"


@dataclass(frozen=True)
class Place:
    zip_code: str
    city: str
    state: str
    latitude: float
    longitude: float


def five_digits(raw: str) -> str:
    """The five-digit ZIP code in what was typed; ZipError when there is none."""
    # Full-width digits and no-break spaces (a phone keyboard or a paste)
    # become the plain ones.
    text = unicodedata.normalize("NFKC", raw or "").strip()
    if not text:
        raise ZipError("missing")
    match = _ZIP.fullmatch(text)
    if match is None:
        raise ZipError("shape")
    return match.group(1)


def locate(zip_code: str) -> Place:
    """The place a five-digit ZIP code stands for; ZipError("unknown") when
    the data set has no such code, or no location for it."""
    for row in zipcodes.matching(zip_code):
        try:
            latitude, longitude = float(row["lat"]), float(row["long"])
        except (KeyError, TypeError, ValueError):
            continue
        return Place(zip_code, row.get("city", ""), row.get("state", ""), latitude, longitude)
    raise ZipError("unknown")


def warm() -> None:
    """Unpack the ZIP code data now (about 0.2 s, once per process), not in
    the first patient's request: gunicorn calls this as each worker starts."""
    zipcodes.matching("10065")


def miles_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in miles (the haversine formula)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(min(1.0, a)))

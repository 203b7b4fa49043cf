"""The centers nearest a place: one query for the centers that see patients,
distances worked out here (the same on PostgreSQL and SQLite)."""

from dataclasses import dataclass

from centers.models import Center
from centers.places import Place, miles_between

SHOWN = 10
# Beyond this, the page says the nearest centers are far and what else helps.
FAR_MILES = 200


@dataclass(frozen=True)
class Found:
    center: Center
    miles: int


@dataclass(frozen=True)
class Nearest:
    origin: Place
    found: list[Found]
    within: int | None
    remote_only: bool

    @property
    def far(self) -> bool:
        return bool(self.found) and self.found[0].miles > FAR_MILES


def nearest(
    origin: Place, *, within: int | None = None, remote_only: bool = False, limit: int = SHOWN
) -> Nearest:
    centers = Center.for_patients.all()
    if remote_only:
        centers = centers.filter(remote_review=True)
    ranked = sorted(
        (
            Found(
                center,
                round(
                    miles_between(
                        origin.latitude, origin.longitude, center.latitude, center.longitude
                    )
                ),
            )
            for center in centers
        ),
        key=lambda found: (found.miles, found.center.name),
    )
    if within is not None:
        ranked = [found for found in ranked if found.miles <= within]
    return Nearest(origin, ranked[:limit], within, remote_only)

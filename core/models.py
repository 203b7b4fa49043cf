from django.db import models


class RateCount(models.Model):
    """One rate limit's count in its current window (core/ratelimit.py).

    A table of its own, not the cache: a cache may cull or lose entries (the
    database cache culls a third of its rows past 300, Redis forgets on a
    restart), and a limit that forgets is no limit. Rows past their window
    are removed by ``purge_packets``.
    """

    name = models.CharField(max_length=200, primary_key=True)
    count = models.PositiveIntegerField()
    # Seconds since the epoch: compared in SQL the same way on every database.
    ends_at = models.BigIntegerField(db_index=True)

    def __str__(self) -> str:
        return f"{self.name}: {self.count}"

"""The questionnaire's rows: one answer per question, one rating per value.

Both hang off the patient's packet (packets.models.Packet) and are written
with a single upsert each, so two tabs never lose each other's answers.
The tables keep the names they had when they lived in checklists/.
"""

from django.db import models
from django.utils import timezone

from packets.models import Packet, PacketRowQuerySet
from questionnaire.situations import ANSWER_CHOICES


class QuestionnaireQuerySet(PacketRowQuerySet):
    def save_answers(self, packet: Packet, answers: dict[str, str]) -> None:
        self.upsert(packet, "key", {k: {"value": v} for k, v in answers.items()})

    def save_ratings(self, packet: Packet, ratings: dict[str, int]) -> None:
        self.upsert(packet, "key", {k: {"rating": r} for k, r in ratings.items()})


class Answer(models.Model):
    packet = models.ForeignKey(Packet, on_delete=models.CASCADE, related_name="answers")
    key = models.CharField(max_length=40)
    value = models.CharField(max_length=10, choices=ANSWER_CHOICES)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        db_table = "checklists_answer"
        constraints = [
            models.UniqueConstraint(fields=["packet", "key"], name="one_answer_per_question"),
            models.CheckConstraint(
                condition=models.Q(value__in=["yes", "no", "unsure"]), name="answer_value_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.value}"


class ValueRating(models.Model):
    """How much one statement matters to the patient (0 not important to 3 very)."""

    packet = models.ForeignKey(Packet, on_delete=models.CASCADE, related_name="values")
    key = models.CharField(max_length=40)
    rating = models.PositiveSmallIntegerField()
    updated_at = models.DateTimeField(default=timezone.now)

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        db_table = "checklists_valuerating"
        constraints = [
            models.UniqueConstraint(fields=["packet", "key"], name="one_rating_per_value"),
            models.CheckConstraint(condition=models.Q(rating__lte=3), name="rating_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.rating}"

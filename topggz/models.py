"""The platform's own tables that belong to no single capability."""

from django.db import models
from django.utils import timezone


class JobSlot(models.Model):
    """A slot of a periodic job, claimed by the one scheduler that enqueued it (topggz.jobs).

    The unique (job, slot start) is what keeps several schedulers from enqueueing a slot twice.
    """

    job = models.CharField(max_length=200, help_text="The task's import path.")
    slot_start = models.DateTimeField()
    claimed_at = models.DateTimeField(default=timezone.now)
    task_result_id = models.CharField(max_length=64, blank=True, help_text="The task result the claim enqueued.")

    class Meta:
        ordering = ["-slot_start", "job"]
        constraints = [models.UniqueConstraint(fields=["job", "slot_start"], name="topggz_jobslot_once_per_slot")]

    def __str__(self):
        return f"{self.job} @ {self.slot_start.isoformat()}"

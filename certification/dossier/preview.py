"""The live verdict: what the checker would say if the editor saved the form as it is now.

``with_unsaved`` puts one unsaved record into an already loaded (prefetched)
dossier, in memory only, so that ``dossier.db.to_dataclass`` and the checker
see it; nothing is written. The dossier's own fields need nothing here: a
valid form has already set them on its instance, which is the loaded dossier.
"""

from __future__ import annotations

from django.db import models

from .models import Dossier
from .services import RECORD_KINDS


def with_unsaved(obj: Dossier, kind: str, record: models.Model) -> None:
    """Replace the record with the same id (or add a new one) in ``obj``'s prefetched ``kind``; in memory only."""
    spec = RECORD_KINDS[kind]
    if spec.owner != "dossier":
        return  # records of records (training occupancy) do not change a verdict on their own page
    record.dossier = obj
    if spec.singleton:
        setattr(obj, kind, record)
        return
    current = list(getattr(obj, kind).all())
    if record.pk is None:
        current.append(record)
    else:
        current = [record if r.pk == record.pk else r for r in current]
    # A related manager's all() hands back the prefetched result; a list iterates the same way.
    obj._prefetched_objects_cache[kind] = current

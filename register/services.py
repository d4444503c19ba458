"""The one way the finder learns that the register changed: the index stamp.

The finder keeps a snapshot of the register per process (register.search.context: the
vocabularies, the filters' facets, the cards) and reloads it when the index stamp in the
database changes. So every write to a table the finder shows must end in
``register_changed()``, which rewrites the search documents that the write made stale and gives
the index a new stamp. There are three ways in, all of them here:

- a single save or delete, and a change of a many-to-many link: the signals in
  register.signals call ``register_changed()``;
- bulk writes (``QuerySet.update``, ``bulk_create``, ``bulk_update``, ``QuerySet.delete``,
  also on the many-to-many tables): the managers of those models are ``RegisterManager``
  (``install()`` gives the many-to-many tables theirs), whose queryset calls
  ``register_changed()`` after the write;
- anything else (raw SQL, a scheduled job writing through the database directly) calls
  ``register_changed()`` itself.

``FINDER_MODELS`` are the models the finder reads (with their many-to-many tables:
``finder_tables()``); register/tests/test_finder_stamp.py fails when a write to one of their
tables is not followed by a new stamp.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models


def register_changed(department_ids: Iterable[int] = (), vocabulary: bool = False) -> None:
    """The register changed: rewrite the documents of `department_ids` (their name, description,
    institutions or target groups changed) and give the index a new stamp; `vocabulary`: a
    target group's terms changed too (the lexicon learns its words)."""
    from .search import index

    ids = list(department_ids)
    if vocabulary:
        index.vocabulary_changed(ids)
    elif not index.index_departments(ids):
        index.touch()


class RegisterQuerySet(models.QuerySet):
    """A queryset whose bulk writes change the index stamp (register_changed()), as single saves do
    through the signals."""

    def _departments_of(self) -> tuple[list[int], bool]:
        """(the departments whose search documents the rows of this queryset are part of,
        whether a target group's terms are among them): read before a write changes them."""
        from .models import Department, Institution, TargetGroup

        model = self.model
        if model is Department:
            return list(self.values_list("pk", flat=True)), False
        if model in (Institution, TargetGroup):
            links = Department.institutions.through if model is Institution else Department.target_groups.through
            field = "institution_id" if model is Institution else "targetgroup_id"
            ids = links.objects.filter(**{f"{field}__in": self.values("pk")}).values_list("department_id", flat=True)
            return list(ids), model is TargetGroup
        if model in (Department.institutions.through, Department.target_groups.through):
            return list(self.values_list("department_id", flat=True)), False
        return [], False

    def update(self, **kwargs):
        ids, vocabulary = self._departments_of()
        rows = super().update(**kwargs)
        if rows:
            register_changed(ids, vocabulary)
        return rows

    update.alters_data = True

    def delete(self):
        ids, vocabulary = self._departments_of()
        result = super().delete()
        if result[0]:
            register_changed(ids, vocabulary)
        return result

    delete.alters_data = True
    delete.queryset_only = True

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            # New departments get their documents from their links' writes or the next search
            # (index.ensure_index); new vocabulary rows are linked to nothing yet.
            ids = [] if self.model is _department_model() else _department_ids_of(self.model, created)
            register_changed(ids, _is_target_group(self.model))
        return created

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        rows = super().bulk_update(objs, fields, *args, **kwargs)
        if rows:
            register_changed(_department_ids_of(self.model, objs), _is_target_group(self.model))
        return rows

    bulk_update.alters_data = True


def _department_model():
    from .models import Department

    return Department


def _is_target_group(model) -> bool:
    from .models import TargetGroup

    return model is TargetGroup


def _department_ids_of(model, objs) -> list[int]:
    """The departments whose documents `objs` (new or updated rows of `model`) are part of."""
    from .models import Department, Institution, TargetGroup

    if model is Department:
        return [obj.pk for obj in objs if obj.pk is not None]
    if model in (Department.institutions.through, Department.target_groups.through):
        return [obj.department_id for obj in objs]
    if model in (Institution, TargetGroup):
        pks = [obj.pk for obj in objs if obj.pk is not None]
        return list(
            Department.objects.filter(**{("institutions" if model is Institution else "target_groups") + "__in": pks})
            .values_list("pk", flat=True)
            .distinct()
        )
    return []


class RegisterManager(models.Manager.from_queryset(RegisterQuerySet)):
    """The manager of the models the finder reads (FINDER_MODELS): bulk writes change the stamp."""


def finder_models() -> tuple:
    """The models whose rows the finder shows or searches (its snapshot and its index read them)."""
    from .models import (
        AgeGroup,
        CareFunction,
        ComplaintLink,
        ComplaintTerm,
        Department,
        Institution,
        Location,
        Offer,
        TargetGroup,
    )

    return (Department, Institution, TargetGroup, AgeGroup, CareFunction, Location, Offer, ComplaintTerm, ComplaintLink)


def finder_link_models() -> tuple:
    """The many-to-many tables between them that the finder reads."""
    from .models import Department, Location

    return (
        Department.institutions.through,
        Department.target_groups.through,
        Department.age_groups.through,
        Location.care_functions.through,
    )


def finder_tables() -> set[str]:
    return {model._meta.db_table for model in (*finder_models(), *finder_link_models())}


def install() -> None:
    """Give the many-to-many tables (made by Django, with a plain manager) a RegisterManager too
    (RegisterConfig.ready)."""
    for through in finder_link_models():
        if not isinstance(through._default_manager, RegisterManager):
            manager = RegisterManager()
            manager.auto_created = True
            through._meta.local_managers = [m for m in through._meta.local_managers if m.name != "objects"]
            through.add_to_class("objects", manager)
            through._meta._expire_cache()
            for name in ("managers", "managers_map", "base_manager", "default_manager"):
                through._meta.__dict__.pop(name, None)


def set_offer_pause(department_id: int, kind: str, *, paused: bool, reason: str, expected_end) -> bool:
    """Open or pause one offer of a department (the registration pause the finder, the department page and
    the desk show). A pause that is already on keeps its own reason and end. Saved as a single save, so
    simple-history records the change and the signals give the finder's index a new stamp. Returns whether
    the offer changed; a department without that offer changes nothing."""
    from .models import Offer

    offer = Offer.objects.filter(department_id=department_id, kind=kind).first()
    if offer is None or (offer.status == Offer.Status.PAUSED) == paused:
        return False
    if paused:
        offer.status, offer.pause_reason, offer.pause_expected_end = Offer.Status.PAUSED, reason, expected_end
    else:
        offer.status, offer.pause_reason, offer.pause_expected_end = Offer.Status.OPEN, "", None
    offer.save(update_fields=["status", "pause_reason", "pause_expected_end"])
    return True

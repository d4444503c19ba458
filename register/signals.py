"""Single saves and deletes of what the finder shows end in register.services.register_changed()
(connected in RegisterConfig.ready): the one invalidation path, which rewrites the search
documents that changed and gives the index a new stamp, so that every process reloads its
snapshot on its next search.

A department's document changes with its name, description, institutions (names) and target
groups (terms); everything else the finder shows (age groups, care functions, locations,
offers) only needs the new stamp. Bulk writes, and the many-to-many links (add, remove, set,
clear write their tables with bulk_create and QuerySet.delete), go through
register.services.RegisterQuerySet instead.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_delete

from .models import (
    AgeGroup,
    CareFunction,
    ComplaintLink,
    ComplaintTerm,
    Department,
    DepartmentExclusion,
    ExclusionCriterion,
    Institution,
    Location,
    Offer,
    TargetGroup,
)
from .services import register_changed


def department_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        register_changed([instance.pk])


def department_deleted(sender, instance, **kwargs):
    register_changed()


def institution_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        register_changed(instance.departments.values_list("pk", flat=True))


def remember_departments(sender, instance, **kwargs):
    """Before an institution or a target group goes: its departments (the links go with it, in a
    cascade that sends no signal)."""
    instance._search_department_ids = list(instance.departments.values_list("pk", flat=True))


def institution_deleted(sender, instance, **kwargs):
    register_changed(getattr(instance, "_search_department_ids", []))


def target_group_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        register_changed(instance.departments.values_list("pk", flat=True), vocabulary=True)


def target_group_deleted(sender, instance, **kwargs):
    register_changed(getattr(instance, "_search_department_ids", []), vocabulary=True)


def shown_row_changed(sender, instance, raw=False, **kwargs):
    """An age group, care function, location, offer or complaint term (or its weights) changed: the
    snapshot is out of date."""
    if not raw:
        register_changed()


def connect() -> None:
    uid = "register.search"
    post_save.connect(department_saved, sender=Department, dispatch_uid=f"{uid}.department_saved")
    post_delete.connect(department_deleted, sender=Department, dispatch_uid=f"{uid}.department_deleted")
    post_save.connect(institution_saved, sender=Institution, dispatch_uid=f"{uid}.institution_saved")
    pre_delete.connect(remember_departments, sender=Institution, dispatch_uid=f"{uid}.institution_deleting")
    post_delete.connect(institution_deleted, sender=Institution, dispatch_uid=f"{uid}.institution_deleted")
    post_save.connect(target_group_saved, sender=TargetGroup, dispatch_uid=f"{uid}.target_group_saved")
    pre_delete.connect(remember_departments, sender=TargetGroup, dispatch_uid=f"{uid}.target_group_deleting")
    post_delete.connect(target_group_deleted, sender=TargetGroup, dispatch_uid=f"{uid}.target_group_deleted")
    # Exclusions are not in the finder but in the open data (api), which uses the same stamp.
    for model in (AgeGroup, CareFunction, Location, Offer, ComplaintTerm, ComplaintLink, DepartmentExclusion, ExclusionCriterion):
        post_save.connect(shown_row_changed, sender=model, dispatch_uid=f"{uid}.{model.__name__}.saved")
        post_delete.connect(shown_row_changed, sender=model, dispatch_uid=f"{uid}.{model.__name__}.deleted")

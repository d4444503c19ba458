"""Keep the finder's search index in step with the register (connected in RegisterConfig.ready).

A department's document changes with its name, description, institutions
(names) and target groups (terms); a vocabulary change also renews the cached
vocabularies in every process. So does any change to what the finder's
filters read from the process caches (register.search.snapshot.Facets): a
department's age groups, its offers, a location or its care functions. Writes
that send no signals (bulk_create, QuerySet.update) are caught up by
`manage.py rebuild_search_index`; new departments without a document are also
indexed by the next search.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from .models import AgeGroup, CareFunction, ComplaintLink, ComplaintTerm, Department, Institution, Location, Offer, TargetGroup
from .search import index


def department_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index.index_departments([instance.pk])


def department_deleted(sender, instance, **kwargs):
    index.touch()


def department_links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Department.institutions / Department.target_groups changed, from either side."""
    if action == "pre_clear" and reverse:
        instance._search_department_ids = list(instance.departments.values_list("pk", flat=True))
        return
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        index.index_departments([instance.pk])
    elif action == "post_clear":
        index.index_departments(getattr(instance, "_search_department_ids", []))
    else:
        index.index_departments(pk_set or [])


def institution_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index.index_departments(instance.departments.values_list("pk", flat=True))


def institution_deleting(sender, instance, **kwargs):
    instance._search_department_ids = list(instance.departments.values_list("pk", flat=True))


def institution_deleted(sender, instance, **kwargs):
    """The links go with it (a cascade sends no m2m_changed): its departments' documents and cards change."""
    if not index.index_departments(getattr(instance, "_search_department_ids", [])):
        index.touch()


def target_group_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index.vocabulary_changed(instance.departments.values_list("pk", flat=True))


def target_group_deleting(sender, instance, **kwargs):
    instance._search_department_ids = list(instance.departments.values_list("pk", flat=True))


def target_group_deleted(sender, instance, **kwargs):
    index.vocabulary_changed(getattr(instance, "_search_department_ids", []))


def vocabulary_changed(sender, instance, raw=False, **kwargs):
    """An age group, care function, location, offer or complaint term (or its weights) changed:
    cached copies are out of date."""
    if not raw:
        index.touch()


def facet_links_changed(sender, action, **kwargs):
    """Department.age_groups or Location.care_functions changed (from either side): the filters' facets."""
    if action in {"post_add", "post_remove", "post_clear"}:
        index.touch()


def connect() -> None:
    uid = "register.search"
    post_save.connect(department_saved, sender=Department, dispatch_uid=f"{uid}.department_saved")
    post_delete.connect(department_deleted, sender=Department, dispatch_uid=f"{uid}.department_deleted")
    for through in (Department.institutions.through, Department.target_groups.through):
        m2m_changed.connect(department_links_changed, sender=through, dispatch_uid=f"{uid}.links.{through.__name__}")
    post_save.connect(institution_saved, sender=Institution, dispatch_uid=f"{uid}.institution_saved")
    pre_delete.connect(institution_deleting, sender=Institution, dispatch_uid=f"{uid}.institution_deleting")
    post_delete.connect(institution_deleted, sender=Institution, dispatch_uid=f"{uid}.institution_deleted")
    post_save.connect(target_group_saved, sender=TargetGroup, dispatch_uid=f"{uid}.target_group_saved")
    pre_delete.connect(target_group_deleting, sender=TargetGroup, dispatch_uid=f"{uid}.target_group_deleting")
    post_delete.connect(target_group_deleted, sender=TargetGroup, dispatch_uid=f"{uid}.target_group_deleted")
    for model in (AgeGroup, CareFunction, Location, Offer, ComplaintTerm, ComplaintLink):
        post_save.connect(vocabulary_changed, sender=model, dispatch_uid=f"{uid}.{model.__name__}.saved")
        post_delete.connect(vocabulary_changed, sender=model, dispatch_uid=f"{uid}.{model.__name__}.deleted")
    for through in (Department.age_groups.through, Location.care_functions.through):
        m2m_changed.connect(facet_links_changed, sender=through, dispatch_uid=f"{uid}.facets.{through.__name__}")

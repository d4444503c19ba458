"""A published version's target groups stay as they are (the M2M is not covered by ToolVersion.save)."""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from .models import PublishedVersionError, ToolVersion


@receiver(m2m_changed, sender=ToolVersion.target_groups.through)
def refuse_changes_to_published_target_groups(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("pre_add", "pre_remove", "pre_clear"):
        return
    if reverse:
        # From a target group's side: refuse only if one of the versions touched is published.
        versions = ToolVersion.objects.filter(published_at__isnull=False)
        if action == "pre_clear":
            touched = versions.filter(target_groups=instance).exists()
        else:
            touched = versions.filter(pk__in=pk_set or ()).exists()
        if touched:
            raise PublishedVersionError()
        return
    if instance.stored_is_published():
        raise PublishedVersionError()

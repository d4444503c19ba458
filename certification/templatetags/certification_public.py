"""What public pages of other apps show of certification: the department's latest certificate and a running recovery period."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def latest_certificate(department):
    from certification.visitation.models import Certificate

    return Certificate.objects.filter(department_id=department.pk).order_by("-valid_from", "-pk").first()


@register.simple_tag
def running_recovery(department):
    """The running compliance case with the latest recovery deadline, when the setting shows it (on by default)."""
    if not getattr(settings, "CERTIFICATION_SHOW_RECOVERY", True):
        return None
    from certification.visitation.models import ComplianceCase

    return (
        ComplianceCase.objects.filter(department_id=department.pk, state__in=["open", "reported", "to_board"])
        .order_by("-recovery_due")
        .first()
    )

"""What public pages of other apps show of certification: the number of the department's latest
certificate and the deadline of a running recovery period (one short query each)."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def latest_certificate_number(department):
    """The number of the department's latest certificate (by start of validity), or None."""
    from certification.visitation.models import Certificate

    rows = Certificate.objects.filter(department_id=department.pk).order_by("-valid_from", "-pk")
    return rows.values_list("number", flat=True).first()


@register.simple_tag
def running_recovery_due(department):
    """The latest recovery deadline of the department's running compliance cases, when the setting
    shows it (on by default), or None."""
    if not getattr(settings, "CERTIFICATION_SHOW_RECOVERY", True):
        return None
    from certification.visitation.models import ComplianceCase

    rows = ComplianceCase.objects.filter(department_id=department.pk, state__in=["open", "reported", "to_board"])
    return rows.order_by("-recovery_due").values_list("recovery_due", flat=True).first()

"""Certification's deferred e-mail (``topggz.jobs``): enqueued in the transaction that decides to send it."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django_tasks import task


@task()
def send_reminder(*, addresses: list[str], subject: str, body: str) -> int:
    """One e-mail per address (never content: ``reminder_services.message`` writes only what is due and a link)."""
    return send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses])

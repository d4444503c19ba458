from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "triage"
    verbose_name = _("Triage (Decision Tools)")

    def ready(self):
        from . import signals  # noqa: F401 - a published version's target groups stay as they are

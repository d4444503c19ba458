from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    name = "certification"
    verbose_name = _("Keurmerk")

    def ready(self):
        # The dossier room may not import visitation; visitation tells it who else reads a dossier
        # (the procedure's team in its review period, and for the report afterwards).
        from .dossier.permissions import add_reader_rule
        from .visitation.access import team_dossiers

        add_reader_rule(team_dossiers)

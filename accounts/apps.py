from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .signals import on_password_accepted

        # The audit entry of a log-in's first step; ``login`` waits for the
        # second factor where the role needs one (accounts.services).
        user_logged_in.connect(on_password_accepted, dispatch_uid="accounts.password_accepted")

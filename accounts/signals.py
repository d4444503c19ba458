"""Receivers for Django's authentication signals (connected in AccountsConfig.ready)."""


def on_password_accepted(sender, request=None, user=None, **kwargs):
    from . import services

    services.password_accepted(user=user, request=request)

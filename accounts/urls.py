from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("tweestaps/", views.two_factor, name="two_factor"),
    path("tweestaps/instellen/", views.two_factor_setup, name="two_factor_setup"),
    path("registreren/", views.register, name="register"),
    path("bevestigen/<uidb64>/<token>/", views.confirm_email, name="confirm_email"),
    path("uitnodiging/<token>/", views.accept_invitation, name="accept_invitation"),
    path("wachtwoord-vergeten/", views.password_reset, name="password_reset"),
    path("wachtwoord-vergeten/verstuurd/", views.password_reset_done, name="password_reset_done"),
    path("wachtwoord-herstellen/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("wachtwoord-herstellen/klaar/", views.password_reset_complete, name="password_reset_complete"),
]

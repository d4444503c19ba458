from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from accounts.views import admin_login
from api import views as api_views

from . import views
from .admin_site import configure

# The admin logs in through our own log-in, so the second factor and the
# lock-out apply there too.
admin.site.login = admin_login
# The platform's name, and 404 for a bad id on every admin page (topggz.admin_site).
configure(admin.site)

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("api.urls")),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("open-data/", api_views.open_data, name="open-data"),
    path("api-sleutels/", api_views.tokens, name="api-tokens"),
    path("api-sleutels/<int:pk>/intrekken/", api_views.revoke, name="api-token-revoke"),
    path("", include("register.urls")),
    path("account/", include("accounts.urls")),
    path("triage/", include("triage.urls")),
    path("", include("certification.urls")),
    path("consult/", include("consultation.urls")),
    path("inzicht/", include("insight.urls")),
    path("kennis/", include("knowledge.urls")),
    path("beheer/", admin.site.urls),
    prefix_default_language=False,
)

# Uploaded files (dossier attachments) are confidential: they are never served
# from MEDIA_URL, not even in development; only permission-checked views may.

from django.urls import path

from . import views

app_name = "consultation"

urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", views.new, name="new"),
    path("mijn-vragen/", views.mine, name="mine"),
    path("inbox/", views.inbox, name="inbox"),
    path("bureau/", views.desk, name="desk"),
    path("escalaties/", views.escalations, name="escalations"),
    path("vraag/<str:reference>/", views.case, name="case"),
    path("vraag/<str:reference>/stap/<slug:slug>/", views.act, name="act"),
    path("vraag/<str:reference>/bericht/", views.message, name="message"),
    path("vraag/<str:reference>/bijlage/<str:token>/", views.attachment, name="attachment"),
]

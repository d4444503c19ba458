from django.urls import path

from . import views

app_name = "register"

urlpatterns = [
    path("zoeken/", views.search, name="search"),
    path("afdelingen/<slug:slug>/", views.department_detail, name="department_detail"),
]

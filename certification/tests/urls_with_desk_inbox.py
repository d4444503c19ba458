"""The project's URLs plus a stand-in for the desk's inbox when the desk's pages are not there (yet).

Lets the dossier editor's tests follow the link to the requests behind a quarter figure on any branch;
once ``consultation.urls`` is in the project, this adds nothing.
"""

from django.http import HttpResponse
from django.urls import NoReverseMatch, include, path, reverse

from topggz.urls import urlpatterns as project_urlpatterns


def _inbox(request):
    return HttpResponse("inbox")


def _has_inbox() -> bool:
    try:
        reverse("consultation:inbox", urlconf="topggz.urls")
    except NoReverseMatch:
        return False
    return True


urlpatterns = list(project_urlpatterns)
if not _has_inbox():
    urlpatterns.append(path("consult/", include(([path("inbox/", _inbox, name="inbox")], "consultation"))))

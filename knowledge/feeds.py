"""Atom feeds of new public items: national (/kennis/nieuw.atom) and per department."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from register.models import Department

from . import selectors
from .presenters import KIND_LABELS

FEED_SIZE = 50


def _moment(item):
    if item.date is not None:
        return timezone.make_aware(datetime.combine(item.date, time(12)))
    return item.dossier_updated


class NationalFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("TOPGGz-kennisbank: nieuw")

    def subtitle(self):
        return _("Nieuwe innovaties, onderzoeken, publicaties en meer van TOPGGz-afdelingen.")

    def link(self):
        return reverse("knowledge:index")

    def items(self):
        items = selectors.published_items()
        return sorted(items, key=lambda item: _moment(item), reverse=True)[:FEED_SIZE]

    def item_title(self, item):
        return f"{KIND_LABELS[item.kind]}: {item.title}"

    def item_description(self, item):
        names = ", ".join(name for _id, name, _slug in item.departments)
        return _("Van: %(departments)s") % {"departments": names}

    def item_link(self, item):
        return reverse("knowledge:index") + f"#item-{item.kind}-{item.record_ids[0]}"

    def item_guid(self, item):
        return f"topggz-kennis-{item.kind}-{item.record_ids[0]}"

    item_guid_is_permalink = False

    def item_updateddate(self, item):
        return _moment(item)

    def item_pubdate(self, item):
        return _moment(item)


class DepartmentFeed(NationalFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Department.objects.only("id", "name", "slug"), slug=slug)

    def title(self, obj):
        return _("TOPGGz-kennisbank: nieuw van %(name)s") % {"name": obj.name}

    def link(self, obj):
        return reverse("register:department_detail", args=[obj.slug]) + "#kennis-kop"

    def items(self, obj):
        items = selectors.published_items(department_id=obj.pk)
        return sorted(items, key=lambda item: _moment(item), reverse=True)[:FEED_SIZE]

"""Rebuild the finder's search index: every department's document and the lexicon."""

import time

from django.core.management.base import BaseCommand

from register.search import context
from register.search.index import rebuild_index


class Command(BaseCommand):
    help = "Bouwt de zoekindex van de zoeker opnieuw op (alle afdelingen en de woordenlijst)."

    def handle(self, *args, **options):
        started = time.perf_counter()
        count = rebuild_index()
        context.clear()
        self.stdout.write(f"Zoekindex opnieuw opgebouwd: {count} afdelingen in {time.perf_counter() - started:.1f} s.")

"""What the knowledge base pages show, as plain data: labels of kinds, the filters' choices, the
query from the URL. No HTML here; the templates print it."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .rules.finding import Filters

KIND_LABELS = {
    "innovation": _("Innovatie"),
    "study": _("Onderzoek"),
    "publication": _("Publicatie"),
    "presentation": _("Voordracht"),
    "training_place": _("Opleidingsplaats"),
    "participation": _("Patiëntenparticipatie"),
}
# URL values (Dutch) <-> kinds
KIND_PARAMS = {
    "innovatie": "innovation",
    "onderzoek": "study",
    "publicatie": "publication",
    "voordracht": "presentation",
    "opleidingsplaats": "training_place",
    "participatie": "participation",
}
PARAM_OF_KIND = {kind: param for param, kind in KIND_PARAMS.items()}
MAX_TEXT = 200
PER_PAGE = 25


@dataclass(frozen=True)
class KnowledgeQuery:
    text: str = ""
    filters: Filters = Filters()
    page: int = 1


def parse_query(get, *, target_groups, departments) -> KnowledgeQuery:
    """Unknown values are ignored (never an error): a shared link keeps working."""
    text = (get.get("q") or "").strip()[:MAX_TEXT]
    kinds = frozenset(KIND_PARAMS[v] for v in get.getlist("soort") if v in KIND_PARAMS)
    years = frozenset(int(v) for v in get.getlist("jaar") if v.isdigit() and 1900 <= int(v) <= 2999)
    slugs = frozenset(v for v in get.getlist("afdeling") if v in departments)
    groups = frozenset(v for v in get.getlist("doelgroep") if v in target_groups)
    page = get.get("pagina", "1")
    return KnowledgeQuery(
        text=text,
        filters=Filters(kinds=kinds, years=years, departments=slugs, target_groups=groups),
        page=int(page) if page.isdigit() and int(page) > 0 else 1,
    )


def options(values: dict, chosen) -> list[dict]:
    return [{"value": value, "label": label, "checked": value in chosen} for value, label in values.items()]


def department_list(item) -> list[dict]:
    return [{"name": name, "slug": slug} for _id, name, slug in item.departments]

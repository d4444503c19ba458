"""django-import-export widgets for the register, with Dutch error messages.

A widget turns one spreadsheet cell into a Python value (clean) and back
(render). Every clean() raises ValueError with a message that names the bad
value, so the import report can say exactly what is wrong in which cell.
Lists inside a cell are separated by ';'.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from import_export import widgets

from topggz.limits import finite_number

from .. import validators

SEPARATOR = ";"
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S")


def split_list(value) -> list[str]:
    """'a; b;;c' -> ['a', 'b', 'c']."""
    return [part.strip() for part in str(value or "").split(SEPARATOR) if part.strip()]


def quoted(values) -> str:
    return ", ".join(f"'{value}'" for value in values)


class UnknownValue(ValueError):
    """A key that matches nothing."""


class AmbiguousValue(ValueError):
    """A key (a synonym, usually) that matches more than one row."""


class ReferenceToBadRow(ValueError):
    """A key of a row that is in this import but has errors itself."""


class TextWidget(widgets.CharWidget):
    """A text cell; empty becomes '' and surrounding spaces are removed."""

    def clean(self, value, row=None, **kwargs):
        return "" if value is None else str(value).strip()


class SlugWidget(TextWidget):
    """A slug; lower case, so that 'Traumacentrum' finds 'traumacentrum'."""

    def clean(self, value, row=None, **kwargs):
        return super().clean(value).lower()


class PostcodeWidget(TextWidget):
    """A Dutch postcode, stored as '1234 AB'."""

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value)
        if not text:
            return ""
        try:
            return validators.normalise_postcode(text)
        except ValidationError as error:
            raise ValueError(error.messages[0]) from None


class DateWidget(widgets.DateWidget):
    """A date as ISO (2025-03-01), Dutch (01-03-2025) or an Excel date cell."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        for date_format in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, date_format).date()
            except ValueError:
                continue
        raise ValueError(f"'{text}' is geen geldige datum. Gebruik JJJJ-MM-DD (2025-03-01) of DD-MM-JJJJ (01-03-2025).")

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class FloatWidget(widgets.FloatWidget):
    """A decimal number; a Dutch decimal comma is accepted. Exported as a number."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = float(value)
        else:
            text = str(value).strip().replace(",", ".")
            try:
                number = float(text)
            except (ValueError, OverflowError):
                raise ValueError(f"'{value}' is geen getal. Gebruik een punt of komma als decimaalteken.") from None
        if not finite_number(number):  # NaN, infinity and 1e300 pass every min/max validator
            raise ValueError(f"'{value}' is geen bruikbaar getal.")
        return number

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value


class ChoiceWidget(TextWidget):
    """One of a model field's choices, given as code or as Dutch label."""

    def __init__(self, choices, noun: str, **kwargs):
        self.choices = [(str(code), str(label)) for code, label in choices]
        self.noun = noun
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value)
        if not text:
            return ""
        for code, label in self.choices:
            if text.casefold() in (code.casefold(), label.casefold()):
                return code
        options = ", ".join(f"{code} ({label})" for code, label in self.choices)
        raise ValueError(f"Onbekende {self.noun} '{text}'. Kies uit: {options}.")


class RequesterListWidget(widgets.Widget):
    """A list of Offer.Requester codes (or Dutch labels) separated by ';'."""

    def __init__(self, choices, **kwargs):
        self.choice = ChoiceWidget(choices, noun="aanvrager")
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        codes = []
        for text in split_list(value):
            code = self.choice.clean(text)
            if code not in codes:
                codes.append(code)
        if not codes:
            raise ValueError("Vul minstens één aanvrager in, bijvoorbeeld gp;mental_health.")
        return codes

    def render(self, value, obj=None, **kwargs):
        return SEPARATOR.join(value or [])


class LookupMixin:
    """Shared lookup for related rows by one or more text keys (case-insensitive).

    `primary_keys(obj)` are exact names (code, label); `secondary_keys(obj)`
    are looser search terms (synonyms, abbreviations) that are only used when
    no primary key matches, and must point at exactly one row.
    """

    noun = "waarde"
    unknown_hint = ""
    # The sheet whose rows this widget refers to, and the keys of its rows that
    # had errors in this import (casefolded key -> "afdelingen, rij 3").
    refers_to: str | None = None
    failed_rows: dict[str, str] = {}

    def primary_keys(self, obj) -> list[str]:
        raise NotImplementedError

    def secondary_keys(self, obj) -> list[str]:
        return []

    def _index(self):
        if getattr(self, "_cached_index", None) is None:
            primary: dict[str, list] = {}
            secondary: dict[str, list] = {}
            for obj in self.model.objects.all():
                for index, keys in ((primary, self.primary_keys(obj)), (secondary, self.secondary_keys(obj))):
                    for key in keys:
                        matches = index.setdefault(str(key).casefold(), [])
                        if obj not in matches:
                            matches.append(obj)
            self._cached_index = (primary, secondary)
        return self._cached_index

    def find(self, text: str):
        """The object for text; raise ValueError naming the text when unknown or ambiguous."""
        primary, secondary = self._index()
        key = text.casefold()
        matches = primary.get(key) or secondary.get(key) or []
        if len(matches) == 1:
            return matches[0]
        if matches:
            names = ", ".join(str(match) for match in matches)
            raise AmbiguousValue(f"'{text}' past bij meer dan één {self.noun} ({names}); gebruik de code.")
        if key in self.failed_rows:
            raise ReferenceToBadRow(
                f"{self.noun.capitalize()} '{text}' staat in {self.failed_rows[key]}, maar die regel heeft fouten. "
                "Verbeter die eerst."
            )
        raise UnknownValue(f"{self.unknown_label()} '{text}'.{self.unknown_hint}")

    def unknown_label(self) -> str:
        """'Onbekende afdeling', but 'Onbekend exclusiecriterium' (a 'het' word)."""
        return f"Onbekend {self.noun}" if getattr(self, "neuter", False) else f"Onbekende {self.noun}"


class RelatedListWidget(LookupMixin, widgets.ManyToManyWidget):
    """A many-to-many cell: keys separated by ';', at least one, all known."""

    plural = "waarden"

    def __init__(self, model, render_field: str, **kwargs):
        super().__init__(model, separator=SEPARATOR, field=render_field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        found, unknown = [], []
        for text in split_list(value):
            try:
                obj = self.find(text)
            except UnknownValue:
                unknown.append(text)
                continue
            if obj not in found:
                found.append(obj)
        if len(unknown) == 1:
            raise ValueError(f"{self.unknown_label()} '{unknown[0]}'.{self.unknown_hint}")
        if unknown:
            raise ValueError(f"Onbekende {self.plural} {quoted(unknown)}.{self.unknown_hint}")
        if not found:
            raise ValueError(f"Vul minstens één {self.noun} in.")
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return SEPARATOR.join(str(getattr(item, self.field)) for item in value.all())


class VocabularyListWidget(RelatedListWidget):
    """Vocabulary terms by code, Dutch or English label, synonym or abbreviation."""

    def __init__(self, model, noun: str, plural: str, **kwargs):
        self.noun, self.plural = noun, plural
        super().__init__(model, render_field="code", **kwargs)

    def primary_keys(self, obj):
        return [obj.code, obj.label_nl, obj.label_en]

    def secondary_keys(self, obj):
        return [*getattr(obj, "synonyms", []), *getattr(obj, "abbreviations", [])]


class InstitutionListWidget(RelatedListWidget):
    """Institutions by exact name (case-insensitive)."""

    noun, plural = "instelling", "instellingen"
    refers_to = "instellingen"
    unknown_hint = " Een instelling moet al in het register staan of in het tabblad (of csv-bestand) instellingen."

    def __init__(self, model, **kwargs):
        super().__init__(model, render_field="name", **kwargs)

    def primary_keys(self, obj):
        return [obj.name]


class RelatedWidget(LookupMixin, widgets.ForeignKeyWidget):
    """A foreign key cell: one key, which must be known. Empty gives None."""

    def __init__(self, model, render_field: str, noun: str, unknown_hint="", refers_to=None, neuter=False, **kwargs):
        self.noun, self.unknown_hint, self.refers_to, self.neuter = noun, unknown_hint, refers_to, neuter
        super().__init__(model, field=render_field, **kwargs)

    def primary_keys(self, obj):
        return [getattr(obj, self.field)]

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        return self.find(text) if text else None

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(getattr(value, self.field))


class VocabularyWidget(RelatedWidget):
    """One vocabulary term by code or Dutch or English label."""

    def primary_keys(self, obj):
        return [obj.code, obj.label_nl, obj.label_en]


class MunicipalityWidget(RelatedWidget):
    """A municipality by CBS code (GM0344) or by its name."""

    def primary_keys(self, obj):
        return [obj.code]

    def secondary_keys(self, obj):
        return [obj.name]

"""Forms of the register (used by the admin and later by department editors)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from django.core.exceptions import ValidationError

from geo.selectors import get_postcode_area

from . import validators
from .models import Location


class LocationForm(forms.ModelForm):
    """A location whose municipality and coordinates follow from its postcode unless given."""

    class Meta:
        model = Location
        fields = [
            "name",
            "street_address",
            "postcode",
            "city",
            "care_functions",
            "municipality",
            "latitude",
            "longitude",
        ]
        widgets = {"care_functions": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("municipality", "latitude", "longitude"):
            self.fields[name].required = False
            self.fields[name].help_text = _("Leeg laten: volgt uit de postcode (Bron: CBS / PDOK).")

    def clean_postcode(self):
        return validators.normalise_postcode(self.cleaned_data["postcode"])

    def clean(self):
        cleaned = super().clean()
        postcode = cleaned.get("postcode")
        if not postcode:
            return cleaned
        if cleaned.get("municipality") and cleaned.get("latitude") is not None and cleaned.get("longitude") is not None:
            return cleaned
        try:
            area = get_postcode_area(postcode)
        except ValidationError as error:
            self.add_error("postcode", error)
            self.add_error(None, _("Vul de gemeente en de coördinaten zelf in als het postcodegebied onbekend is."))
            return cleaned
        if not cleaned.get("municipality"):
            cleaned["municipality"] = area.municipality
        if cleaned.get("latitude") is None or cleaned.get("longitude") is None:
            cleaned["latitude"], cleaned["longitude"] = area.lat, area.lon
        for name in ("municipality", "latitude", "longitude"):
            setattr(self.instance, name, cleaned[name])
        return cleaned

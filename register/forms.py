"""Forms of the register (used by the admin and later by department editors)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from geo.models import PostcodeArea

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
        area = PostcodeArea.objects.select_related("municipality").filter(code=postcode[:4]).first()
        if area is None:
            self.add_error(
                "postcode",
                _("Postcodegebied %(pc4)s is onbekend; vul de gemeente en coördinaten zelf in.") % {"pc4": postcode[:4]},
            )
            return cleaned
        cleaned.setdefault("municipality", area.municipality)
        if not cleaned.get("municipality"):
            cleaned["municipality"] = area.municipality
        if cleaned.get("latitude") is None or cleaned.get("longitude") is None:
            cleaned["latitude"], cleaned["longitude"] = area.lat, area.lon
        for name in ("municipality", "latitude", "longitude"):
            setattr(self.instance, name, cleaned[name])
        return cleaned

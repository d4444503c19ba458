"""Dutch reference geography: provinces, municipalities, health-care regions
and 4-digit postcode areas, loaded from the CBS / PDOK files in geo/data/.

Coordinates are WGS84 degrees. For travel distance from a municipality use
its population-weighted centre (pop_weighted_lat/lon): it sits where people
live, unlike the area centroid.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

LAT_RANGE = (50.5, 53.8)
LON_RANGE = (3.0, 7.5)


def _in_netherlands(lat_field: str, lon_field: str) -> Q:
    return Q(
        **{
            f"{lat_field}__gte": LAT_RANGE[0],
            f"{lat_field}__lte": LAT_RANGE[1],
            f"{lon_field}__gte": LON_RANGE[0],
            f"{lon_field}__lte": LON_RANGE[1],
        }
    )


class Province(models.Model):
    code = models.CharField(_("code"), max_length=4, primary_key=True)  # PV20..PV31
    name = models.CharField(_("naam"), max_length=100, unique=True)
    population = models.PositiveIntegerField(_("inwoners"))
    pop_weighted_lat = models.FloatField()
    pop_weighted_lon = models.FloatField()

    class Meta:
        verbose_name = _("provincie")
        verbose_name_plural = _("provincies")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^PV[0-9]{2}$"), name="geo_province_code_format"),
        ]

    def __str__(self):
        return self.name


class HealthRegion(models.Model):
    class Kind(models.TextChoices):
        GGD = "ggd", _("GGD-regio")
        ZORGKANTOOR = "zorgkantoor", _("Zorgkantoorregio")

    code = models.CharField(_("code"), max_length=8, primary_key=True)  # GGxxxx / ZKxx
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("naam"), max_length=100)
    population = models.PositiveIntegerField(_("inwoners"))
    pop_weighted_lat = models.FloatField()
    pop_weighted_lon = models.FloatField()

    class Meta:
        verbose_name = _("zorgregio")
        verbose_name_plural = _("zorgregio's")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="geo_healthregion_kind_name_unique"),
            models.CheckConstraint(condition=Q(kind__in=["ggd", "zorgkantoor"]), name="geo_healthregion_kind_valid"),
        ]

    def __str__(self):
        return self.name


class Municipality(models.Model):
    code = models.CharField(_("code"), max_length=6, primary_key=True)  # GM0363
    name = models.CharField(_("naam"), max_length=100, db_index=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="municipalities")
    population = models.PositiveIntegerField(_("inwoners"))
    land_area_km2 = models.FloatField(_("landoppervlakte (km²)"))
    centroid_lat = models.FloatField()
    centroid_lon = models.FloatField()
    pop_weighted_lat = models.FloatField()
    pop_weighted_lon = models.FloatField()
    ggd_region = models.ForeignKey(
        HealthRegion, on_delete=models.PROTECT, related_name="ggd_municipalities", limit_choices_to={"kind": "ggd"}
    )
    zorgkantoor_region = models.ForeignKey(
        HealthRegion,
        on_delete=models.PROTECT,
        related_name="zorgkantoor_municipalities",
        limit_choices_to={"kind": "zorgkantoor"},
    )

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^GM[0-9]{4}$"), name="geo_municipality_code_format"),
            models.CheckConstraint(
                condition=_in_netherlands("pop_weighted_lat", "pop_weighted_lon"),
                name="geo_municipality_in_netherlands",
            ),
        ]

    def __str__(self):
        return self.name


class PostcodeArea(models.Model):
    """A 4-digit postcode area (PC4) with a representative point."""

    code = models.CharField(_("postcode"), max_length=4, primary_key=True)
    lat = models.FloatField()
    lon = models.FloatField()
    point_type = models.CharField(max_length=32)
    place_name = models.CharField(_("woonplaats"), max_length=100)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="postcode_areas")
    population = models.PositiveIntegerField(_("inwoners (2021)"))
    area_km2 = models.FloatField(_("oppervlakte (km²)"))

    class Meta:
        verbose_name = _("postcodegebied")
        verbose_name_plural = _("postcodegebieden")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^[1-9][0-9]{3}$"), name="geo_postcode_pc4_format"),
            models.CheckConstraint(condition=_in_netherlands("lat", "lon"), name="geo_postcode_in_netherlands"),
        ]

    def __str__(self):
        return f"{self.code} {self.place_name}"

"""django-import-export resources: one per sheet (kind) of the register.

Each resource maps the columns of one sheet to a model, finds existing rows
by their natural key (never by database id), validates every row with the
model's full_clean() plus its database constraints, and reports problems as
Dutch messages per column. Unchanged rows are skipped (no save, no history).
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from import_export import fields, resources
from import_export import widgets as ie_widgets

from geo.models import Municipality, PostcodeArea

from ..models import (
    AgeGroup,
    CareFunction,
    Department,
    DepartmentExclusion,
    ExclusionCriterion,
    Institution,
    Location,
    Offer,
    TargetGroup,
)
from . import widgets as w

CHANGE_REASON = "import"
REQUIRED_MESSAGE = "Dit veld is verplicht; vul een waarde in."
UNKNOWN_DEPARTMENT_HINT = " Een afdeling moet al in het register staan of in het tabblad (of csv-bestand) afdelingen."


def column(name: str, widget=None, **kwargs) -> fields.Field:
    """A resource field whose column header equals the model field name."""
    return fields.Field(attribute=name, column_name=name, widget=widget or w.TextWidget(), **kwargs)


def department_column() -> fields.Field:
    widget = w.RelatedWidget(
        Department, "slug", noun="afdeling", unknown_hint=UNKNOWN_DEPARTMENT_HINT, refers_to="afdelingen"
    )
    return column("department", widget)


class RegisterResource(resources.ModelResource):
    """Shared behaviour: natural keys, Dutch per-column errors, history, no deletes."""

    sheet = ""
    optional_columns: tuple[str, ...] = ()
    # constraint name -> (column, message) for constraints that full_clean() would only name.
    constraint_messages: dict[str, tuple[str, str]] = {}

    class Meta:
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        skip_html_diff = True
        use_transactions = True

    def __init__(self, *, user=None, source: str = "", row_numbers: list[int] | None = None):
        super().__init__()
        self.user = user
        self.source = source or self.sheet
        self.row_numbers = row_numbers or []
        self._seen_keys: dict[tuple, int] = {}
        self._quiet_fields: set[str] = set()

    def set_failed_rows(self, failed: dict[str, dict[str, str]]) -> None:
        """Tell the reference widgets which keys of earlier sheets had errors in this import."""
        for field in self.fields.values():
            refers_to = getattr(field.widget, "refers_to", None)
            if refers_to:
                field.widget.failed_rows = failed.get(refers_to, {})

    @classmethod
    def key_column(cls) -> str | None:
        """The single column other sheets use to refer to a row of this sheet."""
        names = cls._meta.import_id_fields
        return cls.fields[names[0]].column_name if len(names) == 1 else None

    @classmethod
    def columns(cls) -> list[str]:
        return [field.column_name for field in cls().get_import_fields()]

    @classmethod
    def required_columns(cls) -> list[str]:
        return [name for name in cls.columns() if name not in cls.optional_columns]

    def sheet_row(self, number: int) -> int:
        """Spreadsheet row of the number-th data row (the header is row 1)."""
        if 0 < number <= len(self.row_numbers):
            return self.row_numbers[number - 1]
        return number + 1

    # --- finding the existing row -------------------------------------------

    def get_instance(self, instance_loader, row):
        # A bad key (unknown department, say) is reported by import_instance().
        try:
            return super().get_instance(instance_loader, row)
        except (ValueError, ValidationError):
            return None

    def natural_key(self, instance) -> tuple:
        return tuple(self.fields[name].get_value(instance) for name in self.get_import_id_fields())

    # --- reading a row --------------------------------------------------------

    def import_instance(self, instance, row, **kwargs):
        """Set every column on the instance; collect each column's error."""
        self._quiet_fields = set()
        errors: dict[str, ValidationError] = {}
        for field in self.get_import_fields():
            try:
                if isinstance(field.widget, ie_widgets.ManyToManyWidget):
                    field.clean(row)  # validated now, saved after the instance
                else:
                    self.import_field(field, instance, row, **kwargs)
            except ValueError as error:
                errors[field.attribute] = ValidationError(str(error), code="invalid")
        self.after_fields(instance, row, errors)
        self.check_duplicate(instance, errors, kwargs.get("row_number", 0))
        if errors:
            raise ValidationError(errors)

    def after_fields(self, instance, row, errors: dict) -> None:
        """Hook: derive values from other columns (see LocationResource)."""

    def check_duplicate(self, instance, errors: dict, number: int) -> None:
        key = self.natural_key(instance)
        if any(part in (None, "") for part in key):
            return
        first = self._seen_keys.setdefault(key, self.sheet_row(number))
        if first != self.sheet_row(number):
            names = [self.fields[name].column_name for name in self.get_import_id_fields()]
            errors.setdefault(
                names[-1], ValidationError(f"Dubbele regel: rij {first} heeft dezelfde {' en '.join(names)}.")
            )

    # --- validation -----------------------------------------------------------

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """Column errors, then full_clean(), then every constraint with a Dutch message."""
        errors = ValidationError(import_validation_errors).error_dict if import_validation_errors else {}
        exclude = set(errors) | self._quiet_fields
        try:
            instance.full_clean(exclude=exclude, validate_unique=validate_unique, validate_constraints=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        exclude |= set(errors)
        for name, message in self.constraint_errors(instance, exclude):
            errors.setdefault(name, []).append(ValidationError(message, code="constraint"))
        if errors:
            raise ValidationError(errors)

    def constraint_errors(self, instance, exclude: set[str]):
        for model_class, constraints in instance.get_constraints():
            for constraint in constraints:
                try:
                    constraint.validate(model_class, instance, exclude=exclude)
                except ValidationError:
                    yield from self.explain_constraint(constraint.name, instance)

    def explain_constraint(self, name: str, instance):
        default = (NON_FIELD_ERRORS, f"Deze regel voldoet niet aan de regel '{name}' van het register.")
        yield self.constraint_messages.get(name, default)

    # --- saving -----------------------------------------------------------------

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if instance.pk is None:
            return False
        return super().skip_row(instance, original, row, import_validation_errors)

    def before_save_instance(self, instance, row, **kwargs):
        instance._change_reason = f"{CHANGE_REASON}: {self.source}"[:100]
        if self.user is not None:
            instance._history_user = self.user

    def after_import(self, dataset, result, **kwargs):
        """No sequence reset: primary keys are never imported."""


class InstitutionResource(RegisterResource):
    sheet = "instellingen"
    constraint_messages = {
        "register_institution_agb_unique": ("agb_code", "Deze AGB-code is al in gebruik bij een andere instelling."),
        "register_institution_kvk_unique": ("kvk_number", "Dit KvK-nummer is al in gebruik bij een andere instelling."),
    }

    name = column("name")
    website = column("website")
    city = column("city")
    agb_code = column("agb_code")
    kvk_number = column("kvk_number")

    class Meta:
        model = Institution
        fields = ("name", "website", "city", "agb_code", "kvk_number")
        import_id_fields = ("name",)

    def get_queryset(self):
        return Institution.objects.order_by("name")


class DepartmentResource(RegisterResource):
    """Departments. Status and certificate dates follow the certificates: the import never sets them.

    The three columns may be absent or empty; a value that differs from the register's (for a new
    department: 'in_procedure' without dates) refuses the whole import, with the row and the value the
    register holds, so that nobody believes a spreadsheet changed a certificate.
    """

    sheet = "afdelingen"
    derived_fields = ("status", "certified_from", "certified_until")
    optional_columns = derived_fields

    slug = column("slug", w.SlugWidget())
    name = column("name")
    institutions = column("institutions", w.InstitutionListWidget(Institution))
    description = column("description")
    specialised_since = column("specialised_since", w.DateWidget())
    phone = column("phone")
    email = column("email")
    website = column("website")
    status = column("status", w.ChoiceWidget(Department.Status.choices, noun="status"))
    certified_from = column("certified_from", w.DateWidget())
    certified_until = column("certified_until", w.DateWidget())
    reach = column(
        "reach", w.ChoiceWidget(Department.Reach.choices, noun="functie"), default=Department.Reach.SUPRA_REGIONAL
    )
    target_groups = column("target_groups", w.VocabularyListWidget(TargetGroup, noun="doelgroep", plural="doelgroepen"))
    age_groups = column(
        "age_groups", w.VocabularyListWidget(AgeGroup, noun="leeftijdsgroep", plural="leeftijdsgroepen")
    )
    last_confirmed_on = column("last_confirmed_on", w.DateWidget())

    class Meta:
        model = Department
        fields = (
            "slug", "name", "institutions", "description", "specialised_since", "phone", "email", "website",
            "status", "certified_from", "certified_until", "reach", "target_groups", "age_groups",
            "last_confirmed_on",
        )  # fmt: skip
        import_id_fields = ("slug",)

    def get_queryset(self):
        return Department.objects.order_by("slug").prefetch_related("institutions", "target_groups", "age_groups")

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        """Check, never set, the derived columns; import every other column as usual."""
        if field.attribute not in self.derived_fields:
            return super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)
        cell = row.get(field.column_name)
        if cell is None or str(cell).strip() == "":
            return None  # empty or absent: the register's value stays
        given = field.clean(row)  # a bad value (unknown status, bad date) is reported as such
        current = getattr(instance, field.attribute)
        if given != current:
            raise ValueError(self.derived_message(instance, field.attribute, current))
        return None

    @staticmethod
    def derived_message(instance, attribute: str, current) -> str:
        if attribute == "status":
            shown = f"'{instance.get_status_display().lower()}' ({current})"
        else:
            shown = current.isoformat() if current else "geen datum"
        rule = "De status en de data van het keurmerk volgen uit de keurmerken en veranderen niet via een import."
        if instance.pk is None:
            return (
                f"{rule} Een nieuwe afdeling begint als 'in procedure', zonder data, tot het bestuur een keurmerk "
                "verleent; laat deze cel leeg."
            )
        return f"{rule} In het register staat {shown}; laat deze cel leeg of neem die waarde over."

    def explain_constraint(self, name, instance):
        if name != "register_department_certificate_dates":
            yield from super().explain_constraint(name, instance)
            return
        status = instance.get_status_display().lower()
        if instance.certified_from is None:
            yield "certified_from", f"Een afdeling met status '{status}' heeft een begindatum van het keurmerk nodig."
        if instance.certified_until is None:
            yield "certified_until", f"Een afdeling met status '{status}' heeft een einddatum van het keurmerk nodig."
        if instance.certified_from and instance.certified_until:
            yield "certified_until", "De einddatum van het keurmerk moet na de begindatum liggen."


class LocationResource(RegisterResource):
    """Municipality and coordinates follow from the postcode's PC4 area unless given."""

    sheet = "locaties"
    constraint_messages = {
        "register_location_in_netherlands": ("latitude", "De coördinaten liggen niet in Nederland."),
    }
    optional_columns = ("municipality", "latitude", "longitude")
    derived_fields = {"municipality", "latitude", "longitude"}

    department = department_column()
    name = column("name")
    street_address = column("street_address")
    postcode = column("postcode", w.PostcodeWidget())
    city = column("city")
    care_functions = column(
        "care_functions", w.VocabularyListWidget(CareFunction, noun="zorgfunctie", plural="zorgfuncties")
    )
    municipality = column("municipality", w.MunicipalityWidget(Municipality, "code", noun="gemeente"))
    latitude = column("latitude", w.FloatWidget())
    longitude = column("longitude", w.FloatWidget())

    class Meta:
        model = Location
        fields = (
            "department", "name", "street_address", "postcode", "city", "care_functions",
            "municipality", "latitude", "longitude",
        )  # fmt: skip
        import_id_fields = ("department", "name")

    def get_queryset(self):
        return (
            Location.objects.select_related("department", "municipality")
            .prefetch_related("care_functions")
            .order_by("department__slug", "name")
        )

    def after_fields(self, instance, row, errors):
        if "postcode" in errors or not instance.postcode:
            self._quiet_fields |= self.derived_fields
            return
        pc4 = instance.postcode[:4]
        area = PostcodeArea.objects.select_related("municipality").filter(code=pc4).first()
        if area is None:
            errors["postcode"] = ValidationError(
                f"Postcodegebied {pc4} is onbekend (postcode '{instance.postcode}'). Controleer de postcode."
            )
            self._quiet_fields |= self.derived_fields
            return
        if instance.municipality_id is None and "municipality" not in errors:
            instance.municipality = area.municipality
        self.derive_point(instance, area, errors)

    def derive_point(self, instance, area, errors):
        if {"latitude", "longitude"} & set(errors):
            return
        if instance.latitude is None and instance.longitude is None:
            instance.latitude, instance.longitude = area.lat, area.lon
        elif instance.latitude is None or instance.longitude is None:
            missing = "latitude" if instance.latitude is None else "longitude"
            errors[missing] = ValidationError(
                "Vul zowel latitude als longitude in, of laat beide leeg (dan volgt het punt uit de postcode)."
            )



class OfferResource(RegisterResource):
    sheet = "aanbod"

    department = department_column()
    kind = column("kind", w.ChoiceWidget(Offer.Kind.choices, noun="soort aanbod"))
    requesters = column("requesters", w.RequesterListWidget(Offer.Requester.choices))
    how_to_request = column("how_to_request")
    status = column("status", w.ChoiceWidget(Offer.Status.choices, noun="status"), default=Offer.Status.OPEN)
    pause_reason = column("pause_reason")
    pause_expected_end = column("pause_expected_end", w.DateWidget())

    class Meta:
        model = Offer
        fields = (
            "department", "kind", "requesters", "how_to_request", "status", "pause_reason",
            "pause_expected_end",
        )  # fmt: skip
        import_id_fields = ("department", "kind")

    def get_queryset(self):
        return Offer.objects.select_related("department").order_by("department__slug", "kind")

    def explain_constraint(self, name, instance):
        if name != "register_offer_pause_consistent":
            yield from super().explain_constraint(name, instance)
            return
        if instance.status == Offer.Status.PAUSED:
            if not instance.pause_reason:
                yield "pause_reason", "Een aanbod met een aanmeldpauze heeft een reden voor de pauze nodig."
            if instance.pause_expected_end is None:
                yield "pause_expected_end", "Een aanbod met een aanmeldpauze heeft een verwachte einddatum nodig."
        else:
            yield "status", (
                "Een open aanbod heeft geen reden of einddatum van een aanmeldpauze. "
                "Zet de status op 'paused' of maak pause_reason en pause_expected_end leeg."
            )


class DepartmentExclusionResource(RegisterResource):
    sheet = "exclusiecriteria"

    department = department_column()
    criterion = column(
        "criterion", w.VocabularyWidget(ExclusionCriterion, "code", noun="exclusiecriterium", neuter=True)
    )
    note = column("note")

    class Meta:
        model = DepartmentExclusion
        fields = ("department", "criterion", "note")
        import_id_fields = ("department", "criterion")

    def get_queryset(self):
        return DepartmentExclusion.objects.select_related("department", "criterion").order_by(
            "department__slug", "criterion__order", "criterion__code"
        )


# In the order in which they are imported: a sheet may refer to the sheets before it.
RESOURCES: dict[str, type[RegisterResource]] = {
    resource.sheet: resource
    for resource in (
        InstitutionResource,
        DepartmentResource,
        LocationResource,
        OfferResource,
        DepartmentExclusionResource,
    )
}
KINDS = tuple(RESOURCES)

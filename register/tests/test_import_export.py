"""Importing and exporting the whole register (XLSX and CSV), all or nothing.

Workbooks are built here with openpyxl; register/tests/data/ holds a small
set of CSV files (afdelingen.csv uses ';', a BOM and Dutch dates).
"""

import csv
import datetime
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import DatabaseError
from django.test import Client, RequestFactory
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from geo.models import Municipality, PostcodeArea
from register.admin_importexport import RegisterImportExportAdminMixin
from register.importexport import RESOURCES, export_register, import_register
from register.models import Department, DepartmentExclusion, Institution, Location, Offer

from .factories import (
    DepartmentExclusionFactory,
    DepartmentFactory,
    InstitutionFactory,
    LocationFactory,
    MunicipalityFactory,
    OfferFactory,
)

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def geo(db):
    """Just the geography the files use: PC4 areas 3511 (Utrecht) and 1012 (Amsterdam); 1000 is unknown."""
    utrecht = MunicipalityFactory()
    amsterdam = MunicipalityFactory(code="GM0363", name="Amsterdam", pop_weighted_lat=52.37, pop_weighted_lon=4.89)
    for code, lat, lon, municipality in (("3511", 52.0918, 5.1146, utrecht), ("1012", 52.3746, 4.8960, amsterdam)):
        PostcodeArea.objects.create(
            code=code,
            lat=lat,
            lon=lon,
            point_type="centroid",
            place_name=municipality.name,
            municipality=municipality,
            population=8000,
            area_km2=1.0,
        )


# --- building files ---------------------------------------------------------------


def institution(**changes):
    return {
        "name": "Stichting Traumazorg",
        "website": "https://traumazorg.example",
        "city": "Utrecht",
        "agb_code": "06123456",
        "kvk_number": "41234567",
        **changes,
    }


def department(**changes):
    return {
        "slug": "traumacentrum",
        "name": "Traumacentrum Utrecht",
        "institutions": "Stichting Traumazorg",
        "description": "Behandeling van ernstige en complexe traumaklachten.",
        "specialised_since": "2015-01-01",
        "phone": "030 123 45 67",
        "email": "info@traumazorg.example",
        "website": "",
        "status": "in_procedure",
        "certified_from": "",
        "certified_until": "",
        "reach": "national",
        "target_groups": "psychotrauma",
        "age_groups": "adults",
        "last_confirmed_on": "2025-01-15",
        **changes,
    }


def location(**changes):
    return {
        "department": "traumacentrum",
        "name": "Hoofdlocatie",
        "street_address": "Oudegracht 1",
        "postcode": "3511 AB",
        "city": "Utrecht",
        "care_functions": "outpatient;day_treatment",
        **changes,
    }


def offer(**changes):
    return {
        "department": "traumacentrum",
        "kind": "treatment",
        "requesters": "gp;mental_health",
        "how_to_request": "Stuur een verwijsbrief via Zorgdomein.",
        "status": "open",
        "pause_reason": "",
        "pause_expected_end": "",
        **changes,
    }


def exclusion(**changes):
    return {"department": "traumacentrum", "criterion": "active_addiction", "note": "", **changes}


def valid_register():
    return {
        "instellingen": [institution()],
        "afdelingen": [department()],
        "locaties": [location()],
        "aanbod": [offer()],
        "exclusiecriteria": [exclusion()],
    }


def table(kind, records):
    """Header row plus one row per record, in the resource's column order."""
    resource = RESOURCES[kind]
    columns = resource.required_columns() + [
        name for name in resource.optional_columns if any(name in record for record in records)
    ]
    return [columns, *([record.get(name, "") for name in columns] for record in records)]


def xlsx(sheets) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for kind, records in sheets.items():
        worksheet = workbook.create_sheet(kind)
        for values in table(kind, records):
            worksheet.append(values)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def csv_file(kind, records, delimiter=",", encoding="utf-8") -> bytes:
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter).writerows(table(kind, records))
    return text.getvalue().encode(encoding)


def import_workbook(sheets, **kwargs):
    return import_register([("register.xlsx", xlsx(sheets))], **kwargs)


def register_counts():
    """Row counts of every register table, including history and many-to-many tables."""
    models = apps.get_app_config("register").get_models(include_auto_created=True)
    return {model._meta.db_table: model.objects.count() for model in models}


def problems(report):
    return [(error.source, error.row, error.column, error.message) for error in report.errors]


# --- importing --------------------------------------------------------------------


def test_a_valid_workbook_creates_every_kind():
    report = import_workbook(valid_register())

    assert report.ok, report.error_lines()
    assert {kind: counts.created for kind, counts in report.counts.items()} == {
        "instellingen": 1,
        "afdelingen": 1,
        "locaties": 1,
        "aanbod": 1,
        "exclusiecriteria": 1,
    }
    imported = Department.objects.get(slug="traumacentrum")
    assert [i.name for i in imported.institutions.all()] == ["Stichting Traumazorg"]
    assert (imported.status, imported.certified_until) == (Department.Status.IN_PROCEDURE, None)
    assert imported.locations.get().care_functions.count() == 2
    assert imported.offers.get().requesters == ["gp", "mental_health"]
    assert imported.exclusions.get().criterion.code == "active_addiction"


def test_a_location_gets_its_municipality_and_coordinates_from_the_postcode():
    import_workbook(valid_register())

    imported = Location.objects.get(name="Hoofdlocatie")
    area = PostcodeArea.objects.get(code="3511")
    assert imported.municipality.code == "GM0344"
    assert (imported.latitude, imported.longitude) == (area.lat, area.lon)


def test_latitude_and_longitude_columns_override_the_postcode_point():
    sheets = valid_register()
    sheets["locaties"] = [location(latitude="52,1", longitude=5.2)]

    import_workbook(sheets)

    assert Location.objects.values_list("latitude", "longitude").get() == (52.1, 5.2)


def test_one_bad_row_among_good_ones_saves_nothing():
    sheets = valid_register()
    sheets["aanbod"].append(offer(kind="consultation", requesters="gp;tandarts"))
    before = register_counts()

    report = import_workbook(sheets)

    assert not report.ok
    assert register_counts() == before


def test_the_report_names_the_sheet_row_column_and_reason_of_a_bad_row():
    sheets = valid_register()
    sheets["aanbod"].append(offer(kind="consultation", requesters="gp;tandarts"))

    report = import_workbook(sheets)

    assert len(report.errors) == 1
    source, row, column, message = problems(report)[0]
    assert (source, row, column) == ("aanbod", 3, "requesters")
    assert "Onbekende aanvrager 'tandarts'" in message


def test_every_bad_row_is_reported_not_only_the_first():
    sheets = valid_register()
    sheets["instellingen"].append(institution(name="Kliniek Twee", agb_code="123", kvk_number=""))
    sheets["afdelingen"].append(department(slug="tweede", email="geen-e-mail"))
    sheets["afdelingen"].append(department(slug="derde", last_confirmed_on="31-02-2025"))

    report = import_workbook(sheets)

    assert {(e.source, e.row, e.column) for e in report.errors} == {
        ("instellingen", 3, "agb_code"),
        ("afdelingen", 3, "email"),
        ("afdelingen", 4, "last_confirmed_on"),
    }


def test_an_unknown_target_group_is_named_without_listing_the_known_ones():
    sheets = {"instellingen": [institution()], "afdelingen": [department(target_groups="psychotrauma;Kleptomanie")]}

    report = import_workbook(sheets)

    assert problems(report) == [("afdelingen", 2, "target_groups", "Onbekende doelgroep 'Kleptomanie'.")]


def test_a_row_referring_to_a_bad_row_of_an_earlier_sheet_points_at_that_row():
    sheets = valid_register()
    sheets["afdelingen"] = [department(target_groups="Kleptomanie")]

    report = import_workbook(sheets)

    assert ("locaties", 2, "department") in {(e.source, e.row, e.column) for e in report.errors}
    assert report.errors[1].message == (
        "Afdeling 'traumacentrum' staat in afdelingen, rij 2, maar die regel heeft fouten. Verbeter die eerst."
    )


def test_an_abbreviation_such_as_ptss_resolves_to_its_target_group():
    sheets = valid_register()
    sheets["afdelingen"] = [department(target_groups="PTSS;Dwangstoornissen", age_groups="Volwassenen (18-65 jaar)")]

    import_workbook(sheets)

    imported = Department.objects.get(slug="traumacentrum")
    assert sorted(imported.target_groups.values_list("code", flat=True)) == ["dwang", "psychotrauma"]
    assert list(imported.age_groups.values_list("code", flat=True)) == ["adults"]


def test_a_synonym_shared_by_two_target_groups_asks_for_the_code():
    sheets = valid_register()
    sheets["afdelingen"] = [department(target_groups="stemmingsstoornis")]

    report = import_workbook(sheets)

    assert "meer dan één doelgroep" in report.errors[0].message


def test_an_invalid_postcode_is_reported():
    sheets = valid_register()
    sheets["locaties"] = [location(postcode="35111 AB")]

    report = import_workbook(sheets)

    assert [(e.row, e.column) for e in report.errors] == [(2, "postcode")]
    assert "geen geldige postcode" in report.errors[0].message


def test_a_postcode_whose_pc4_area_is_unknown_is_reported():
    sheets = valid_register()
    sheets["locaties"] = [location(postcode="1000 AA")]

    report = import_workbook(sheets)

    assert problems(report) == [
        ("locaties", 2, "postcode", "Postcodegebied 1000 is onbekend (postcode '1000 AA'). Controleer de postcode.")
    ]


def test_an_unknown_exclusion_criterion_is_named():
    sheets = valid_register()
    sheets["exclusiecriteria"] = [exclusion(criterion="Te jong")]

    report = import_workbook(sheets)

    assert problems(report) == [("exclusiecriteria", 2, "criterion", "Onbekend exclusiecriterium 'Te jong'.")]


def test_a_location_for_an_unknown_department_slug_is_reported():
    sheets = valid_register()
    sheets["locaties"].append(location(department="bestaat-niet", name="Elders"))

    report = import_workbook(sheets)

    assert [(e.row, e.column) for e in report.errors] == [(3, "department")]
    assert "Onbekende afdeling 'bestaat-niet'" in report.errors[0].message


def test_a_location_may_refer_to_a_department_that_already_exists():
    existing = DepartmentFactory(slug="bestaand-centrum")

    report = import_workbook({"locaties": [location(department="bestaand-centrum")]})

    assert report.ok, report.error_lines()
    assert existing.locations.count() == 1


# --- the certificate's status and dates: never set by an import ------------------------

DERIVED_RULE = "De status en de data van het keurmerk volgen uit de keurmerken en veranderen niet via een import."


def certified_department(**changes):
    return DepartmentFactory(
        slug="traumacentrum",
        status=Department.Status.CERTIFIED,
        certified_from=datetime.date(2024, 3, 1),
        certified_until=datetime.date(2028, 2, 29),
        **changes,
    )


def test_a_new_department_marked_certified_refuses_the_whole_import_with_row_and_column():
    sheets = {
        "instellingen": [institution()],
        "afdelingen": [department(slug="eerste"), department(status="certified", certified_from="2024-03-01")],
    }

    report = import_workbook(sheets)

    assert [(e.source, e.row, e.column) for e in report.errors] == [
        ("afdelingen", 3, "status"),
        ("afdelingen", 3, "certified_from"),
    ]
    assert report.errors[0].message.startswith(DERIVED_RULE)
    assert "begint als 'in procedure'" in report.errors[0].message
    assert not Department.objects.exists() and not Institution.objects.exists()


def test_an_import_that_changes_the_status_of_a_department_is_refused_and_changes_nothing():
    existing = certified_department()
    before = register_counts()

    report = import_workbook({"afdelingen": [department(name="Nieuwe naam", status="expired", certified_from="2024-03-01", certified_until="2028-02-29", institutions=existing.institutions.get().name)]})

    assert problems(report) == [
        ("afdelingen", 2, "status", f"{DERIVED_RULE} In het register staat 'gecertificeerd' (certified); "
         "laat deze cel leeg of neem die waarde over."),
    ]
    existing.refresh_from_db()
    assert (existing.name, existing.status) != ("Nieuwe naam", Department.Status.EXPIRED)
    assert register_counts() == before


def test_an_import_that_moves_a_certificate_date_is_refused():
    existing = certified_department()

    report = import_workbook({"afdelingen": [department(status="certified", certified_from="2024-03-01", certified_until="2029-01-01", institutions=existing.institutions.get().name)]})

    assert [(e.row, e.column) for e in report.errors] == [(2, "certified_until")]
    assert "In het register staat 2028-02-29" in report.errors[0].message
    existing.refresh_from_db()
    assert existing.certified_until == datetime.date(2028, 2, 29)


def test_the_registers_own_status_and_dates_in_the_file_are_accepted_and_other_columns_change():
    existing = certified_department()

    report = import_workbook({"afdelingen": [department(name="Nieuwe naam", status="Gecertificeerd", certified_from="01-03-2024", certified_until="2028-02-29", institutions=existing.institutions.get().name)]})

    assert report.ok, report.error_lines()
    existing.refresh_from_db()
    assert (existing.name, existing.status, existing.certified_until) == ("Nieuwe naam", "certified", datetime.date(2028, 2, 29))


def test_empty_status_and_date_cells_keep_the_registers_values():
    existing = certified_department()

    report = import_workbook({"afdelingen": [department(name="Nieuwe naam", status="", institutions=existing.institutions.get().name)]})

    assert report.ok, report.error_lines()
    existing.refresh_from_db()
    assert (existing.name, existing.status, existing.certified_from) == ("Nieuwe naam", "certified", datetime.date(2024, 3, 1))


def test_a_file_without_the_status_and_date_columns_creates_departments_in_procedure():
    record = {k: v for k, v in department().items() if k not in ("status", "certified_from", "certified_until")}

    report = import_workbook({"instellingen": [institution()], "afdelingen": [record]})

    assert report.ok, report.error_lines()
    assert Department.objects.get().status == Department.Status.IN_PROCEDURE


def test_an_unknown_status_in_the_file_is_still_named_as_unknown():
    report = import_workbook({"instellingen": [institution()], "afdelingen": [department(status="heilig")]})

    assert [(e.column, e.message.split(".")[0]) for e in report.errors] == [("status", "Onbekende status 'heilig'")]


def test_a_certified_department_exported_and_imported_into_an_empty_register_is_refused():
    """Without its certificates an empty register cannot hold a certified department: the import says so."""
    build_register()
    exported = export_register("xlsx")
    empty_register()

    report = import_register([("register.xlsx", exported)])

    assert {(e.source, e.column) for e in report.errors if e.source == "afdelingen"} == {
        ("afdelingen", "status"), ("afdelingen", "certified_from"), ("afdelingen", "certified_until")
    }
    assert not Department.objects.exists()


def test_a_paused_offer_without_a_reason_is_reported():
    sheets = valid_register()
    sheets["aanbod"] = [offer(status="paused", pause_expected_end="2026-06-01")]

    report = import_workbook(sheets)

    assert problems(report) == [
        ("aanbod", 2, "pause_reason", "Een aanbod met een aanmeldpauze heeft een reden voor de pauze nodig.")
    ]


def test_a_missing_institution_name_is_reported():
    report = import_workbook({"instellingen": [institution(name="")]})

    assert problems(report) == [("instellingen", 2, "name", "Dit veld is verplicht; vul een waarde in.")]


def test_an_invalid_kvk_number_is_reported():
    report = import_workbook({"instellingen": [institution(kvk_number="1234567X")]})

    assert [(e.column, e.message) for e in report.errors] == [
        ("kvk_number", "Een KvK-nummer bestaat uit precies 8 cijfers; '1234567X' is dat niet.")
    ]


def test_an_agb_code_typed_as_a_number_in_excel_keeps_its_leading_zero():
    report = import_workbook({"instellingen": [institution(agb_code=6123456)]})

    assert report.ok, report.error_lines()
    assert Institution.objects.get().agb_code == "06123456"


def test_an_invalid_date_is_reported_and_dutch_and_excel_dates_are_accepted():
    sheets = valid_register()
    sheets["afdelingen"] = [
        department(specialised_since="01-02-2015", last_confirmed_on=datetime.datetime(2025, 1, 15)),
        department(slug="tweede", last_confirmed_on="15 januari"),
    ]

    report = import_workbook(sheets)

    assert [(e.row, e.column) for e in report.errors] == [(3, "last_confirmed_on")]
    assert "'15 januari' is geen geldige datum" in report.errors[0].message


def test_the_same_key_twice_in_one_sheet_is_reported():
    sheets = valid_register()
    sheets["afdelingen"].append(department(name="Dubbel"))

    report = import_workbook(sheets)

    assert [(e.row, e.column) for e in report.errors] == [(3, "slug")]
    assert report.errors[0].message == "Dubbele regel: rij 2 heeft dezelfde slug."


def test_an_unknown_or_missing_column_is_reported_on_the_header_row():
    rows = table("instellingen", [institution()])
    rows[0][rows[0].index("kvk_number")] = "kvk"
    workbook = openpyxl.Workbook()
    for values in rows:
        workbook.active.append(values)
    workbook.active.title = "instellingen"
    stream = io.BytesIO()
    workbook.save(stream)

    report = import_register([("register.xlsx", stream.getvalue())])

    assert {(e.row, e.column) for e in report.errors} == {(1, "kvk"), (1, "kvk_number")}


def test_a_database_error_while_saving_rolls_back_everything(monkeypatch):
    def fail(self, *args, **kwargs):
        raise DatabaseError("schijf vol")

    monkeypatch.setattr(Offer, "save", fail)
    before = register_counts()

    report = import_workbook(valid_register())

    assert [(e.source, e.row) for e in report.errors] == [("aanbod", 2)]
    assert "schijf vol" in report.errors[0].message
    assert register_counts() == before


def test_a_dry_run_reports_what_it_would_do_and_saves_nothing():
    before = register_counts()

    report = import_workbook(valid_register(), dry_run=True)

    assert report.ok and not report.saved
    assert report.counts["afdelingen"].created == 1
    assert register_counts() == before


def test_csv_files_with_semicolons_a_bom_and_dutch_dates_are_imported():
    files = [(path.name, path.read_bytes()) for path in sorted(DATA.glob("*.csv"))]
    assert (DATA / "afdelingen.csv").read_bytes().startswith(b"\xef\xbb\xbfslug;")

    report = import_register(files)

    assert report.ok, report.error_lines()
    trauma = Department.objects.get(slug="traumacentrum-utrecht")
    assert (trauma.status, trauma.certified_from) == (Department.Status.IN_PROCEDURE, None)
    assert trauma.reach == Department.Reach.NATIONAL
    assert sorted(trauma.target_groups.values_list("code", flat=True)) == ["psychotrauma"]
    assert Offer.objects.get(kind="second_opinion").status == Offer.Status.PAUSED
    assert Location.objects.get(name="Hoofdlocatie").postcode == "3511 AB"


def test_the_kind_of_a_single_csv_file_can_be_given_when_its_name_does_not_say():
    content = csv_file("instellingen", [institution()], delimiter=";")

    unnamed = import_register([("export.csv", content)])
    named = import_register([("export.csv", content)], kind="instellingen")

    assert "Uit de bestandsnaam blijkt niet" in unnamed.errors[0].message
    assert named.ok and Institution.objects.count() == 1


def test_importing_the_same_workbook_twice_changes_nothing_the_second_time():
    content = xlsx(valid_register())
    import_register([("register.xlsx", content)])
    before = register_counts()

    again = import_register([("register.xlsx", content)])

    assert again.ok
    assert {counts.unchanged for counts in again.counts.values()} == {1}
    assert {counts.created + counts.updated for counts in again.counts.values()} == {0}
    assert register_counts() == before


def test_an_import_updates_by_natural_key_and_never_deletes():
    import_workbook(valid_register())
    sheets = valid_register()
    sheets["afdelingen"] = [department(name="Traumacentrum Nederland")]
    sheets["locaties"] = [location(name="Dependance", postcode="1012 JS", city="Amsterdam")]

    report = import_workbook(sheets)

    assert report.counts["afdelingen"].updated == 1
    assert Department.objects.get().name == "Traumacentrum Nederland"
    assert sorted(Location.objects.values_list("name", flat=True)) == ["Dependance", "Hoofdlocatie"]


def test_imported_rows_record_the_user_and_the_import_in_the_history():
    user = User.objects.create_user("bureau@topggz.example", "Een-lang-wachtwoord-1")

    import_workbook(valid_register(), user=user)

    latest = Department.objects.get().history.first()
    assert latest.history_user == user
    assert latest.history_change_reason == "import: afdelingen"


# --- upload checks --------------------------------------------------------------------


def test_an_exe_renamed_to_xlsx_is_refused():
    report = import_register([("register.xlsx", b"MZ\x90\x00" + b"\x00" * 200)])

    assert problems(report) == [
        (
            "register.xlsx",
            None,
            "",
            "Dit is geen geldig Excel-bestand (.xlsx). Sla het bestand in Excel op als 'Excel-werkmap (.xlsx)'.",
        )
    ]


def test_a_file_that_is_not_csv_or_xlsx_is_refused():
    report = import_register([("register.exe", b"MZ")])

    assert "alleen Excel-bestanden (.xlsx) en csv-bestanden (.csv)" in report.errors[0].message


def test_a_csv_that_is_not_utf8_is_refused():
    report = import_register([("instellingen.csv", "name\nStichting Zorg é\n".encode("cp1252"))])

    assert "geen csv-bestand in UTF-8" in report.errors[0].message


def test_a_file_larger_than_the_limit_is_refused(settings):
    settings.REGISTER_IMPORT_MAX_BYTES = 1000
    upload = SimpleUploadedFile("instellingen.csv", b"name\n" + b"x" * 2000)

    report = import_register([upload])

    assert report.errors[0].source == "instellingen.csv"
    assert "te groot" in report.errors[0].message
    assert Institution.objects.count() == 0


# --- export ---------------------------------------------------------------------------


def build_register():
    utrecht = Municipality.objects.get(code="GM0344")
    first = DepartmentFactory(slug="centrum-a", target_groups=["psychotrauma", "dwang"], age_groups=["adults", "youth"])
    second = DepartmentFactory(
        slug="centrum-b",
        status=Department.Status.IN_PROCEDURE,
        certified_from=None,
        certified_until=None,
        institutions=[first.institutions.get(), InstitutionFactory(agb_code="", kvk_number="")],
    )
    LocationFactory(department=first, municipality=utrecht, care_functions=["outpatient", "crisis"])
    LocationFactory(department=second, municipality=utrecht, latitude=52.1, longitude=5.05)
    OfferFactory(department=first)
    OfferFactory(
        department=first,
        kind=Offer.Kind.CONSULTATION,
        status=Offer.Status.PAUSED,
        pause_reason="Wachtlijst",
        pause_expected_end=datetime.date(2026, 9, 1),
    )
    DepartmentExclusionFactory(department=second, note="=Alleen na overleg")


def empty_register():
    for model in (DepartmentExclusion, Offer, Location, Department, Institution):
        model.objects.all().delete()


@pytest.mark.parametrize("export_format", ["xlsx", "csv"])
def test_export_then_import_into_an_empty_register_recreates_it(export_format):
    """Departments in procedure: a certified one needs its certificate, which the register's files do not hold."""
    build_register()
    Department.objects.update(status=Department.Status.IN_PROCEDURE, certified_from=None, certified_until=None)
    exported = export_register(export_format)
    empty_register()

    if export_format == "xlsx":
        report = import_register([("register.xlsx", exported)])
    else:
        archive = zipfile.ZipFile(io.BytesIO(exported))
        report = import_register([(name, archive.read(name)) for name in archive.namelist()])

    assert report.ok, report.error_lines()
    assert read_export(export_register(export_format), export_format) == read_export(exported, export_format)
    assert DepartmentExclusion.objects.get().note == "=Alleen na overleg"


def read_export(content, export_format):
    """Sheet name -> rows of cell values (comparable across exports)."""
    if export_format == "csv":
        archive = zipfile.ZipFile(io.BytesIO(content))
        return {name: archive.read(name).decode("utf-8-sig") for name in archive.namelist()}
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


def test_the_csv_export_is_a_zip_with_one_csv_file_per_kind():
    build_register()

    archive = zipfile.ZipFile(io.BytesIO(export_register("csv")))

    assert sorted(archive.namelist()) == sorted(f"{kind}.csv" for kind in RESOURCES)
    assert archive.read("afdelingen.csv").decode("utf-8-sig").startswith("slug,name,institutions,")


# --- management commands --------------------------------------------------------------


def test_the_import_command_prints_what_it_created(tmp_path):
    path = tmp_path / "register.xlsx"
    path.write_bytes(xlsx(valid_register()))
    out = io.StringIO()

    call_command("import_register", str(path), stdout=out)

    assert "afdelingen: 1 nieuw, 0 bijgewerkt, 0 ongewijzigd" in out.getvalue()
    assert Department.objects.count() == 1


def test_the_import_command_exits_with_an_error_and_prints_row_numbers(tmp_path):
    InstitutionFactory(name="Stichting Traumazorg")
    path = tmp_path / "afdelingen.csv"
    path.write_bytes(csv_file("afdelingen", [department(target_groups="Onbekend")], delimiter=";"))
    err = io.StringIO()

    with pytest.raises(CommandError, match="1 fout"):
        call_command("import_register", str(path), stderr=err)

    assert "afdelingen.csv, rij 2, kolom target_groups: Onbekende doelgroep 'Onbekend'." in err.getvalue()


def test_the_export_command_writes_a_workbook_that_the_import_command_reads(tmp_path):
    build_register()
    path = tmp_path / "register.xlsx"

    call_command("export_register", str(path), stdout=io.StringIO())
    out = io.StringIO()
    call_command("import_register", str(path), "--dry-run", stdout=out)

    assert "afdelingen: 0 nieuw, 0 bijgewerkt, 2 ongewijzigd" in out.getvalue()


def test_the_export_command_refuses_an_unknown_extension(tmp_path):
    with pytest.raises(CommandError, match=".xlsx"):
        call_command("export_register", str(tmp_path / "register.txt"))


# --- admin ----------------------------------------------------------------------------


@pytest.fixture
def department_admin():
    model_admin = admin.site._registry[Department]
    assert isinstance(model_admin, RegisterImportExportAdminMixin)
    return model_admin


def staff(*codenames):
    user = User.objects.create_user("bureau@topggz.example", "Een-lang-wachtwoord-1", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="register", codename__in=codenames))
    return User.objects.get(pk=user.pk)  # fresh permission cache


def admin_request(user, method="get", data=None):
    request = getattr(RequestFactory(), method)("/beheer/register/department/importeren/", data or {})
    request.user = user
    return request


def test_the_department_admin_has_import_and_export_urls(department_admin):
    names = {pattern.name for pattern in department_admin.get_urls()}

    assert {"register_department_import", "register_department_export"} <= names


def test_staff_with_add_and_change_permission_can_import_a_workbook_in_the_admin(department_admin):
    user = staff("add_department", "change_department")
    upload = SimpleUploadedFile("register.xlsx", xlsx(valid_register()))

    response = department_admin.import_view(admin_request(user, "post", {"files": [upload]}))
    response.render()

    assert "De import is opgeslagen." in response.content.decode()
    assert Department.objects.get().history.first().history_user == user


def test_the_admin_import_shows_every_error_in_a_table(department_admin):
    user = staff("add_department", "change_department")
    sheets = valid_register()
    sheets["locaties"] = [location(postcode="1000 AA")]
    upload = SimpleUploadedFile("register.xlsx", xlsx(sheets))

    response = department_admin.import_view(admin_request(user, "post", {"files": [upload]}))
    content = response.render().content.decode()

    assert 'id="import-errors"' in content
    assert "<td>locaties</td><td>2</td><td>postcode</td>" in content
    assert Department.objects.count() == 0


def test_staff_without_the_add_permission_may_not_import(department_admin):
    user = staff("change_department")

    with pytest.raises(PermissionDenied):
        department_admin.import_view(admin_request(user))


def test_the_admin_export_downloads_a_workbook(department_admin):
    build_register()
    user = staff("add_department", "change_department")

    response = department_admin.export_view(admin_request(user, data={"formaat": "xlsx"}))

    assert response["Content-Disposition"].startswith('attachment; filename="topggz-register-')
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames == list(RESOURCES)


def test_the_export_page_offers_a_workbook_and_a_zip_of_csv_files(department_admin):
    user = staff("add_department", "change_department")

    content = department_admin.export_view(admin_request(user)).render().content.decode()

    assert 'href="?formaat=xlsx"' in content and 'href="?formaat=csv"' in content


def test_the_change_list_links_to_import_and_export(department_admin):
    user = staff("view_department", "add_department", "change_department")

    response = department_admin.changelist_view(admin_request(user))
    content = response.render().content.decode()

    assert 'href="/beheer/register/department/importeren/"' in content
    assert 'href="/beheer/register/department/exporteren/"' in content


def test_the_import_page_takes_a_csrf_protected_upload_through_the_admin_urls():
    user = User.objects.create_superuser("beheer@topggz.example", "Een-lang-wachtwoord-1")
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id  # passed the second factor
    session.save()
    url = reverse("admin:register_department_import")

    page = client.get(url)
    refused = client.post(url, {"files": SimpleUploadedFile("register.xlsx", xlsx(valid_register()))})
    upload = SimpleUploadedFile("register.xlsx", xlsx(valid_register()))
    token = page.cookies["csrftoken"].value
    response = client.post(url, {"files": upload, "csrfmiddlewaretoken": token})

    assert page.status_code == 200 and b'enctype="multipart/form-data"' in page.content
    assert refused.status_code == 403
    assert response.status_code == 200 and "De import is opgeslagen." in response.content.decode()
    assert Department.objects.count() == 1

"""The complaints vocabulary: its seed, its import and export, its admin, and the finder reading it."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import RequestFactory

from accounts.models import User
from register import vocabulary
from register.importexport.complaints import export_complaints, import_complaints
from register.models import ComplaintLink, ComplaintTerm, TargetGroup
from register.search import FinderQuery, search
from register.vocabulary import format_target_group_weights, parse_target_group_weights

from .factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def weights_of(term: str) -> dict[str, Decimal]:
    return {link.target_group.code: link.weight for link in ComplaintTerm.objects.get(term=term).links.all()}


def csv_file(*rows, header=("term", "language", "target_groups"), name="klachtenwoorden.csv"):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return [(name, buffer.getvalue().encode("utf-8"))]


# --- the seed ---------------------------------------------------------------------------------------


def test_the_seed_holds_at_least_150_lay_terms_with_english_ones():
    assert ComplaintTerm.objects.count() >= 150
    assert ComplaintTerm.objects.filter(language="en").count() >= 40


@pytest.mark.parametrize(
    "term", ["zelfbeschadiging", "zelfverwonding", "automutilatie", "stemmen horen", "niet meer eten", "altijd bang",
             "paniekaanvallen", "post traumatic stress disorder", "hearing voices"],
)
def test_the_seed_has_the_words_of_the_issue(term):
    assert ComplaintTerm.objects.filter(term=term).exists()


@pytest.mark.parametrize("word", ["druk", "drinken", "pillen", "opa", "oma", "trans", "add", "ect", "lijnen", "beperking"])
def test_the_seed_leaves_out_everyday_words_that_would_give_false_hits(word):
    assert not ComplaintTerm.objects.filter(term__iexact=word).exists()


def test_every_seeded_term_points_to_an_existing_target_group_with_a_weight_between_0_and_1():
    rows = vocabulary.seed_complaints()
    codes = set(TargetGroup.objects.values_list("code", flat=True))
    assert len(rows) == ComplaintTerm.objects.count()
    assert all(code in codes and 0 < weight <= 1 for _, _, weights in rows for code, weight in weights)


def test_the_new_target_groups_are_seeded_with_their_abbreviations():
    assert TargetGroup.objects.get(code="adhd").abbreviations == ["ADHD", "ADD"]
    assert "ODD" in TargetGroup.objects.get(code="gedragsstoornissen").abbreviations


def test_psychosomatiek_is_a_term_of_the_somatic_symptom_disorders():
    assert "psychosomatiek" in TargetGroup.objects.get(code="somatische_symptoomstoornissen").synonyms


# --- the database keeps weights in range ----------------------------------------------------------


@pytest.mark.parametrize("weight", [Decimal("0"), Decimal("1.01"), Decimal("-0.5")])
def test_the_database_refuses_a_weight_outside_0_to_1(weight):
    complaint = ComplaintTerm.objects.create(term="kopzorgen")
    with pytest.raises(IntegrityError), transaction.atomic():
        ComplaintLink.objects.create(complaint=complaint, target_group=TargetGroup.objects.get(code="angst"), weight=weight)


# --- the weights' text format -------------------------------------------------------------------------


def test_weights_are_read_from_code_is_weight_pairs_with_a_decimal_comma_too():
    assert parse_target_group_weights("psychose=1.0; psychotrauma=0,4") == [
        ("psychose", Decimal("1.0")), ("psychotrauma", Decimal("0.4"))
    ]


def test_a_code_without_a_weight_weighs_one():
    assert parse_target_group_weights("angst") == [("angst", Decimal("1"))]


@pytest.mark.parametrize("text", ["angst=2", "angst=0", "angst=veel", "angst=0.333", "angst=1;angst=0.5", "", "=0.5"])
def test_a_bad_weight_list_is_refused_with_a_dutch_message(text):
    with pytest.raises(ValueError):
        parse_target_group_weights(text)


def test_weights_are_written_back_in_the_same_format():
    assert format_target_group_weights([("psychose", Decimal("1.00")), ("psychotrauma", Decimal("0.40"))]) == (
        "psychose=1.0;psychotrauma=0.4"
    )


# --- import -----------------------------------------------------------------------------------------


def test_an_import_creates_new_terms_with_their_weights():
    report = import_complaints(csv_file(("kopzorgen", "nl", "angst=0.8;depressie=0.5")))

    assert report.ok and report.counts["klachtenwoorden"].created == 1
    assert weights_of("kopzorgen") == {"angst": Decimal("0.8"), "depressie": Decimal("0.5")}


def test_an_import_updates_a_term_and_unlinks_the_groups_it_no_longer_names():
    import_complaints(csv_file(("kopzorgen", "nl", "angst=0.8;depressie=0.5")))

    report = import_complaints(csv_file(("Kopzorgen", "nl", "angst=0.6")))

    assert report.counts["klachtenwoorden"].updated == 1
    assert weights_of("Kopzorgen") == {"angst": Decimal("0.6")}


def test_importing_the_same_file_twice_changes_nothing():
    file = csv_file(("kopzorgen", "nl", "angst=0.8"))
    import_complaints(file)

    assert import_complaints(file).counts["klachtenwoorden"].unchanged == 1


def test_one_bad_row_saves_nothing_and_every_error_names_its_row_and_column():
    report = import_complaints(
        csv_file(
            ("kopzorgen", "nl", "angst=0.8"),
            ("malen", "nl", "angst=1.5"),
            ("gedoe", "fr", "bestaat_niet=0.5"),
        )
    )

    assert not report.saved and not ComplaintTerm.objects.filter(term="kopzorgen").exists()
    assert [(e.row, e.column) for e in report.errors] == [(3, "target_groups"), (4, "language"), (4, "target_groups")]
    assert "bestaat_niet" in report.errors[2].message


def test_a_term_twice_in_one_file_is_an_error_at_its_second_row():
    report = import_complaints(csv_file(("kopzorgen", "nl", "angst"), ("Kopzorgen", "nl", "depressie")))

    assert [(e.row, e.column) for e in report.errors] == [(3, "term")]
    assert "rij 2" in report.errors[0].message


def test_an_unknown_column_is_an_error_in_the_header_row():
    report = import_complaints(csv_file(("kopzorgen", "angst"), header=("term", "doelgroepen")))

    assert {(e.row, e.column) for e in report.errors} == {(1, "doelgroepen"), (1, "target_groups")}


def test_a_dry_run_reports_what_it_would_do_and_saves_nothing():
    report = import_complaints(csv_file(("kopzorgen", "nl", "angst")), dry_run=True)

    assert report.counts["klachtenwoorden"].created == 1 and not report.saved
    assert not ComplaintTerm.objects.filter(term="kopzorgen").exists()


def test_only_csv_and_xlsx_files_are_accepted():
    report = import_complaints([("klachten.txt", b"term\nkopzorgen\n")])

    assert "alleen Excel-bestanden" in report.errors[0].message


# --- export -------------------------------------------------------------------------------------------


def test_the_csv_export_has_every_term_with_its_weights_heaviest_first():
    rows = list(csv.reader(io.StringIO(export_complaints("csv").decode("utf-8"))))

    assert rows[0] == ["term", "language", "target_groups"]
    assert len(rows) - 1 == ComplaintTerm.objects.count()
    assert ["stemmen horen", "nl", "psychose=1.0;psychotrauma=0.4"] in rows


def test_an_exported_workbook_imports_again_without_changes():
    content = export_complaints("xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active

    report = import_complaints([("klachtenwoorden.xlsx", content)])

    assert sheet.title == "klachtenwoorden"
    assert report.ok and report.counts["klachtenwoorden"].unchanged == ComplaintTerm.objects.count()


# --- the finder reads changes at once -------------------------------------------------------------------


def test_a_term_added_by_the_bureau_is_read_by_the_next_search():
    DepartmentFactory(slug="angst", target_groups=["angst"])
    assert search(FinderQuery(text="kopzorgen")).total == 0

    import_complaints(csv_file(("kopzorgen", "nl", "angst=0.8")))

    result = search(FinderQuery(text="kopzorgen"))
    assert [hit.department.slug for hit in result.hits] == ["angst"]
    assert [g.code for g in result.interpreted_target_groups] == ["angst"]


def test_a_weight_changed_in_the_admin_is_used_by_the_next_search():
    DepartmentFactory(slug="psychose", target_groups=["psychose"])
    DepartmentFactory(slug="trauma", target_groups=["psychotrauma"])
    assert [h.department.slug for h in search(FinderQuery(text="stemmen horen")).hits] == ["psychose", "trauma"]

    link = ComplaintLink.objects.get(complaint__term="stemmen horen", target_group__code="psychotrauma")
    link.weight = Decimal("1")
    link.save()
    ComplaintLink.objects.filter(complaint__term="stemmen horen", target_group__code="psychose").delete()

    assert [h.department.slug for h in search(FinderQuery(text="stemmen horen")).hits] == ["trauma"]


# --- admin ------------------------------------------------------------------------------------------------


@pytest.fixture
def complaint_admin():
    return admin.site._registry[ComplaintTerm]


def staff(*codenames):
    user = User.objects.create_user("bureau@topggz.example", "Een-lang-wachtwoord-1", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="register", codename__in=codenames))
    return User.objects.get(pk=user.pk)


def admin_request(user, method="get", data=None, path="/beheer/register/complaintterm/importeren/"):
    request = getattr(RequestFactory(), method)(path, data or {})
    request.user = user
    return request


def test_the_complaints_admin_has_import_and_export_urls(complaint_admin):
    names = {pattern.name for pattern in complaint_admin.get_urls()}

    assert {"register_complaintterm_import", "register_complaintterm_export"} <= names


def test_staff_with_add_and_change_permission_can_import_complaints_in_the_admin(complaint_admin):
    user = staff("add_complaintterm", "change_complaintterm")
    ((name, content),) = csv_file(("kopzorgen", "nl", "angst=0.8"))
    upload = SimpleUploadedFile(name, content)

    response = complaint_admin.import_view(admin_request(user, "post", {"file": upload}))

    assert "De import is opgeslagen." in response.render().content.decode()
    assert weights_of("kopzorgen") == {"angst": Decimal("0.8")}


def test_the_admin_import_lists_the_errors_by_row(complaint_admin):
    user = staff("add_complaintterm", "change_complaintterm")
    ((name, content),) = csv_file(("kopzorgen", "nl", "angst=3"))

    response = complaint_admin.import_view(admin_request(user, "post", {"file": SimpleUploadedFile(name, content)}))
    page = response.render().content.decode()

    assert "Er is niets opgeslagen." in page and "<td>2</td><td>target_groups</td>" in page


def test_staff_without_the_permissions_cannot_import_complaints(complaint_admin):
    with pytest.raises(PermissionDenied):
        complaint_admin.import_view(admin_request(staff("change_complaintterm")))


def test_the_admin_export_downloads_the_csv(complaint_admin):
    user = staff("add_complaintterm", "change_complaintterm")

    response = complaint_admin.export_view(admin_request(user, data={"formaat": "csv"}, path="/x/"))

    assert response["Content-Disposition"].startswith('attachment; filename="topggz-klachtenwoorden-')
    assert response.content.startswith(b"term,language,target_groups\n")


def test_a_department_for_both_groups_of_a_question_comes_before_those_for_one_even_with_a_name_word():
    DepartmentFactory(slug="verslaving", name="Centrum Verslaving", target_groups=["verslaving"])
    DepartmentFactory(slug="depressie", name="Centrum Depressie", target_groups=["depressie"])
    DepartmentFactory(slug="beide", name="Zorgprogramma Dubbel", target_groups=["depressie", "verslaving"])

    assert [hit.department.slug for hit in search(FinderQuery(text="verslaving en depressie")).hits][0] == "beide"

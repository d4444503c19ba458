"""The search index follows the register: signals, the lazy catch-up and the rebuild command."""

from io import StringIO

import pytest
from django.core.management import call_command

from register.models import Department, Institution, SearchDocument, SearchTerm, TargetGroup
from register.search import FinderQuery, search
from register.search.index import build_document, rebuild_index
from register.tests.factories import DepartmentFactory, InstitutionFactory

pytestmark = pytest.mark.django_db


def found(text: str) -> list[str]:
    return [hit.department.slug for hit in search(FinderQuery(text=text, per_page=50)).hits]


def test_a_new_department_gets_a_document():
    department = DepartmentFactory(name="Centrum Voorbeeldzorg")
    assert SearchDocument.objects.get(pk=department.pk).name_text == "centrum voorbeeldzorg"


def test_a_renamed_department_is_found_by_its_new_name():
    department = DepartmentFactory(name="Centrum Zeldzaamheden", slug="centrum")
    department.name = "Kliniek Wolkenkrabber"
    department.save()
    assert found("wolkenkrabber") == ["centrum"]


def test_a_renamed_department_is_no_longer_found_by_its_old_name():
    department = DepartmentFactory(name="Centrum Zeldzaamheden", slug="centrum")
    department.name = "Kliniek Wolkenkrabber"
    department.save()
    assert found("zeldzaamheden") == []


def test_a_changed_description_is_found():
    department = DepartmentFactory(slug="centrum")
    department.description = "Wij bieden ook paardentherapie."
    department.save()
    assert found("paardentherapie") == ["centrum"]


def test_a_target_group_added_to_a_department_makes_its_synonyms_find_it():
    department = DepartmentFactory(slug="centrum", target_groups=["dwang"])
    department.target_groups.add(TargetGroup.objects.get(code="eetstoornissen"))
    assert "anorexia" in SearchDocument.objects.get(pk=department.pk).groups_text


def test_a_target_group_removed_from_a_department_takes_its_terms_along():
    department = DepartmentFactory(slug="centrum", target_groups=["dwang", "eetstoornissen"])
    department.target_groups.remove(TargetGroup.objects.get(code="eetstoornissen"))
    assert "anorexia" not in SearchDocument.objects.get(pk=department.pk).groups_text


def test_clearing_a_departments_target_groups_empties_that_column():
    department = DepartmentFactory(slug="centrum", target_groups=["eetstoornissen"])
    department.target_groups.clear()
    assert SearchDocument.objects.get(pk=department.pk).groups_text == ""


def test_a_renamed_institution_is_found_in_its_departments():
    institution = InstitutionFactory(name="Stichting Oud")
    DepartmentFactory(slug="centrum", institutions=[institution])
    institution.name = "Stichting Zonnedauw"
    institution.save()
    assert found("zonnedauw") == ["centrum"]


def test_a_new_synonym_of_a_target_group_finds_its_departments():
    DepartmentFactory(slug="centrum", target_groups=["dwang"])
    group = TargetGroup.objects.get(code="dwang")
    group.synonyms = [*group.synonyms, "trichotillomanie"]
    group.save()
    assert found("trichotillomanie") == ["centrum"]


def test_a_new_synonym_of_a_target_group_is_read_as_that_group():
    group = TargetGroup.objects.get(code="dwang")
    group.synonyms = [*group.synonyms, "trichotillomanie"]
    group.save()
    assert [g.code for g in search(FinderQuery(text="trichotillomanie")).interpreted_target_groups] == ["dwang"]


def test_a_deleted_department_leaves_no_document():
    department = DepartmentFactory()
    pk = department.pk
    department.delete()
    assert not SearchDocument.objects.filter(pk=pk).exists()


def test_a_deleted_department_is_no_longer_found():
    DepartmentFactory(name="Kliniek Wolkenkrabber").delete()
    assert found("wolkenkrabber") == []


def test_departments_created_without_signals_are_indexed_by_the_next_search():
    DepartmentFactory()  # the vocabulary and an up-to-date index
    Department.objects.bulk_create(
        [
            Department(
                name="Kliniek Stilte", slug="stilte", description="Wij helpen bij tinnitus.",
                status=Department.Status.IN_PROCEDURE, last_confirmed_on="2026-11-01",
            )
        ]
    )
    assert found("tinnitus") == ["stilte"]


def test_the_words_of_a_new_document_join_the_lexicon():
    DepartmentFactory(description="Wij bieden ook paardentherapie.")
    assert SearchTerm.objects.filter(word="paardentherapie").exists()


def test_rebuilding_the_index_writes_one_document_per_department():
    DepartmentFactory.create_batch(3)
    SearchDocument.objects.all().delete()
    assert rebuild_index() == Department.objects.count() == SearchDocument.objects.count()


def test_rebuilding_the_index_keeps_the_vocabulary_in_the_lexicon():
    rebuild_index()
    assert SearchTerm.objects.filter(word="anorexia").exists()


def test_the_rebuild_command_reports_how_many_departments_it_indexed():
    DepartmentFactory.create_batch(2)
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert f"{Department.objects.count()} afdelingen" in out.getvalue()


def test_a_document_holds_folded_words_and_python_stems():
    department = DepartmentFactory(name="Kliniek Eetstoornissen Fryslân", target_groups=[])
    department = Department.objects.prefetch_related("institutions", "target_groups").get(pk=department.pk)
    document = build_document(department)
    assert (document.name_text, document.name_stems) == ("kliniek eetstoornissen fryslan", "kliniek eetstoorniss fryslan")


def test_a_documents_institutions_column_holds_the_institution_names():
    department = DepartmentFactory(institutions=[InstitutionFactory(name="Ggz Noorderlicht")])
    assert SearchDocument.objects.get(pk=department.pk).institutions_text == "ggz noorderlicht"


def test_an_institution_without_departments_can_be_saved():
    institution = InstitutionFactory()
    institution.name = "Stichting Leeg"
    institution.save()
    assert Institution.objects.get(pk=institution.pk).name == "Stichting Leeg"

"""Reading stored dossiers: the pure dossier in a fixed number of queries, and the check of a stored dossier."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.services import record
from certification.rules.checker import check_dossier
from certification.dossier.db import PREFETCH
from certification.format.jsonio import dossier_from_json
from certification.models import CriteriaSet
from certification.dossier.selectors import NoCriteriaSetError, check_stored_dossier, dossier_list, load_dossier
from certification.criteria.selectors import criteria_set_data
from certification.dossier.services import import_dossier_json
from register.tests.factories import DepartmentFactory

from .builders import FIGUREHEAD_LEFT, PASSING, load_json
from .factories import DossierFactory, bureau_admin, editor_of, fill

pytestmark = pytest.mark.django_db


def queries_to_load(dossier, user):
    with CaptureQueriesContext(connection) as captured:
        load_dossier(dossier.pk, user=user)
    return len(captured)


def test_loading_a_dossier_takes_as_many_queries_with_fifty_records_of_each_kind_as_with_one():
    user = bureau_admin()
    small = fill(DossierFactory(), 1)
    large = fill(DossierFactory(), 50)
    record(action="read", object_type="warm-up")  # the audit log's very first entry costs one query more
    assert queries_to_load(small, user) == queries_to_load(large, user)


def test_loading_a_dossier_with_fifty_records_of_each_kind_gives_all_of_them():
    user = bureau_admin()
    pure = load_dossier(fill(DossierFactory(), 50).pk, user=user)
    assert len(pure.staff) == len(pure.publications) == len(pure.training.places) == 50
    assert all(member.cv and member.phd_candidate.study for member in pure.staff)


def test_loading_a_dossier_runs_one_query_per_record_kind_plus_the_dossier_and_the_audit_entry(django_assert_max_num_queries):
    user = bureau_admin()
    dossier = fill(DossierFactory(), 3)
    record(action="read", object_type="warm-up")
    # the dossier with its one-to-one parts; one per record kind; the audit entry (savepoint, lock, head, insert, release)
    with django_assert_max_num_queries(1 + len(PREFETCH) + 5):
        load_dossier(dossier.pk, user=user)


def test_a_stored_dossier_is_checked_exactly_like_its_json_file():
    department = DepartmentFactory(slug=load_json(FIGUREHEAD_LEFT)["department"]["register_slug"])
    user = editor_of(department)
    stored = import_dossier_json(user=user, data=load_json(FIGUREHEAD_LEFT))
    criteria = criteria_set_data(CriteriaSet.objects.get(code="2019-2022"))
    expected = check_dossier(dossier_from_json(load_json(FIGUREHEAD_LEFT)), criteria)
    assert check_stored_dossier(stored.pk, user=user) == expected


def test_a_dossier_without_a_chosen_set_is_checked_against_the_set_in_force_on_its_visitation_date():
    department = DepartmentFactory(slug=load_json(PASSING)["department"]["register_slug"])
    user = editor_of(department)
    data = load_json(PASSING)
    del data["criteria_set"]
    stored = import_dossier_json(user=user, data=data)
    assert stored.criteria_set is None
    report = check_stored_dossier(stored.pk, user=user)
    assert report.criteria_set == "2019-2022" and report.all_met


def test_checking_a_dossier_with_no_set_in_force_on_its_date_says_so():
    dossier = DossierFactory(visitation_date=date(2030, 1, 15))
    with pytest.raises(NoCriteriaSetError, match="geen gepubliceerde criteriaset van kracht op 2030-01-15"):
        check_stored_dossier(dossier.pk, user=bureau_admin())


def test_the_dossier_list_of_an_editor_holds_only_their_departments_dossiers():
    mine = DossierFactory()
    DossierFactory()
    assert list(dossier_list(user=editor_of(mine.department))) == [mine]

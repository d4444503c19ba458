"""Analysis: small counts hidden outside the bureau, score summaries, agreement with kappa, the page and its CSV."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.testing import login_verified
from register.tests.factories import DepartmentFactory
from triage import services
from triage.rules.analysis import agreement, summarise_scores
from triage.rules.disclosure import SMALL, protect, protect_row, share_text
from triage.tests.builders import bureau, example_version, intake, person

# ------------------------------------------------------------------ hiding small counts (pure)


def test_counts_from_one_to_four_are_hidden_and_zero_and_five_are_shown():
    assert [protect(n).text for n in (0, 1, 4, 5)] == ["0", SMALL, SMALL, "5"]


def test_nothing_is_hidden_for_the_bureau():
    cells, total = protect_row([1, 2, 30], 33, hide=False)
    assert [c.text for c in cells] + [total.text] == ["1", "2", "30", "33"]


def test_one_hidden_cell_next_to_a_shown_total_hides_the_smallest_other_cell_too():
    cells, total = protect_row([3, 7, 20], 30)
    assert [c.text for c in cells] == [SMALL, SMALL, "20"]
    assert total.text == "30"


def test_one_hidden_cell_without_another_non_zero_cell_hides_the_total():
    cells, total = protect_row([3, 0, 0], 3 + 0)
    assert total.text == SMALL
    cells, total = protect_row([2, 0, 10], 12)
    assert [c.text for c in cells] == [SMALL, "0", SMALL]


def test_a_small_total_hides_every_non_zero_cell():
    cells, total = protect_row([2, 0, 1], 3)
    assert [c.text for c in cells] + [total.text] == [SMALL, "0", SMALL, SMALL]


def test_a_share_is_shown_only_when_both_counts_are():
    assert share_text(protect(6), protect(10)) == "60%"
    assert share_text(protect(3), protect(10)) == ""


# ------------------------------------------------------------------ figures (pure)


def test_score_summaries_give_the_median_of_all_scores():
    assert summarise_scores({2: 1, 5: 2, 9: 1}).median == 5.0
    assert summarise_scores({2: 1, 9: 1}).median == 5.5
    summary = summarise_scores({4: 3})
    assert (summary.count, summary.lowest, summary.highest) == (3, 4, 4)
    assert summarise_scores({}).count == 0


def test_agreement_counts_the_four_cells_and_computes_kappa():
    table = agreement([("high_specialist", True, 40), ("high_specialist", False, 10), ("specialist", True, 5), ("none", False, 45)])
    assert (table.both, table.tool_only, table.department_only, table.neither) == (40, 10, 5, 45)
    assert table.share == 0.85
    assert table.kappa == pytest.approx(0.7, abs=1e-9)  # observed 0.85, expected 0.5


def test_kappa_is_undefined_when_both_always_say_the_same_thing():
    assert agreement([("high_specialist", True, 8)]).kappa is None
    assert agreement([]).kappa is None


# ------------------------------------------------------------------ the page


@pytest.fixture
def figures(db):
    department = DepartmentFactory(name="Afdeling Analyse")
    staff = bureau()
    for day in range(1, 9):  # Q1: 8 started, 6 high-specialist; the tool says high for 7
        services.register_intake(user=staff, department_id=department.pk, intake=intake(
            date(2026, 1, day), high=day <= 6, tool="voorbeeld-hoogspecialistisch", tool_version=1,
            score=11 if day <= 7 else 2, tool_outcome="high_specialist" if day <= 7 else "none", own_criteria=""))
    for day in range(1, 3):  # Q2: 2 started, 1 high-specialist
        services.register_intake(user=staff, department_id=department.pk, intake=intake(date(2026, 4, day), high=day == 1))
    version = example_version()
    user = person()
    for _ in range(3):
        services.record_result(user=user, version_id=version.pk, answers={}, target_group="psychotrauma")
    return department


def table_rows(page: str, caption: str):
    return page.split(caption, 1)[1].split("</table>", 1)[0]


def test_analysts_see_small_counts_hidden(client, figures):
    login_verified(client, person(Role.ANALYST))
    page = client.get(reverse("triage:analysis")).content.decode()
    assert "Aantallen van 1 tot en met 4 staan er als &lt;5" in page
    quarters = table_rows(page, "per afdeling en kwartaal")
    assert ">2026-Q1<" in quarters and ">8<" in quarters and ">6<" in quarters and ">75%<" in quarters
    q2 = quarters.split("2026-Q2", 1)[1].split("</tr>", 1)[0]
    assert "&lt;5" in q2 and ">2<" not in q2
    outcomes = table_rows(page, "Uitkomsten van de vragenlijsten")
    assert "&lt;5" in outcomes and ">3<" not in outcomes


def test_the_bureau_sees_every_count(client, figures):
    login_verified(client, bureau())
    page = client.get(reverse("triage:analysis")).content.decode()
    q2 = table_rows(page, "per afdeling en kwartaal").split("2026-Q2", 1)[1].split("</tr>", 1)[0]
    assert ">2<" in q2 and ">1<" in q2 and ">50%<" in q2


def test_the_agreement_table_compares_the_tool_with_the_departments_decision(client, figures):
    login_verified(client, bureau())
    page = client.get(reverse("triage:analysis")).content.decode()
    row = table_rows(page, "Overeenstemming tussen").split("<tbody", 1)[1]
    cells = [c.split(">", 1)[1].split("<", 1)[0] for c in row.split("<td")[1:]]
    # registrations, both yes, tool only, department only, both no, agreement, kappa
    assert cells == ["8", "6", "1", "0", "1", "88%", "0,60"]


def test_the_csv_export_has_the_same_hidden_cells_and_is_audited(client, figures):
    from audit.models import AuditEntry

    login_verified(client, person(Role.ANALYST))
    response = client.get(reverse("triage:analysis_csv", args=["kwartalen"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Afdeling", "Kwartaal", "Gestart"]
    assert rows[1][:5] == ["Afdeling Analyse", "2026-Q1", "8", "6", "75%"]
    assert rows[2][2:4] == ["<5", "<5"]
    assert AuditEntry.objects.filter(action="export", object_type="triage.analysis").exists()


@pytest.mark.parametrize("role", [Role.REFERRER, Role.DEPARTMENT_EDITOR, Role.COMMITTEE_MEMBER])
def test_other_roles_cannot_open_the_analysis(client, db, role):
    login_verified(client, person(role))
    assert client.get(reverse("triage:analysis")).status_code == 404
    assert client.get(reverse("triage:analysis_csv", args=["scores"])).status_code == 404

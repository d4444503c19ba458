"""The monthly report's checks and the CSV reader (insight.rules.capacity): all-or-nothing, with row numbers."""

from datetime import date
from decimal import Decimal

from insight.rules.capacity import check_report, read_csv, read_json, template_csv

TODAY = date(2026, 12, 6)
KINDS = {"treatment", "consultation"}
HEADER = "maand;aanbod;meetdatum;weken_tot_intake;weken_tot_behandeling;wachtenden;bedden_vrij;bedden_totaal;aanmeldpauze\n"


def values(**overrides):
    base = {"maand": "2026-11", "aanbod": "treatment", "meetdatum": "2026-11-30", "weken_tot_intake": "4,5",
            "weken_tot_behandeling": "9", "wachtenden": "30", "bedden_vrij": "", "bedden_totaal": "", "aanmeldpauze": "nee"}
    base.update(overrides)
    return base


def problems(**overrides):
    return dict(check_report(values(**overrides), offer_kinds=KINDS, today=TODAY)[1])


def test_a_complete_report_is_read_with_decimal_comma_weeks():
    report, errors = check_report(values(), offer_kinds=KINDS, today=TODAY)
    assert not errors
    assert (report.month, report.intake_weeks, report.treatment_weeks, report.paused) == (
        date(2026, 11, 1), Decimal("4.5"), Decimal("9.0"), False)


def test_a_month_in_the_future_is_refused():
    assert "toekomst" in problems(maand="2027-01", meetdatum="2026-12-01")["maand"]


def test_a_measurement_date_before_the_month_is_refused():
    assert "vóór de maand" in problems(meetdatum="2026-10-31")["meetdatum"]


def test_weeks_with_two_decimals_or_negative_are_refused():
    assert "weken_tot_intake" in problems(weken_tot_intake="4,25")
    assert "weken_tot_behandeling" in problems(weken_tot_behandeling="-1")


def test_an_offer_the_department_does_not_have_is_refused_with_the_ones_it_has():
    assert "consultation, treatment" in problems(aanbod="second_opinion")["aanbod"]


def test_beds_need_both_numbers_and_free_cannot_exceed_total():
    assert "beide leeg" in problems(bedden_vrij="3")["bedden_vrij"]
    assert "meer vrije bedden" in problems(bedden_vrij="5", bedden_totaal="4")["bedden_vrij"]


def test_an_empty_offer_means_treatment():
    report, _errors = check_report(values(aanbod=""), offer_kinds=KINDS, today=TODAY)
    assert report.offer_kind == "treatment"


def test_the_template_file_reads_without_errors():
    reports, errors = read_csv(template_csv().encode("utf-8-sig"), offer_kinds=KINDS, today=TODAY)
    assert not errors and len(reports) == 1


def test_every_bad_row_is_reported_with_its_row_number_and_nothing_is_returned():
    text = (HEADER + "2026-10;treatment;2026-10-31;3;8;20;;;nee\n"
            "2026-11;treatment;2026-11-30;x;8;20;;;nee\n"
            "2026-12;treatment;2026-12-05;3;8;twintig;;;nee\n")
    reports, errors = read_csv(text.encode(), offer_kinds=KINDS, today=TODAY)
    assert reports == []
    assert [(e.row, e.column) for e in errors] == [(3, "weken_tot_intake"), (4, "wachtenden")]
    assert str(errors[0]).startswith("Regel 3, weken_tot_intake:")


def test_the_same_month_and_offer_twice_in_one_file_is_refused():
    text = HEADER + "2026-10;treatment;2026-10-31;3;8;20;;;nee\n2026-10;;2026-10-31;4;8;20;;;nee\n"
    _reports, errors = read_csv(text.encode(), offer_kinds=KINDS, today=TODAY)
    assert [(e.row, e.message) for e in errors] == [(3, "Deze maand en dit aanbod staan ook op regel 2.")]


def test_a_missing_required_column_is_named():
    _reports, errors = read_csv(b"maand;meetdatum\n2026-10;2026-10-31\n", offer_kinds=KINDS, today=TODAY)
    assert "weken_tot_intake" in errors[0].message


def test_an_unknown_column_is_refused_so_nothing_personal_slips_in():
    _reports, errors = read_csv((HEADER.strip() + ";naam\n").encode(), offer_kinds=KINDS, today=TODAY)
    assert "naam" in errors[0].message


def test_a_comma_separated_file_is_read_too():
    text = HEADER.replace(";", ",") + "2026-10,treatment,2026-10-31,3,8,20,,,nee\n"
    reports, errors = read_csv(text.encode(), offer_kinds=KINDS, today=TODAY)
    assert not errors and reports[0].intake_weeks == Decimal("3.0")


def test_a_file_that_is_not_utf8_says_so():
    _reports, errors = read_csv("maand;é".encode("latin-1"), offer_kinds=KINDS, today=TODAY)
    assert "UTF-8" in errors[0].message


def test_a_file_with_more_rows_than_the_limit_is_refused_whole(monkeypatch):
    monkeypatch.setattr("insight.rules.capacity.MAX_ROWS", 2)
    text = HEADER + "".join(f"2026-{m:02d};treatment;2026-{m:02d}-20;3;8;20;;;nee\n" for m in (8, 9, 10))
    reports, errors = read_csv(text.encode(), offer_kinds=KINDS, today=TODAY)
    assert reports == [] and [e.message for e in errors] == ["Het bestand heeft meer dan 2 regels."]


def test_a_file_larger_than_the_byte_limit_is_refused_before_it_is_read(monkeypatch):
    monkeypatch.setattr("insight.rules.capacity.MAX_BYTES", 1_000)
    reports, errors = read_csv(b"x" * 1_001, offer_kinds=KINDS, today=TODAY)
    assert reports == [] and errors[0].message == "Het bestand is groter dan 1 kB."
# --- JSON (the API): the same checks, field names instead of columns ------------------------------


def json_item(**overrides):
    base = {"month": "2026-11", "offer_kind": "treatment", "measured_on": "2026-11-30", "intake_weeks": 4.5,
            "treatment_weeks": 9, "waiting_count": 30, "paused": True}
    base.update(overrides)
    return base


def test_a_json_object_is_read_by_the_same_rules_as_a_csv_row():
    reports, errors = read_json(json_item(), offer_kinds=KINDS, today=TODAY)
    assert not errors
    assert (reports[0].intake_weeks, reports[0].treatment_weeks, reports[0].paused) == (Decimal("4.5"), Decimal("9.0"), True)


def test_a_json_error_names_the_field_not_the_csv_column():
    _reports, errors = read_json(json_item(intake_weeks=-1), offer_kinds=KINDS, today=TODAY)
    assert [(e.row, e.column) for e in errors] == [(None, "intake_weeks")]
    assert errors[0].message == dict(check_report(values(weken_tot_intake="-1"), offer_kinds=KINDS, today=TODAY)[1])[
        "weken_tot_intake"]


def test_a_json_list_is_all_or_nothing_with_the_item_index():
    reports, errors = read_json([json_item(), json_item(offer_kind="consultation", waiting_count="veel")],
                                offer_kinds=KINDS, today=TODAY)
    assert reports == [] and [(e.row, e.column) for e in errors] == [(1, "waiting_count")]


def test_an_object_as_a_value_is_refused_with_the_fields_own_message():
    _reports, errors = read_json(json_item(paused={"ja": 1}), offer_kinds=KINDS, today=TODAY)
    assert [(e.column, e.message) for e in errors] == [("paused", "Vul ja of nee in.")]


def test_json_that_is_neither_an_object_nor_a_list_is_refused():
    assert read_json("2026-11", offer_kinds=KINDS, today=TODAY)[1][0].message.startswith("Stuur één rapportage")

import json

import pytest
from jsonschema import Draft202012Validator

from certification.format.jsonio import (
    DossierValidationError,
    dossier_from_json,
    dossier_to_json,
    load_dossier_file,
    schema,
    validation_errors,
)

from .builders import DATA, EXAMPLES, FIGUREHEAD_LEFT, PASSING, TOO_FEW, load_json

ALL_EXAMPLES = [PASSING, FIGUREHEAD_LEFT, TOO_FEW]

INVALID_ERRORS = [
    ("$.format_version", "moet 1 zijn, niet 2"),
    ("$.visitation_date", '"2022-13-01" is geen geldige datum (JJJJ-MM-DD)'),
    ("$.department.name", "mag niet leeg zijn"),
    (
        "$.department.age_groups[0]",
        '"babies" is geen toegestane waarde; kies uit "children", "youth", "young_adults", "adults", "elderly"',
    ),
    ("$.department.organigram", 'verwijst naar bijlage "bestaat-niet", die niet in attachments staat'),
    ("$.staff[0].fte", "moet een getal zijn, niet tekst"),
    ("$.staff[0].roles.boegbeeld", "onbekend veld"),
    ("$.staff[0].hours_per_week", "verplicht veld ontbreekt"),
    ("$.patients.treatments_started[0].quarter", '"2021-Q5" is geen kwartaal zoals "2021-Q3"'),
    (
        "$.patients.treatments_started[0].high_specialist",
        "12 met een hoogspecialistische zorgvraag is meer dan de 10 gestarte behandelingen",
    ),
    ("$.studies[0].end_date", "de einddatum 2020-01-01 ligt voor de begindatum 2021-01-01"),
    (
        "$.publications[0].type",
        '"abstract" is geen toegestane waarde; kies uit "article", "review", "congress_abstract", "book_chapter", "book", "thesis", "other"',
    ),
    ("$.publications[0].authors", "moet minstens 1 element(en) bevatten"),
    ("$.onbekend_veld", "onbekend veld"),
]


def test_the_published_schema_is_a_valid_draft_2020_12_schema():
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema())


@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_every_example_dossier_is_valid_against_the_published_schema_on_its_own(name):
    validator = Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert list(validator.iter_errors(load_json(name))) == []


@pytest.mark.parametrize("name", ALL_EXAMPLES)
def test_an_exported_dossier_loads_back_unchanged(name):
    dossier = dossier_from_json(load_json(name))
    exported = dossier_to_json(dossier)
    assert validation_errors(exported) == []
    assert dossier_from_json(json.loads(json.dumps(exported))) == dossier


def test_the_loader_lists_every_error_with_its_json_path_in_file_order():
    with pytest.raises(DossierValidationError) as caught:
        load_dossier_file(DATA / "ongeldig-dossier.json")
    assert [(e.path, e.message) for e in caught.value.errors] == INVALID_ERRORS


def test_a_minimal_dossier_with_only_the_required_fields_is_valid():
    dossier = dossier_from_json(
        {"format_version": 1, "visitation_date": "2022-06-15", "department": {"name": "Eenheid"}}
    )
    assert dossier.department.name == "Eenheid" and dossier.staff == ()


def test_a_dossier_that_is_not_an_object_gives_one_error_at_the_root():
    assert [(e.path, e.message) for e in validation_errors([])] == [("$", "moet een object zijn, niet een lijst")]


def test_an_end_date_that_is_neither_a_date_nor_null_is_reported_as_a_bad_date():
    data = load_json(PASSING)
    data["studies"][0]["end_date"] = "binnenkort"
    assert [(e.path, e.message) for e in validation_errors(data)] == [
        ("$.studies[0].end_date", '"binnenkort" is geen geldige datum (JJJJ-MM-DD)')
    ]


@pytest.mark.parametrize(
    "change, path, message",
    [
        (
            lambda d: d["staff"][0].update(cv="cv-onbekend"),
            "$.staff[0].cv",
            'verwijst naar bijlage "cv-onbekend", die niet in attachments staat',
        ),
        (
            lambda d: d["innovations"][0].update(study="Bestaat niet"),
            "$.innovations[0].study",
            'verwijst naar onderzoek "Bestaat niet", dat niet in studies staat',
        ),
        (
            lambda d: d["studies"].append(dict(d["studies"][0])),
            "$.studies[3].title",
            'onderzoek "Vierdaagse intensieve ERP versus wekelijkse ERP" komt vaker voor; titels moeten uniek zijn',
        ),
        (
            lambda d: d["consultation"]["quarters"].append(dict(d["consultation"]["quarters"][0])),
            "$.consultation.quarters[1].quarter",
            "kwartaal 2022-Q1 komt vaker voor",
        ),
        (
            lambda d: d["attachments"].append(dict(d["attachments"][0])),
            "$.attachments[5].id",
            'bijlage-id "organigram" komt vaker voor',
        ),
        (
            lambda d: d["staff"][0].update(end_date="2000-01-01"),
            "$.staff[0].end_date",
            "de einddatum 2000-01-01 ligt voor de begindatum 2008-09-01",
        ),
        (
            lambda d: d["patients"]["treated_per_year"].append({"year": 2020, "count": 1}),
            "$.patients.treated_per_year[2].year",
            "jaar 2020 komt vaker voor",
        ),
    ],
)
def test_the_loader_checks_what_the_schema_cannot(change, path, message):
    data = load_json(PASSING)
    change(data)
    assert [(e.path, e.message) for e in validation_errors(data)] == [(path, message)]


def test_a_file_that_is_not_json_is_reported_at_the_root(tmp_path):
    broken = tmp_path / "kapot.json"
    broken.write_text('{"format_version": 1,', encoding="utf-8")
    with pytest.raises(DossierValidationError) as caught:
        load_dossier_file(broken)
    assert caught.value.errors[0].path == "$"
    assert caught.value.errors[0].message.startswith("geen geldige JSON")


def test_the_examples_folder_holds_exactly_the_three_documented_examples():
    assert sorted(p.name for p in EXAMPLES.glob("*.json")) == sorted(ALL_EXAMPLES)

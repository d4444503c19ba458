"""Limits on what a dossier reads: BibTeX/RIS files, the dossier JSON and its check command (issue 10, findings 7 and 11)."""

import json
import time

import pytest

from certification.publications.bibliography import (
    PublicationFileError,
    PublicationLimitError,
    count_entries,
    parse_publications,
)
from certification.format.jsonio import DossierValidationError, dossier_from_json, load_dossier_file, parse_json
from certification.models import Dossier, Publication
from certification.dossier.services import import_dossier_json, import_publications

from .builders import EXAMPLES, PASSING
from .factories import DossierFactory, PublicationFactory, editor_of


def bib_entry(n: int) -> str:
    return f"@article{{k{n}, author={{Jansen, A.}}, title={{Titel nummer {n}}}, journal={{J}}, year={{2021}}}}\n"


def ris_entry(n: int) -> str:
    return f"TY  - JOUR\nAU  - Jansen, A.\nTI  - Titel {n}\nJO  - J\nPY  - 2021\nER  - \n"


@pytest.fixture
def dossier(db):
    return DossierFactory()


@pytest.fixture
def editor(dossier):
    return editor_of(dossier.department)


def run_import(dossier, editor, name, data):
    version = Dossier.objects.get(pk=dossier.pk).version
    return import_publications(dossier, name, data, user=editor, expected_version=version)


# ------------------------------------------------------------- BibTeX and RIS


def test_a_bibtex_file_above_the_size_limit_is_refused_naming_both_sizes_before_it_is_parsed(settings, monkeypatch):
    settings.PUBLICATION_IMPORT_MAX_BYTES = 1024 * 1024
    monkeypatch.setattr("certification.publications.bibliography.parse_bibtex", lambda text: pytest.fail("parsed a refused file"))
    data = ("".join(bib_entry(n) for n in range(20_000))).encode()
    with pytest.raises(PublicationLimitError, match=r"groot\.bib is 1,\d MB; de grens is 1 MB \(PUBLICATION_IMPORT_MAX_BYTES\)"):
        parse_publications("groot.bib", data)


def test_a_bibtex_file_with_more_entries_than_the_limit_is_refused_with_the_count(settings, monkeypatch):
    settings.PUBLICATION_IMPORT_MAX_ENTRIES = 100
    monkeypatch.setattr("certification.publications.bibliography.parse_bibtex", lambda text: pytest.fail("parsed a refused file"))
    data = "".join(bib_entry(n) for n in range(101)).encode()
    with pytest.raises(PublicationLimitError, match=r"veel\.bib bevat 101 referenties; de grens is 100 \(PUBLICATION_IMPORT_MAX_ENTRIES\)"):
        parse_publications("veel.bib", data)


def test_a_ris_file_with_more_entries_than_the_limit_is_refused_with_the_count(settings):
    settings.PUBLICATION_IMPORT_MAX_ENTRIES = 10
    data = "".join(ris_entry(n) for n in range(1_234)).encode()
    with pytest.raises(PublicationLimitError, match=r"bevat 1\.234 referenties; de grens is 10"):
        parse_publications("veel.ris", data)


def test_entries_are_counted_without_parsing_and_comments_strings_and_preambles_do_not_count():
    text = '@comment{x}\n@string{j = "J"}\n@preamble{"p"}\n' + bib_entry(1) + "@Book ( k2, title={T} )\n"
    assert count_entries("bibtex", text) == 2
    assert count_entries("ris", "".join(ris_entry(n) for n in range(3))) == 3


def test_an_entry_with_a_field_longer_than_the_text_limit_is_skipped_and_says_why(settings):
    settings.IMPORT_MAX_TEXT_CHARS = 500
    data = (bib_entry(1) + "@article{lang, author={Jansen, A.}, title={" + "x" * 600 + "}, journal={J}, year={2021}}\n").encode()
    parsed = parse_publications("lijst.bib", data)
    assert [c.key for c in parsed.candidates] == ["k1"]
    assert [str(n) for n in parsed.skipped] == [
        "lang (regel 2): niet geïmporteerd: een veld is 600 tekens lang; de grens is 500 (IMPORT_MAX_TEXT_CHARS)"
    ]


def test_unused_fields_such_as_abstracts_never_reach_latex_decoding(monkeypatch):
    from bibtexparser.middlewares import LatexDecodingMiddleware

    seen = []
    original = LatexDecodingMiddleware.transform_entry

    def recording(self, entry, library):
        seen.extend(f.key for f in entry.fields)
        return original(self, entry, library)

    monkeypatch.setattr(LatexDecodingMiddleware, "transform_entry", recording)
    data = "@article{a, author={Jansen, A.}, title={T}, journal={J}, year={2021}, abstract={" + "x " * 400_000 + "}, file={/tmp/a.pdf}}"
    started = time.monotonic()
    parsed = parse_publications("lijst.bib", data.encode())
    assert time.monotonic() - started < 2
    assert [c.title for c in parsed.candidates] == ["T"]
    assert sorted(seen) == ["author", "journal", "title", "year"]


def test_a_field_longer_than_the_text_limit_is_refused_before_latex_decoding(settings, monkeypatch):
    from bibtexparser.middlewares import LatexDecodingMiddleware

    settings.IMPORT_MAX_TEXT_CHARS = 1000
    decoded = []
    original = LatexDecodingMiddleware.transform_entry
    monkeypatch.setattr(
        LatexDecodingMiddleware, "transform_entry", lambda self, e, lib: decoded.append([f.key for f in e.fields]) or original(self, e, lib)
    )
    data = "@article{lang, author={Jansen, A.}, title={" + "\\'e" * 5000 + "}, year={2021}}"
    parsed = parse_publications("lijst.bib", data.encode())
    assert decoded == [[]]
    assert [n.message for n in parsed.skipped] == [
        "niet geïmporteerd: een veld is 15.000 tekens lang; de grens is 1.000 (IMPORT_MAX_TEXT_CHARS)"
    ]


def test_a_bibtex_file_with_more_text_in_the_read_fields_than_the_limit_is_refused_before_decoding(settings, monkeypatch):
    from bibtexparser.middlewares import LatexDecodingMiddleware

    settings.PUBLICATION_IMPORT_MAX_TEXT_CHARS = 10_000
    monkeypatch.setattr(LatexDecodingMiddleware, "transform_entry", lambda *a: pytest.fail("decoded a refused file"))
    data = "".join("@article{k%d, author={Jansen, A.}, title={%s}, year={2021}}\n" % (n, "woord " * 100) for n in range(30))
    with pytest.raises(
        PublicationLimitError,
        match=r"Het bestand bevat 1[0-9]\.[0-9]{3} tekens in de gelezen velden; de grens is 10\.000 \(PUBLICATION_IMPORT_MAX_TEXT_CHARS\)",
    ):
        parse_publications("lijst.bib", data.encode())


def test_the_default_publication_limits_are_two_megabytes_and_a_thousand_entries():
    from topggz.limits import limit

    assert limit("PUBLICATION_IMPORT_MAX_BYTES") == 2 * 1024 * 1024
    assert limit("PUBLICATION_IMPORT_MAX_ENTRIES") == 1000


def test_a_ten_megabyte_bibtex_import_is_refused_quickly_and_writes_nothing(dossier, editor):
    data = ("".join(bib_entry(n) for n in range(120_000))).encode()
    assert len(data) > 10 * 1024 * 1024
    version = Dossier.objects.get(pk=dossier.pk).version
    started = time.monotonic()
    with pytest.raises(PublicationFileError, match="de grens is 2 MB"):
        run_import(dossier, editor, "groot.bib", data)
    assert time.monotonic() - started < 2
    assert not Publication.objects.filter(dossier=dossier).exists()
    assert Dossier.objects.get(pk=dossier.pk).version == version


def test_an_import_that_would_take_a_dossier_past_its_records_limit_is_refused_and_writes_nothing(settings, dossier, editor):
    settings.DOSSIER_MAX_RECORDS_PER_KIND = 5
    for n in range(3):
        PublicationFactory(dossier=dossier, title=f"Bestaand {n}")
    data = "".join(bib_entry(n) for n in range(3)).encode()
    with pytest.raises(
        PublicationLimitError, match=r"met 3 nieuwe publicaties zou het dossier er 6 hebben; de grens is 5 \(DOSSIER_MAX_RECORDS_PER_KIND\)"
    ):
        run_import(dossier, editor, "lijst.bib", data)
    assert Publication.objects.filter(dossier=dossier).count() == 3


# ------------------------------------------------------------------ dossier JSON


def passing_text() -> str:
    return (EXAMPLES / PASSING).read_text(encoding="utf-8")


def messages(exc_info) -> list[str]:
    return [str(e) for e in exc_info.value.errors]


def test_nan_and_infinity_as_hours_are_refused_with_their_json_path():
    text = passing_text().replace('"hours_per_week": 32,', '"hours_per_week": NaN,', 1)
    text = text.replace('"clinical_hours_per_week": 18,', '"clinical_hours_per_week": Infinity,', 1)
    with pytest.raises(DossierValidationError) as exc_info:
        dossier_from_json(parse_json(text))
    assert messages(exc_info) == [
        "$.staff[0].hours_per_week: NaN is geen getal (JSON kent NaN en Infinity niet)",
        "$.staff[0].clinical_hours_per_week: Infinity is geen getal (JSON kent NaN en Infinity niet)",
    ]


def test_nan_in_already_parsed_data_is_refused_too():
    data = json.loads(passing_text())
    data["staff"][0]["hours_per_week"] = float("nan")
    data["consultation"]["quarters"][0]["supra_regional_share"] = float("inf")
    with pytest.raises(DossierValidationError) as exc_info:
        dossier_from_json(data)
    assert messages(exc_info) == [
        "$.staff[0].hours_per_week: nan is geen getal (NaN)",
        "$.consultation.quarters[0].supra_regional_share: inf is geen eindig getal (oneindig)",
    ]


def test_a_five_thousand_digit_integer_and_1e999_are_refused_without_a_traceback():
    text = passing_text().replace('"hours_per_week": 32,', '"hours_per_week": ' + "9" * 5000 + ",", 1)
    text = text.replace('"fte": 0.9,', '"fte": 1e999,', 1)
    with pytest.raises(DossierValidationError) as exc_info:
        dossier_from_json(parse_json(text))
    assert messages(exc_info) == [
        "$.staff[0].fte: 1e999 is geen eindig getal",
        "$.staff[0].hours_per_week: 99999999999999999999… is een geheel getal van 5.000 cijfers",
    ]


def test_an_absurdly_large_count_is_refused():
    data = json.loads(passing_text())
    data["patients"]["treated_per_year"][0]["count"] = 10**12
    with pytest.raises(DossierValidationError) as exc_info:
        dossier_from_json(data)
    assert messages(exc_info) == [
        "$.patients.treated_per_year[0].count: 1000000000000 is onwaarschijnlijk groot (meer dan 1.000.000.000)"
    ]


def test_json_nested_deeper_than_python_can_parse_is_an_error_not_a_traceback():
    with pytest.raises(DossierValidationError, match="te diep genest; de grens is 20 niveaus"):
        parse_json("[" * 100_000 + "]" * 100_000)


def test_json_nested_deeper_than_the_limit_is_refused_at_its_path_before_the_schema(monkeypatch):
    monkeypatch.setattr("certification.format.jsonio._validator", lambda: pytest.fail("the schema saw hostile input"))
    data = {"staff": [{"name": json.loads("[" * 30 + "]" * 30)}]}
    with pytest.raises(DossierValidationError) as exc_info:
        dossier_from_json(data)
    (message,) = messages(exc_info)
    assert message.startswith("$.staff[0].name" + "[0]" * 17 + ": is te diep genest")


def test_a_list_with_more_records_than_the_limit_is_refused_with_the_count(settings):
    settings.DOSSIER_MAX_RECORDS_PER_KIND = 50
    data = json.loads(passing_text())
    data["publications"] = data["publications"] * 40
    with pytest.raises(DossierValidationError) as exc_info:
        dossier_from_json(data)
    count = len(data["publications"])
    assert messages(exc_info) == [f"$.publications: deze lijst bevat {count} items; de grens is 50 (DOSSIER_MAX_RECORDS_PER_KIND)"]


def test_a_text_longer_than_the_limit_is_refused_with_its_length(settings):
    settings.IMPORT_MAX_TEXT_CHARS = 1000
    data = json.loads(passing_text())
    data["self_evaluation"]["strengths"] = "x" * 1500
    with pytest.raises(DossierValidationError) as exc_info:
        dossier_from_json(data)
    assert messages(exc_info) == ["$.self_evaluation.strengths: de tekst is 1.500 tekens lang; de grens is 1.000 (IMPORT_MAX_TEXT_CHARS)"]


def test_a_dossier_file_above_the_size_limit_is_refused_before_it_is_read(settings, tmp_path, monkeypatch):
    settings.DOSSIER_IMPORT_MAX_BYTES = 1024 * 1024
    path = tmp_path / "groot.json"
    path.write_bytes(b" " * (1024 * 1024 + 1) + b"{}")
    monkeypatch.setattr("pathlib.Path.open", lambda self, *a, **k: pytest.fail("read a refused file"))
    with pytest.raises(DossierValidationError, match=r"het bestand is 1 MB; de grens is 1 MB \(DOSSIER_IMPORT_MAX_BYTES\)"):
        load_dossier_file(path)


def test_a_dossier_stream_without_a_size_is_read_only_up_to_the_limit(settings):
    settings.DOSSIER_IMPORT_MAX_BYTES = 1024
    with pytest.raises(DossierValidationError, match=r"het bestand is groter dan 1 kB \(DOSSIER_IMPORT_MAX_BYTES\)"):
        load_dossier_file("/dev/zero")


@pytest.mark.django_db
def test_importing_a_dossier_above_the_size_limit_writes_nothing(settings):
    settings.DOSSIER_IMPORT_MAX_BYTES = 1024
    dossier = DossierFactory()
    user = editor_of(dossier.department)
    before = Dossier.objects.count()
    with pytest.raises(DossierValidationError, match=r"het bestand is \d+,?\d* kB; de grens is 1 kB \(DOSSIER_IMPORT_MAX_BYTES\)"):
        import_dossier_json(user=user, data=passing_text().encode(), department=dossier.department)
    assert Dossier.objects.count() == before


@pytest.mark.django_db
def test_importing_a_dossier_with_nan_hours_writes_nothing():
    dossier = DossierFactory()
    user = editor_of(dossier.department)
    before = Dossier.objects.count()
    text = passing_text().replace('"hours_per_week": 32,', '"hours_per_week": NaN,', 1)
    with pytest.raises(DossierValidationError, match=r"\$\.staff\[0\]\.hours_per_week: NaN is geen getal"):
        import_dossier_json(user=user, data=text, department=dossier.department)
    assert Dossier.objects.count() == before


def test_the_limits_are_read_from_the_environment_and_refuse_nonsense():
    from topggz.limits import LimitSettingError, env_limit

    assert env_limit({"PUBLICATION_IMPORT_MAX_ENTRIES": "250"}, "PUBLICATION_IMPORT_MAX_ENTRIES") == 250
    assert env_limit({"REGISTER_IMPORT_MAX_ROWS": "20_000"}, "REGISTER_IMPORT_MAX_ROWS") == 20_000
    assert env_limit({}, "DOSSIER_IMPORT_MAX_BYTES") == 2 * 1024 * 1024
    for bad in ("0", "-5", "veel", "1.5"):
        with pytest.raises(LimitSettingError, match="must be a positive whole number"):
            env_limit({"REGISTER_IMPORT_MAX_ROWS": bad}, "REGISTER_IMPORT_MAX_ROWS")

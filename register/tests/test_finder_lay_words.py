"""Lay words, English, long stories and two groups at once, over the demo register (issue 11).

The words patients, parents and GPs type ("stemmen horen", "niet meer eten", "panic attacks") are
read through the complaints vocabulary (register.models.ComplaintTerm, seeded from
register/data/complaints.csv). The demo is loaded once for this module, as in
test_finder_queries; every case runs on SQLite and on PostgreSQL.

Two kinds of case:

- ``group``: every demo department of that target group comes before any other department (the
  order among them is the finder's tie-break, which these cases do not fix);
- ``first``: these departments come first, in this order.
"""

import pytest

from register.models import Department
from register.search import FinderQuery, search

from .test_finder_queries import demo, slugs  # noqa: F401 - the module's demo fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def group_case(text, group, id):
    return pytest.param({"text": text}, group, None, id=id)


def first_case(query, first, id):
    return pytest.param(query, None, first, id=id)


STORY = (
    "Mijn dochter is heel erg afgevallen en eet bijna niets meer. Ze is vijftien en vindt zichzelf te dik, "
    "terwijl ze heel dun is geworden. Ze sport elke dag urenlang en gaat na het eten meteen naar de wc. "
    "Op school gaat het slechter, ze is snel boos en huilt veel. Vorig jaar is haar opa overleden en daar "
    "heeft ze nog veel verdriet over; ze heeft soms nachtmerries. De huisarts zegt dat we hulp moeten zoeken. "
    "Wij als ouders weten het niet meer en zijn erg bezorgd. Wie kan haar helpen?"
)

CASES = [
    # Self-harm, the words of the issue
    group_case("zelfbeschadiging", "persoonlijkheidsstoornissen", id="zelfbeschadiging finds personality disorders"),
    group_case("zelfverwonding", "persoonlijkheidsstoornissen", id="zelfverwonding finds personality disorders"),
    group_case("automutilatie", "persoonlijkheidsstoornissen", id="automutilatie finds personality disorders"),
    group_case("mijn dochter snijdt zichzelf", "persoonlijkheidsstoornissen", id="snijdt zichzelf is self-harm"),
    group_case("self-harm", "persoonlijkheidsstoornissen", id="the English self-harm finds personality disorders"),
    first_case({"text": "zelfbeschadiging"}, ["lindenhage-kliniek-persoonlijkheid-en-trauma"],
               id="self-harm puts the department for personality and trauma first"),
    # Psychosis
    group_case("stemmen horen", "psychose", id="stemmen horen finds psychosis"),
    group_case("mijn zoon hoort stemmen", "psychose", id="hoort stemmen finds psychosis"),
    group_case("dingen zien die er niet zijn", "psychose", id="seeing things that are not there finds psychosis"),
    group_case("hallucinaties", "psychose", id="hallucinaties finds psychosis"),
    group_case("achtervolgingswaan", "psychose", id="achtervolgingswaan finds psychosis"),
    group_case("hearing voices", "psychose", id="hearing voices finds psychosis"),
    group_case("hearing the voices", "psychose", id="an English stop word does not break hearing voices"),
    # Eating disorders
    group_case("niet meer eten", "eetstoornissen", id="niet meer eten finds eating disorders"),
    group_case("eet bijna niets", "eetstoornissen", id="eet bijna niets finds eating disorders"),
    group_case("bang om dik te worden", "eetstoornissen", id="bang om dik te worden finds eating disorders"),
    group_case("eetbuien", "eetstoornissen", id="eetbuien finds eating disorders"),
    group_case("braken na het eten", "eetstoornissen", id="braken na het eten finds eating disorders"),
    group_case("ondergewicht", "eetstoornissen", id="ondergewicht finds eating disorders"),
    group_case("not eating", "eetstoornissen", id="not eating finds eating disorders"),
    group_case("binge eating", "eetstoornissen", id="binge eating finds eating disorders"),
    # Anxiety
    group_case("altijd bang", "angst", id="altijd bang finds anxiety"),
    group_case("paniekaanvallen", "angst", id="paniekaanvallen finds anxiety"),
    group_case("pleinvrees", "angst", id="pleinvrees finds anxiety"),
    group_case("niet naar buiten durven", "angst", id="niet naar buiten durven finds anxiety"),
    group_case("panic attacks", "angst", id="panic attacks finds anxiety"),
    group_case("social anxiety", "angst", id="social anxiety finds anxiety"),
    # Depression and bipolar disorder
    group_case("somber", "depressie", id="somber finds depression"),
    group_case("nergens plezier in", "depressie", id="nergens plezier in finds depression"),
    group_case("al jaren depressief", "depressie", id="al jaren depressief finds depression"),
    group_case("dood willen", "depressie", id="dood willen finds depression"),
    group_case("feeling down", "depressie", id="feeling down finds depression"),
    group_case("treatment resistant depression", "depressie", id="treatment resistant depression finds depression"),
    first_case({"text": "therapieresistente depressie"}, ["heideborgh-kliniek-therapieresistente-depressie"],
               id="therapieresistente depressie is read as one phrase and finds that clinic first"),
    group_case("stemmingswisselingen", "bipolair", id="stemmingswisselingen finds bipolar disorders"),
    group_case("manisch", "bipolair", id="manisch finds bipolar disorders"),
    group_case("mood swings", "bipolair", id="mood swings finds bipolar disorders"),
    # Trauma
    group_case("nachtmerries", "psychotrauma", id="nachtmerries finds psychotrauma"),
    group_case("herbelevingen", "psychotrauma", id="herbelevingen finds psychotrauma"),
    group_case("seksueel misbruik", "psychotrauma", id="seksueel misbruik finds psychotrauma"),
    group_case("huiselijk geweld", "psychotrauma", id="huiselijk geweld finds psychotrauma"),
    group_case("post traumatic stress disorder", "psychotrauma", id="post traumatic stress disorder finds psychotrauma"),
    group_case("post-traumatic stress", "psychotrauma", id="post-traumatic stress finds psychotrauma"),
    group_case("nightmares", "psychotrauma", id="nightmares finds psychotrauma"),
    # Obsessive-compulsive disorders and tics
    group_case("steeds handen wassen", "dwang", id="steeds handen wassen finds obsessive-compulsive care"),
    group_case("niets weg kunnen gooien", "dwang", id="niets weg kunnen gooien finds obsessive-compulsive care"),
    group_case("obsessive compulsive disorder", "dwang", id="obsessive compulsive disorder finds dwang"),
    group_case("hoarding", "dwang", id="hoarding finds dwang"),
    group_case("rare geluiden maken", "tourette", id="rare geluiden maken finds tic disorders"),
    group_case("tic disorder", "tourette", id="tic disorder finds tic disorders"),
    # ADHD and behaviour
    group_case("adhd", "adhd", id="adhd finds the ADHD departments"),
    group_case("niet stil kunnen zitten", "adhd", id="niet stil kunnen zitten finds ADHD"),
    group_case("hyperactief", "adhd", id="hyperactief finds ADHD"),
    group_case("attention deficit", "adhd", id="attention deficit finds ADHD"),
    first_case({"text": "ADHD bij ouderen"}, ["veluwerand-expertisecentrum-adhd-volwassenen-en-ouderen"],
               id="ADHD bij ouderen finds ADHD care for the elderly first"),
    first_case({"text": "ADHD", "age_groups": ("elderly",)}, ["veluwerand-expertisecentrum-adhd-volwassenen-en-ouderen"],
               id="ADHD with the elderly filter finds only ADHD care for the elderly"),
    group_case("gedragsproblemen", "gedragsstoornissen", id="gedragsproblemen finds severe behaviour problems"),
    group_case("opstandig", "gedragsstoornissen", id="opstandig finds severe behaviour problems"),
    group_case("conduct disorder", "gedragsstoornissen", id="conduct disorder finds severe behaviour problems"),
    first_case({"text": "ernstige gedragsproblemen jongeren"}, ["merelhof-jeugdkliniek-ernstige-gedragsproblemen"],
               id="ernstige gedragsproblemen jongeren finds the youth clinic first"),
    first_case({"text": "lvb en agressie"}, ["dinkeloever-behandelgroep-gedrag-en-agressie-jeugd"],
               id="lvb en agressie finds the department for both first"),
    # Other groups
    group_case("te veel drinken", "verslaving", id="te veel drinken finds addiction care"),
    group_case("gokverslaving", "verslaving", id="gokverslaving finds addiction care"),
    group_case("drug addiction", "verslaving", id="drug addiction finds addiction care"),
    group_case("traag van begrip", "lvb", id="traag van begrip finds intellectual disability care"),
    group_case("learning disability", "lvb", id="learning disability finds intellectual disability care"),
    group_case("psychosomatiek", "somatische_symptoomstoornissen", id="psychosomatiek finds somatic symptom disorders"),
    group_case("pijn zonder oorzaak", "somatische_symptoomstoornissen", id="pijn zonder oorzaak finds somatic symptom disorders"),
    group_case("unexplained symptoms", "somatische_symptoomstoornissen", id="unexplained symptoms finds somatic symptom disorders"),
    group_case("huilbaby", "infant_mental_health", id="huilbaby finds infant mental health"),
    group_case("crying baby", "infant_mental_health", id="crying baby finds infant mental health"),
    group_case("verkeerde lichaam", "genderdysforie", id="in het verkeerde lichaam finds gender care"),
    group_case("hersenbloeding", "neuropsychiatrie", id="hersenbloeding finds neuropsychiatry"),
    group_case("brain injury", "neuropsychiatrie", id="brain injury finds neuropsychiatry"),
    group_case("draaideurpatiënt", "transdiagnostisch", id="draaideurpatiënt finds transdiagnostic care"),
    first_case({"text": "alzheimer"}, ["merelhof-ouderenpsychiatrie-en-hersenen"],
               id="alzheimer puts old-age psychiatry with neuropsychiatry first"),
    # Two groups in one question
    first_case({"text": "verslaving en depressie"}, ["sleutelhof-centrum-verslaving-en-depressie"],
               id="verslaving en depressie puts the department for both first"),
    first_case({"text": "alcohol en depressie"}, ["sleutelhof-centrum-verslaving-en-depressie"],
               id="alcohol en depressie puts the department for both first"),
    first_case({"text": "drugs en psychose"}, ["ijhaven-ambulant-team-psychose-en-verslaving"],
               id="drugs en psychose puts the department for both first"),
    first_case({"text": "depressie ouderen ECT"},
               ["schermerwaard-team-ernstige-depressie-bij-ouderen", "diezeaa-centrum-depressie-en-ect"],
               id="depressie ouderen ECT puts depression in old age first, then the ECT centre"),
    # Long stories
    group_case(STORY, "eetstoornissen", id="a parents story of 500 characters lands on eating disorders"),
    group_case(
        "My son is 17 and for a year now he keeps hearing voices that nobody else hears. He is paranoid, thinks "
        "the neighbours follow him and hardly leaves his room. He also smokes a lot of weed.",
        "psychose", id="an English story about voices lands on psychosis",
    ),
]


@pytest.mark.parametrize("query, group, first", CASES)
def test_a_lay_question_puts_the_right_departments_first(query, group, first):
    result = search(FinderQuery(per_page=100, **query))
    if first is not None:
        assert slugs(result)[: len(first)] == first
    else:
        expected = set(Department.objects.filter(target_groups__code=group).values_list("slug", flat=True))
        assert expected
        assert set(slugs(result)[: len(expected)]) == expected


def test_there_are_at_least_sixty_lay_cases():
    assert len(CASES) >= 60


# --- what was read --------------------------------------------------------------------------------


def codes(result) -> list[str]:
    return [g.code for g in result.interpreted_target_groups]


@pytest.mark.parametrize("text", ["zelfbeschadiging", "zelfverwonding", "automutilatie"])
def test_a_self_harm_word_is_read_as_personality_disorders_first(text):
    assert codes(search(FinderQuery(text=text)))[0] == "persoonlijkheidsstoornissen"


def test_stemmen_horen_selects_no_department_for_the_word_horen_alone():
    result = search(FinderQuery(text="stemmen horen", per_page=100))
    assert all({"psychose", "psychotrauma"} & {g.code for g in hit.department.target_groups} for hit in result.hits)


def test_post_traumatic_stress_disorder_is_read_as_psychotrauma_only():
    assert codes(search(FinderQuery(text="post traumatic stress disorder"))) == ["psychotrauma"]


def test_therapieresistente_depressie_is_read_as_depression_only():
    assert codes(search(FinderQuery(text="therapieresistente depressie"))) == ["depressie"]


def test_the_story_is_read_as_eating_disorders_first():
    assert codes(search(FinderQuery(text=STORY)))[0] == "eetstoornissen"


def test_the_story_is_read_beyond_its_two_hundredth_character():
    assert len(STORY) > 450
    assert "psychotrauma" in codes(search(FinderQuery(text=STORY)))  # "nachtmerries" comes after character 300


def test_a_department_for_both_groups_scores_two_groups_above_one_for_one():
    hits = search(FinderQuery(text="verslaving en depressie", per_page=100)).hits
    both = next(hit for hit in hits if hit.department.slug == "sleutelhof-centrum-verslaving-en-depressie")
    assert all(both.score > hit.score for hit in hits if hit is not both)

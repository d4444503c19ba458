"""Misspellings as patients, parents and GPs type them, and Dutch words that must stay as they are.

Same demo register and pattern as test_finder_queries (imported from there):
every case runs on SQLite and on PostgreSQL, where the correction candidates
come from pg_trgm; both must give the same corrections and the same order.
"""

import random

import pytest

from register.models import SearchTerm
from register.search import FinderQuery, search
from register.search.lexicon import word_list
from register.tests.test_finder_queries import demo, slugs  # noqa: F401 (the demo fixture)
from register.tests.test_search_spelling import spells

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

case = pytest.param

EATING = ["waalheuvel-centrum-eetstoornissen-jong"]
PSYCHOSIS = ["ijhaven-ambulant-team-psychose-en-verslaving"]
OCD = ["maasoever-centrum-dwangstoornissen-rotterdam", "lindeweide-centrum-voor-dwangstoornissen"]
ANXIETY = ["peelrand-afdeling-ernstige-angst-en-dwang", "heideborgh-angst-en-dwangcentrum-drenthe"]
DEPRESSION = ["diezeaa-centrum-depressie-en-ect"]
BIPOLAR = ["duinhorst-bipolair-centrum-haarlem", "mergelhof-centrum-bipolaire-stoornissen-zuid"]
PERSONALITY = ["merelhof-centrum-persoonlijkheidsstoornissen-jeugd"]
TRAUMA = ["noorderkim-centrum-psychotrauma-noord", "maasoever-expertisecentrum-psychotrauma-jeugd"]
NEURO = ["hofstadkring-centrum-neuropsychiatrie-kust"]
TICS = ["lindenhage-centrum-tics-en-tourette", "waalheuvel-landelijk-netwerk-tourette-en-tics"]
GENDER = ["noorderkim-netwerk-genderzorg-noord", "ijhaven-polikliniek-genderidentiteit"]

CASES = [
    # Misspellings of the vocabulary's terms (and their singular and plural forms)
    case("dwangstornis", OCD, {"dwangstornis": "dwangstoornis"}, id="dwangstornis finds the obsessive-compulsive departments"),
    case("boulemie", EATING, {"boulemie": "boulimie"}, id="boulemie finds eating disorders"),
    case("anerexia", EATING, {"anerexia": "anorexia"}, id="anerexia finds eating disorders"),
    case("anorexia nervoza", EATING, {"nervoza": "nervosa"}, id="anorexia nervoza finds eating disorders"),
    case("eetstornis", EATING, {"eetstornis": "eetstoornis"}, id="eetstornis finds eating disorders"),
    case("depresie", DEPRESSION, {"depresie": "depressie"}, id="depresie finds depression"),
    case("depresief", ["merwedal-team-bipolair-en-depressie-drechtsteden"], {"depresief": "depressief"},
         id="depresief is read as the lay word depressief"),
    case("manisch depresief", BIPOLAR, {"depresief": "depressief"}, id="manisch depresief finds the bipolar departments"),
    case("psychoze", PSYCHOSIS, {"psychoze": "psychose"}, id="psychoze finds psychosis"),
    case("schizofernie", PSYCHOSIS, {"schizofernie": "schizofrenie"}, id="schizofernie finds psychosis"),
    case("borderlein", ["greidhoeke-behandelcentrum-persoonlijkheid"], {"borderlein": "borderline"},
         id="borderlein finds personality disorders"),
    case("persoonlijkheidstoornis", PERSONALITY, {"persoonlijkheidstoornis": "persoonlijkheidsstoornis"},
         id="persoonlijkheidstoornis without its linking s finds personality disorders"),
    case("angststornis", ANXIETY, {"angststornis": "angststoornis"}, id="angststornis finds anxiety"),
    case("paniekstornis", ANXIETY, {"paniekstornis": "paniekstoornis"}, id="paniekstornis finds anxiety"),
    case("autismespectrumstornis", ["schermerwaard-autismecentrum-schermer"],
         {"autismespectrumstornis": "autismespectrumstoornis"}, id="autismespectrumstornis finds autism"),
    case("verslavnig", ["ijhaven-ambulant-team-psychose-en-verslaving", "sleutelhof-centrum-verslaving-en-depressie"],
         {"verslavnig": "verslaving"}, id="verslavnig finds addiction care"),
    case("korsakof", NEURO, {"korsakof": "korsakov"}, id="korsakof finds neuropsychiatry"),
    case("hersenletstel", NEURO, {"hersenletstel": "hersenletsel"}, id="hersenletstel finds neuropsychiatry"),
    case("transgeder", GENDER, {"transgeder": "transgender"}, id="transgeder finds gender care"),
    case("posttraumatische stresstoornis", TRAUMA, {"stresstoornis": "stressstoornis"},
         id="posttraumatische stresstoornis finds psychotrauma"),
    case("eetstoornis jongern", ["waalheuvel-centrum-eetstoornissen-jong", "scheldemond-jeugdteam-eetstoornissen-zeeland"],
         {"jongern": "jongere"}, id="eetstoornis jongern finds eating disorders for youth"),
    # English, as a GP or an expat types it: corrected only towards the vocabulary
    case("schizophrenia", PSYCHOSIS, {}, id="schizophrenia is an English lay word for psychosis"),
    case("psychosis", PSYCHOSIS, {}, id="psychosis is an English lay word for psychosis"),
    case("schizofrenia", PSYCHOSIS, {"schizofrenia": "schizofrenie"}, id="schizofrenia is corrected towards the vocabulary"),
    case("bulimia", EATING, {}, id="bulimia is an English lay word for eating disorders"),
    case("depression", DEPRESSION, {}, id="depression is the English label of depression"),
    case("autism", ["zilverlinde-centrum-autisme-en-verstandelijke-beperking"], {}, id="autism is the English label of autism"),
    # Abbreviations in lower case
    case("ptsd", ["noorderkim-centrum-psychotrauma-noord"], {}, id="ptsd in lower case finds psychotrauma"),
    case("ptss", TRAUMA, {}, id="ptss in lower case finds psychotrauma"),
    case("ocd", ["peelrand-afdeling-ernstige-angst-en-dwang"], {}, id="ocd in lower case finds the obsessive-compulsive departments"),
    case("solk", ["dinkeloever-centrum-somatische-symptoomstoornissen"], {}, id="solk in lower case finds somatic symptoms"),
    case("lvb", ["peelrand-centrum-lvb-en-psychiatrie"], {}, id="lvb in lower case finds mild intellectual disability"),
    # Dutch forms of the vocabulary's terms: read as the term, not corrected
    case("anorexie", EATING, {}, id="anorexie is the Dutch spelling of anorexia"),
    case("boulimie", EATING, {}, id="boulimie is the Dutch spelling of boulimia"),
    case("schizofreen", PSYCHOSIS, {}, id="schizofreen is read as schizofrenie"),
    case("dwangstoornis", OCD, {}, id="dwangstoornis is the singular of dwangstoornissen"),
    case("depressies", DEPRESSION, {}, id="depressies is the plural of depressie"),
    case("angstig", ANXIETY, {}, id="angstig is read as angst"),
    case("mijn zoon is erg angstig", ANXIETY, {}, id="a parent's angstig finds anxiety"),
    case("psychotisch", PSYCHOSIS, {}, id="psychotisch is read as psychosis"),
    case("autisme spectrum", ["zilverlinde-centrum-autisme-en-verstandelijke-beperking"], {},
         id="autisme spectrum finds autism and leaves spectrum alone"),
    # Correct Dutch words that must stay as they are
    case("stemmen horen", PSYCHOSIS, {}, id="stemmen horen is not corrected"),
    case("niet meer eten", EATING, {}, id="niet meer eten is not corrected"),
    case("depressie bij ouderen", ["schermerwaard-team-ernstige-depressie-bij-ouderen"], {},
         id="depressie bij ouderen is not corrected"),
    case("psychose bij jongeren", ["vechtoever-kliniek-jonge-mensen-met-psychose"], {},
         id="psychose bij jongeren is not corrected"),
    case("gilles de la tourette", TICS, {}, id="gilles de la tourette is not corrected"),
    case("sociale fobie", ANXIETY, {}, id="sociale fobie is not corrected"),
    case("dementie", ["merelhof-ouderenpsychiatrie-en-hersenen", "eemzicht-centrum-ouderenpsychiatrie-eemland"], {},
         id="dementie finds old-age psychiatry"),
    case("verslaving en psychiatrie", ["betuwezoom-expertisecentrum-verslaving-en-psychiatrie"], {},
         id="verslaving en psychiatrie is not corrected"),
]


@pytest.mark.parametrize("text, first, corrections", CASES)
def test_a_misspelled_or_lay_question_puts_the_right_departments_first(text, first, corrections):
    assert slugs(search(FinderQuery(text=text)))[: len(first)] == first


@pytest.mark.parametrize("text, first, corrections", CASES)
def test_a_question_reports_exactly_the_corrections_it_made(text, first, corrections):
    assert search(FinderQuery(text=text)).corrections == corrections


def test_there_are_at_least_forty_spelling_cases():
    assert len(CASES) >= 40


# --- Dutch words are never corrected ----------------------------------------------------------------


def test_afgevallen_is_not_corrected_into_aanvallen():
    assert search(FinderQuery(text="afgevallen")).corrections == {}


def test_afgevallen_does_not_bring_back_the_somatic_symptom_teams():
    assert not [slug for slug in slugs(search(FinderQuery(text="afgevallen"))) if "somatische" in slug]


def test_a_dutch_word_that_no_department_uses_suggests_other_words_not_the_spelling():
    suggestions = search(FinderQuery(text="stotteren")).suggestions
    assert any("andere woorden" in s for s in suggestions)
    assert not any(s.startswith("Controleer de spelling") for s in suggestions)


def test_a_dutch_word_that_no_department_uses_is_not_an_unknown_word():
    result = search(FinderQuery(text="dyslexie"))
    assert (result.unknown_words, result.corrections, result.total) == ([], {}, 0)


def test_a_misspelling_is_still_an_unknown_word_when_nothing_is_near():
    assert search(FinderQuery(text="xyzzy")).unknown_words == ["xyzzy"]


@pytest.mark.parametrize("seed", range(3))
def test_a_question_of_random_dutch_words_is_never_corrected_word_for_word(seed):
    dutch = sorted(word_list("nl"))
    for word in random.Random(seed).sample(dutch, 40):
        corrections = search(FinderQuery(text=word)).corrections
        assert all(spells(typed, tuple(parts.split())) for typed, parts in corrections.items()), word


# --- the lexicon holds the vocabulary's forms, so pg_trgm finds them too -----------------------------


@pytest.mark.parametrize("form", ["dwangstoornis", "boulimie", "anorexie", "psychosen", "eetstoornissen", "angstig"])
def test_the_lexicon_table_holds_the_forms_of_the_vocabulary(form):
    assert SearchTerm.objects.filter(word=form).exists()

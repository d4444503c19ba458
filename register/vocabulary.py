"""The controlled vocabularies of the register, as data.

Seeded by migration 0002 (update-or-create by code, so re-running it is
safe); the bureau can add terms in the admin afterwards. Synonyms and
abbreviations are lower-case-insensitive search terms used by the finder.
"""

import csv
from decimal import Decimal, InvalidOperation
from pathlib import Path

TARGET_GROUPS = [
    # code, Dutch label, English label, synonyms, abbreviations
    ("psychotrauma", "Psychotrauma", "Psychotrauma",
     ["posttraumatische stressstoornis", "trauma", "complex trauma", "dissociatieve stoornis", "traumagerelateerde stoornis"],
     ["PTSS", "PTSD", "cPTSS"]),
    ("dwang", "Dwangstoornissen", "Obsessive-compulsive disorders",
     ["obsessieve-compulsieve stoornis", "dwanghandelingen", "dwanggedachten", "smetvrees", "verzamelstoornis"],
     ["OCS", "OCD"]),
    ("autisme", "Autisme", "Autism",
     ["autismespectrumstoornis", "autismespectrum", "asperger", "PDD-NOS"],
     ["ASS", "ASD"]),
    ("eetstoornissen", "Eetstoornissen", "Eating disorders",
     ["eetstoornis", "anorexia nervosa", "anorexia", "boulimia nervosa", "boulimia", "eetbuistoornis", "ARFID"],
     ["AN", "BN", "BED"]),
    ("persoonlijkheidsstoornissen", "Persoonlijkheidsstoornissen", "Personality disorders",
     ["persoonlijkheidsstoornis", "borderline", "borderline persoonlijkheidsstoornis", "antisociale persoonlijkheidsstoornis"],
     ["PS", "BPS", "BPD"]),
    ("psychose", "Psychotische stoornissen", "Psychotic disorders",
     ["psychose", "schizofrenie", "schizoaffectieve stoornis", "eerste psychose", "therapieresistente schizofrenie"],
     ["EPA"]),
    ("bipolair", "Bipolaire stoornissen", "Bipolar disorders",
     ["bipolaire stoornis", "manisch-depressief", "manie", "stemmingsstoornis"],
     ["BS"]),
    ("depressie", "Depressie", "Depression",
     ["depressieve stoornis", "therapieresistente depressie", "chronische depressie", "stemmingsstoornis"],
     ["TRD", "MDD"]),
    ("angst", "Angststoornissen", "Anxiety disorders",
     ["angststoornis", "paniekstoornis", "sociale angst", "fobie", "gegeneraliseerde angststoornis"],
     ["GAS"]),
    ("verslaving", "Verslaving in combinatie met andere problematiek", "Addiction with co-occurring problems",
     ["verslaving", "dubbele diagnose", "middelengebruik", "alcoholverslaving", "drugsverslaving"],
     ["DD"]),
    ("lvb", "Licht verstandelijke beperking", "Mild intellectual disability",
     ["verstandelijke beperking", "zwakbegaafdheid"],
     ["LVB", "SGLVG"]),
    ("neuropsychiatrie", "Neuropsychiatrie", "Neuropsychiatry",
     ["niet-aangeboren hersenletsel", "hersenletsel", "Huntington", "epilepsie en psychiatrie", "Korsakov"],
     ["NAH"]),
    ("ouderenpsychiatrie", "Ouderenpsychiatrie", "Old age psychiatry",
     ["gerontopsychiatrie", "ouderen", "dementie met psychiatrische problemen", "late-life depressie"],
     []),
    ("infant_mental_health", "Infant mental health", "Infant mental health",
     ["baby's en peuters", "ouder-kindrelatie", "vroegkinderlijke ontwikkeling", "hechting"],
     ["IMH"]),
    ("somatische_symptoomstoornissen", "Somatische symptoomstoornissen", "Somatic symptom disorders",
     ["somatische symptoomstoornis", "SOLK", "lichamelijke klachten zonder verklaring", "conversiestoornis",
      "functionele neurologische stoornis", "psychosomatiek", "psychosomatische klachten", "psychosomatisch"],
     ["SSS", "SOLK", "FNS"]),
    ("tourette", "Tourette en ticstoornissen", "Tourette and tic disorders",
     ["syndroom van Gilles de la Tourette", "tics", "ticstoornis"],
     ["TS"]),
    ("genderdysforie", "Genderdysforie", "Gender dysphoria",
     ["genderincongruentie", "transgender", "genderidentiteit"],
     []),
    ("transdiagnostisch", "Transdiagnostisch", "Transdiagnostic",
     ["complexe problematiek", "meerdere stoornissen", "comorbiditeit", "ernstige psychiatrische aandoening"],
     []),
    # Added by migration 0005: specialisations of certified departments (ADHD in adults and the
    # elderly, complex behaviour disorders in youth).
    ("adhd", "ADHD", "ADHD",
     ["aandachtstekortstoornis", "aandachtstekortstoornis met hyperactiviteit", "aandachtsstoornis",
      "hyperactiviteitsstoornis", "hyperactiviteit"],
     ["ADHD", "ADD"]),
    ("gedragsstoornissen", "Ernstige gedragsproblemen", "Severe behavioural problems",
     ["gedragsstoornis", "gedragsstoornissen", "gedragsproblemen", "complexe gedragsproblemen",
      "oppositioneel-opstandige stoornis", "normoverschrijdend gedrag", "behavioural problems", "behavior problems"],
     ["ODD", "CD"]),
]

AGE_GROUPS = [
    # code, Dutch, English, min age, max age
    ("children", "Kinderen (0-11 jaar)", "Children (0-11)", 0, 11),
    ("youth", "Jongeren (12-17 jaar)", "Youth (12-17)", 12, 17),
    ("young_adults", "Jongvolwassenen (18-25 jaar)", "Young adults (18-25)", 18, 25),
    ("adults", "Volwassenen (18-65 jaar)", "Adults (18-65)", 18, 65),
    ("elderly", "Ouderen (65 jaar en ouder)", "Elderly (65 and over)", 65, None),
]

CARE_FUNCTIONS = [
    ("outpatient", "Ambulant", "Outpatient"),
    ("day_treatment", "Deeltijdbehandeling", "Day treatment"),
    ("inpatient_open", "Klinisch, open afdeling", "Inpatient, open ward"),
    ("inpatient_closed", "Klinisch, gesloten afdeling", "Inpatient, closed ward"),
    ("home_treatment", "Behandeling thuis", "Home treatment"),
    ("crisis", "Crisiszorg", "Crisis care"),
]

EXCLUSION_CRITERIA = [
    # code, Dutch, English, description
    ("active_addiction", "Actieve verslaving", "Active addiction",
     "Er is sprake van actief middelengebruik dat behandeling in de weg staat."),
    ("acute_crisis", "Acute crisis of suïcidaliteit", "Acute crisis or suicidality",
     "De patiënt heeft eerst crisiszorg nodig."),
    ("iq_below_70", "IQ lager dan 70", "IQ below 70",
     "Het aanbod is niet aangepast aan een verstandelijke beperking."),
    ("severe_aggression", "Ernstige agressie", "Severe aggression",
     "Er is sprake van recent ernstig agressief gedrag."),
    ("somatic_instability", "Somatisch instabiel", "Somatically unstable",
     "De lichamelijke toestand vraagt eerst ziekenhuiszorg."),
    ("no_primary_diagnosis", "Doelgroepstoornis niet op de voorgrond", "Target disorder not primary",
     "De stoornis waarin de afdeling gespecialiseerd is, staat niet op de voorgrond."),
    ("forensic_framework", "Forensisch kader", "Forensic framework",
     "Behandeling binnen een strafrechtelijk kader (TBS, PIJ) is niet mogelijk."),
    ("no_treatment_history", "Geen eerdere behandeling", "No prior treatment",
     "Eerst moet behandeling in de basis- of specialistische ggz zijn geprobeerd."),
    ("outside_region", "Woont buiten het werkgebied", "Lives outside the service area",
     "Alleen voor patiënten uit het eigen werkgebied (geldt niet voor consultatie)."),
]


# --- the complaints vocabulary (register.models.ComplaintTerm) --------------------------------------
#
# Lay words and symptoms, each pointing to one or more target groups with a weight. Seeded by
# migration 0006 from register/data/complaints.csv (columns term, language, target_groups as
# "code=weight;code=weight"); the bureau keeps them in the admin afterwards, with import and export
# in the same format (register.importexport.complaints).

COMPLAINTS_CSV = Path(__file__).resolve().parent / "data" / "complaints.csv"
COMPLAINT_COLUMNS = ("term", "language", "target_groups")
COMPLAINT_LANGUAGES = ("nl", "en")


def parse_target_group_weights(text: str) -> list[tuple[str, Decimal]]:
    """'psychose=1.0; psychotrauma=0,4' -> [('psychose', Decimal('1.0')), ('psychotrauma', Decimal('0.4'))].

    A code without '=weight' weighs 1. Raises ValueError with a Dutch message for a weight that
    is not a number above 0 and at most 1 (two decimals at most), for a code named twice, or for
    an empty list.
    """
    pairs: list[tuple[str, Decimal]] = []
    for part in (text or "").split(";"):
        part = part.strip()
        if not part:
            continue
        code, _, raw = part.partition("=")
        code, raw = code.strip(), raw.strip().replace(",", ".") or "1"
        try:
            weight = Decimal(raw)
        except InvalidOperation:
            raise ValueError(f"Het gewicht van '{code}' is geen getal: '{raw}'.") from None
        if not weight.is_finite() or not 0 < weight <= 1 or weight != weight.quantize(Decimal("0.01")):
            raise ValueError(f"Het gewicht van '{code}' moet boven 0 liggen en ten hoogste 1 zijn (twee decimalen): '{raw}'.")
        if not code:
            raise ValueError(f"Voor '={raw}' staat geen doelgroepcode.")
        if code in dict(pairs):
            raise ValueError(f"De doelgroep '{code}' staat er twee keer in.")
        pairs.append((code, weight))
    if not pairs:
        raise ValueError("Noem ten minste één doelgroep, bijvoorbeeld psychose=1.0.")
    return pairs


def format_target_group_weights(pairs) -> str:
    """[('psychose', Decimal('1.00')), ...] -> 'psychose=1.0;psychotrauma=0.4' (the import format)."""
    return ";".join(f"{code}={_weight_text(weight)}" for code, weight in pairs)


def _weight_text(weight) -> str:
    text = f"{Decimal(weight).quantize(Decimal('0.01')):f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def seed_complaints() -> list[tuple[str, str, list[tuple[str, Decimal]]]]:
    """(term, language, [(code, weight)]) for every row of register/data/complaints.csv."""
    with COMPLAINTS_CSV.open(encoding="utf-8", newline="") as file:
        return [
            (row["term"].strip(), row["language"].strip(), parse_target_group_weights(row["target_groups"]))
            for row in csv.DictReader(file)
        ]

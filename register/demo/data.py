"""The hand-written part of the demo register: fictional institutions, their
departments and the Dutch texts the generator combines.

Everything here is invented. Institution names were checked against the
names of real Dutch mental-health institutions (see REAL_INSTITUTION_NAMES,
which a test uses); web and e-mail addresses use the reserved `.example`
domain (RFC 2606); AGB and KvK numbers are left empty because any 8-digit
number could belong to a real organisation.
"""

# --- institutions ------------------------------------------------------------
# key (also the .example domain), name, home town (a woonplaats in geo/data),
# province code, telephone area code.
INSTITUTIONS = [
    ("noorderkim", "Ggz Noorderkim", "Groningen", "PV20", "050"),
    ("hunzedal", "Stichting Hunzedal", "Winschoten", "PV20", "0597"),
    ("waddenlicht", "Stichting Waddenlicht", "Leeuwarden", "PV21", "058"),
    ("greidhoeke", "Ggz De Greidhoeke", "Sneek", "PV21", "0515"),
    ("heideborgh", "Ggz Heideborgh", "Assen", "PV22", "0592"),
    ("lindeweide", "Zorggroep Lindeweide", "Zwolle", "PV23", "038"),
    ("dinkeloever", "Stichting Dinkeloever", "Enschede", "PV23", "053"),
    ("polderwijde", "Ggz Polderwijde", "Lelystad", "PV24", "0320"),
    ("veluwerand", "Ggz Veluwerand", "Apeldoorn", "PV25", "055"),
    ("betuwezoom", "Stichting Betuwezoom", "Tiel", "PV25", "0344"),
    ("zilverlinde", "Expertisecentrum Zilverlinde", "Ede", "PV25", "0318"),
    ("waalheuvel", "Ggz Waalheuvel", "Nijmegen", "PV25", "024"),
    ("vechtoever", "Ggz Vechtoever", "Utrecht", "PV26", "030"),
    ("lindenhage", "Instituut Lindenhage", "Zeist", "PV26", "030"),
    ("eemzicht", "Ggz Eemzicht", "Amersfoort", "PV26", "033"),
    ("duinhorst", "Stichting Duinhorst", "Haarlem", "PV27", "023"),
    ("ijhaven", "Stichting IJhaven Psychiatrie", "Amsterdam", "PV27", "020"),
    ("schermerwaard", "Ggz Schermerwaard", "Alkmaar", "PV27", "072"),
    ("hofstadkring", "Ggz Hofstadkring", "Den Haag", "PV28", "070"),
    ("maasoever", "Stichting Maasoever", "Rotterdam", "PV28", "010"),
    ("sleutelhof", "Stichting Sleutelhof", "Leiden", "PV28", "071"),
    ("merwedal", "Kenniscentrum Merwedal", "Dordrecht", "PV28", "078"),
    ("scheldemond", "Ggz Scheldemond", "Middelburg", "PV29", "0118"),
    ("peelrand", "Ggz Peelrand", "Helmond", "PV30", "0492"),
    ("merelhof", "Zorggroep Merelhof", "Breda", "PV30", "076"),
    ("dommeldal", "Stichting Dommeldal", "Eindhoven", "PV30", "040"),
    ("diezeaa", "Ggz Dieze en Aa", "'s-Hertogenbosch", "PV30", "073"),
    ("maasheuvel", "Ggz Maasheuvel", "Venlo", "PV31", "077"),
    ("mergelhof", "Stichting Mergelhof", "Maastricht", "PV31", "043"),
    ("roerstreek", "Zorggroep Roerstreek", "Roermond", "PV31", "0475"),
]

# --- age profiles --------------------------------------------------------------
AGE_PROFILES = {
    "baby": ["children"],
    "kjp": ["children", "youth"],
    "jeugd": ["youth", "young_adults"],
    "jv": ["young_adults", "adults"],
    "volw": ["adults"],
    "volw_ouderen": ["adults", "elderly"],
    "ouderen": ["elderly"],
    "jeugd_volw": ["youth", "young_adults", "adults"],
    "alle": ["children", "youth", "young_adults", "adults", "elderly"],
}

AGE_WORDS = {
    "children": "kinderen",
    "youth": "jongeren",
    "young_adults": "jongvolwassenen",
    "adults": "volwassenen",
    "elderly": "ouderen",
}

# --- departments ---------------------------------------------------------------
# institution keys (two for a network), name, target-group codes, age profile.
DEPARTMENTS = [
    (("noorderkim",), "Centrum Psychotrauma Noord", ["psychotrauma"], "jv"),
    (("noorderkim",), "Topklinische afdeling Psychose", ["psychose"], "jv"),
    (("noorderkim",), "Polikliniek Bipolaire Stoornissen", ["bipolair"], "volw_ouderen"),
    (("hunzedal",), "Expertisecentrum Licht Verstandelijke Beperking", ["lvb"], "jeugd_volw"),
    (("hunzedal",), "Kliniek Dubbele Diagnose Oost-Groningen", ["verslaving"], "volw"),
    (("waddenlicht",), "Eetstoornissenteam Fryslân", ["eetstoornissen"], "jeugd_volw"),
    (("waddenlicht",), "Ouderenpsychiatrie De Terp", ["ouderenpsychiatrie"], "ouderen"),
    (("greidhoeke",), "Autismeteam Volwassenen", ["autisme"], "volw"),
    (("greidhoeke",), "Behandelcentrum Persoonlijkheid", ["persoonlijkheidsstoornissen"], "jv"),
    (("heideborgh",), "Kliniek Therapieresistente Depressie", ["depressie"], "volw_ouderen"),
    (("heideborgh",), "Kinder- en jeugdpsychiatrie Autisme en Gedrag", ["autisme"], "kjp"),
    (("heideborgh",), "Angst- en Dwangcentrum Drenthe", ["angst", "dwang"], "volw"),
    (("lindeweide",), "Centrum voor Dwangstoornissen", ["dwang"], "jeugd_volw"),
    (("lindeweide",), "Psychosecentrum IJsseldelta", ["psychose"], "jv"),
    (("dinkeloever",), "Traumacentrum Jeugd Twente", ["psychotrauma"], "kjp"),
    (("dinkeloever",), "Centrum Somatische Symptoomstoornissen", ["somatische_symptoomstoornissen"], "volw"),
    (("polderwijde",), "Jeugdteam Ernstige Angst", ["angst"], "kjp"),
    (("polderwijde",), "Kliniek Persoonlijkheidsstoornissen Flevoland", ["persoonlijkheidsstoornissen"], "jv"),
    (("veluwerand",), "Centrum Neuropsychiatrie Veluwe", ["neuropsychiatrie"], "volw_ouderen"),
    (("veluwerand",), "Zorgprogramma Bipolair Jong", ["bipolair"], "jeugd"),
    (("veluwerand",), "Kliniek Ouderenpsychiatrie Veluwe", ["ouderenpsychiatrie"], "ouderen"),
    (("betuwezoom",), "Expertisecentrum Verslaving en Psychiatrie", ["verslaving"], "jv"),
    (("betuwezoom",), "Team Complexe Zorg Rivierenland", ["transdiagnostisch"], "volw"),
    (("zilverlinde",), "Centrum Autisme en Verstandelijke Beperking", ["autisme", "lvb"], "jeugd_volw"),
    (("zilverlinde",), "Zorgprogramma Complexe Stemmingsproblemen", ["depressie", "bipolair"], "volw"),
    (("waalheuvel",), "Centrum Eetstoornissen Jong", ["eetstoornissen"], "kjp"),
    (("waalheuvel",), "Traumateam Rijk van Nijmegen", ["psychotrauma"], "volw"),
    (("vechtoever",), "Kliniek Jonge Mensen met Psychose", ["psychose"], "jeugd"),
    (("vechtoever",), "Centrum Genderidentiteit Midden", ["genderdysforie"], "jeugd_volw"),
    (("vechtoever",), "Expertisecentrum Ernstige Depressie", ["depressie"], "volw"),
    (("lindenhage",), "Kliniek Persoonlijkheid en Trauma", ["persoonlijkheidsstoornissen", "psychotrauma"], "jv"),
    (("lindenhage",), "Centrum Tics en Tourette", ["tourette"], "kjp"),
    (("eemzicht",), "Centrum Ouderenpsychiatrie Eemland", ["ouderenpsychiatrie"], "ouderen"),
    (("eemzicht",), "Polikliniek Ernstige Angst", ["angst"], "volw"),
    (("duinhorst",), "Kliniek Eetstoornissen aan Zee", ["eetstoornissen"], "jv"),
    (("duinhorst",), "Jeugdteam Dwang en Angst", ["dwang", "angst"], "kjp"),
    (("duinhorst",), "Bipolair Centrum Haarlem", ["bipolair"], "volw"),
    (("ijhaven",), "Traumakliniek IJhaven", ["psychotrauma"], "volw"),
    (("ijhaven",), "Ambulant Team Psychose en Verslaving", ["psychose", "verslaving"], "jv"),
    (("ijhaven",), "Polikliniek Genderidentiteit", ["genderdysforie"], "volw"),
    (("schermerwaard",), "Autismecentrum Schermer", ["autisme"], "jv"),
    (("schermerwaard",), "Team Ernstige Depressie bij Ouderen", ["depressie", "ouderenpsychiatrie"], "ouderen"),
    (("hofstadkring",), "Centrum Persoonlijkheidsstoornissen Hofstad", ["persoonlijkheidsstoornissen"], "volw"),
    (("hofstadkring",), "Kliniek Psychose Haaglanden", ["psychose"], "volw"),
    (("hofstadkring",), "Centrum Neuropsychiatrie Kust", ["neuropsychiatrie"], "volw"),
    (("maasoever",), "Centrum Dwangstoornissen Rotterdam", ["dwang"], "volw"),
    (("maasoever",), "Expertisecentrum Psychotrauma Jeugd", ["psychotrauma"], "kjp"),
    (("maasoever",), "Afdeling Verslaving en Persoonlijkheid", ["verslaving", "persoonlijkheidsstoornissen"], "volw"),
    (("sleutelhof",), "Jeugdcentrum Onverklaarde Lichamelijke Klachten", ["somatische_symptoomstoornissen"], "kjp"),
    (("sleutelhof",), "Expertisecentrum Autisme Volwassenen", ["autisme"], "volw"),
    (("merwedal",), "Centrum Ernstige Psychiatrische Aandoeningen", ["transdiagnostisch", "psychose"], "volw"),
    (("merwedal",), "Team Bipolair en Depressie Drechtsteden", ["bipolair", "depressie"], "volw_ouderen"),
    (("scheldemond",), "Zeeuws Centrum Psychotrauma", ["psychotrauma"], "volw_ouderen"),
    (("scheldemond",), "Jeugdteam Eetstoornissen Zeeland", ["eetstoornissen"], "kjp"),
    (("scheldemond",), "Kliniek Dubbele Diagnose Zeeland", ["verslaving"], "jv"),
    (("peelrand",), "Centrum LVB en Psychiatrie", ["lvb"], "volw"),
    (("peelrand",), "Afdeling Ernstige Angst en Dwang", ["angst", "dwang"], "volw"),
    (("merelhof",), "Centrum Persoonlijkheidsstoornissen Jeugd", ["persoonlijkheidsstoornissen"], "jeugd"),
    (("merelhof",), "Ouderenpsychiatrie en Hersenen", ["ouderenpsychiatrie", "neuropsychiatrie"], "ouderen"),
    (("dommeldal",), "Centrum Autisme Kind en Jeugd", ["autisme"], "kjp"),
    (("dommeldal",), "Expertisecentrum Psychose Kempen", ["psychose"], "jv"),
    (("diezeaa",), "Centrum Depressie en ECT", ["depressie"], "volw_ouderen"),
    (("diezeaa",), "Kliniek Eetstoornissen Brabant", ["eetstoornissen"], "volw"),
    (("maasheuvel",), "Traumacentrum Noord-Limburg", ["psychotrauma"], "jv"),
    (("maasheuvel",), "Team Somatische Symptoomstoornissen", ["somatische_symptoomstoornissen"], "volw"),
    (("mergelhof",), "Infant Mental Health Team Zuid", ["infant_mental_health"], "baby"),
    (("mergelhof",), "Centrum Bipolaire Stoornissen Zuid", ["bipolair"], "volw"),
    (("roerstreek",), "Expertisecentrum Verslaving Jongeren", ["verslaving"], "jeugd"),
    (("roerstreek",), "Transdiagnostisch Behandelcentrum", ["transdiagnostisch"], "jv"),
    # Networks and care pathways run by two institutions together.
    (("waalheuvel", "dommeldal"), "Landelijk Netwerk Tourette en Tics", ["tourette"], "alle"),
    (("noorderkim", "waddenlicht"), "Netwerk Genderzorg Noord", ["genderdysforie"], "jeugd_volw"),
    (("mergelhof", "roerstreek"), "Netwerk Neuropsychiatrie Limburg", ["neuropsychiatrie"], "volw_ouderen"),
    (("ijhaven", "hofstadkring"), "Zorgpad Infant Mental Health Randstad", ["infant_mental_health"], "baby"),
    (("lindeweide", "dinkeloever"), "Netwerk Eetstoornissen Oost", ["eetstoornissen"], "jeugd_volw"),
]

# Departments for the specialisations added later (ADHD, severe behaviour problems) and one that
# treats addiction and depression together. The builder makes them after the others, from their
# own random stream, so that the departments above stay exactly as they were.
ADDED_DEPARTMENTS = [
    (("veluwerand",), "Expertisecentrum ADHD Volwassenen en Ouderen", ["adhd"], "volw_ouderen"),
    (("eemzicht",), "Polikliniek ADHD Eemland", ["adhd"], "volw"),
    (("merelhof",), "Jeugdkliniek Ernstige Gedragsproblemen", ["gedragsstoornissen"], "jeugd"),
    (("dinkeloever",), "Behandelgroep Gedrag en Agressie Jeugd", ["gedragsstoornissen", "lvb"], "kjp"),
    (("sleutelhof",), "Centrum Verslaving en Depressie", ["verslaving", "depressie"], "volw"),
]

# --- descriptions (B1: short sentences, everyday words) ------------------------
# First sentence per target group; {ages} becomes e.g. "kinderen en jongeren".
WHO = {
    "psychotrauma": "Wij helpen {ages} die iets heel ergs hebben meegemaakt en daar nog elke dag last van hebben, "
    "bijvoorbeeld door nachtmerries, schrikken of herinneringen die steeds terugkomen (PTSS).",
    "dwang": "Wij helpen {ages} met dwanggedachten of dwanghandelingen (OCD), zoals steeds moeten controleren, "
    "tellen of wassen.",
    "autisme": "Wij helpen {ages} met autisme bij wie het leven thuis, op school of op het werk erg vastloopt.",
    "eetstoornissen": "Wij helpen {ages} met een ernstige eetstoornis, zoals anorexia, boulimia of eetbuien.",
    "persoonlijkheidsstoornissen": "Wij helpen {ages} met een persoonlijkheidsstoornis, zoals borderline, "
    "die steeds weer vastlopen in hun gevoelens en in contact met anderen.",
    "psychose": "Wij helpen {ages} met een psychose of schizofrenie, bijvoorbeeld als iemand stemmen hoort "
    "of dingen anders beleeft dan anderen.",
    "bipolair": "Wij helpen {ages} met een bipolaire stoornis (vroeger manisch-depressief genoemd): "
    "periodes van grote somberheid en periodes met te veel energie.",
    "depressie": "Wij helpen {ages} met een zware depressie die niet overgaat, ook niet na eerdere behandeling.",
    "angst": "Wij helpen {ages} met heel ernstige angst, zoals paniekaanvallen, sociale angst of een fobie.",
    "verslaving": "Wij helpen {ages} met een verslaving aan alcohol, drugs of medicijnen die daarnaast "
    "ook andere psychische problemen hebben.",
    "lvb": "Wij helpen {ages} met een licht verstandelijke beperking die ook psychische problemen hebben.",
    "neuropsychiatrie": "Wij helpen {ages} met psychische problemen door een ziekte of beschadiging van de hersenen, "
    "zoals hersenletsel, epilepsie of de ziekte van Huntington.",
    "ouderenpsychiatrie": "Wij helpen ouderen met ernstige psychische problemen, soms samen met geheugenproblemen "
    "of lichamelijke ziekten.",
    "infant_mental_health": "Wij helpen ouders met baby's en peuters als het contact met hun kind moeilijk gaat, "
    "of als hun kind heel veel huilt, slecht slaapt of slecht eet.",
    "somatische_symptoomstoornissen": "Wij helpen {ages} met lichamelijke klachten waarvoor artsen geen goede "
    "verklaring vinden (SOLK), zoals pijn, moeheid of aanvallen die op epilepsie lijken.",
    "tourette": "Wij helpen {ages} met het syndroom van Gilles de la Tourette of andere tics, als de tics "
    "het dagelijks leven moeilijk maken.",
    "genderdysforie": "Wij helpen {ages} die twijfelen over hun genderidentiteit of die zich niet thuis voelen "
    "in het lichaam waarmee ze geboren zijn.",
    "transdiagnostisch": "Wij helpen {ages} met een ernstige psychiatrische aandoening en meerdere problemen "
    "tegelijk, bij wie gewone behandeling niet genoeg helpt.",
    "adhd": "Wij helpen {ages} met ADHD die daarnaast andere psychische problemen hebben, bijvoorbeeld als "
    "de ADHD pas laat is ontdekt.",
    "gedragsstoornissen": "Wij helpen {ages} met ernstige gedragsproblemen, zoals veel woede, agressie of "
    "steeds weer in de problemen komen, thuis en op school.",
}

# Second sentence per target group (one is chosen).
APPROACH = {
    "psychotrauma": [
        "We werken met behandelingen die goed onderzocht zijn, zoals EMDR en traumatherapie.",
        "De behandeling is vaak kort en intensief, bijvoorbeeld een week lang elke dag therapie.",
    ],
    "dwang": [
        "In de behandeling oefent u stap voor stap om de dwang niet meer te volgen.",
        "Als het nodig is, oefenen we ook bij u thuis.",
    ],
    "autisme": [
        "We maken samen een plan dat past bij hoe u denkt en voelt.",
        "Ouders, partners of begeleiders doen mee als dat helpt.",
    ],
    "eetstoornissen": [
        "We werken aan gezond eten, aan uw gewicht en aan de gedachten en gevoelens die daarbij horen.",
        "Een arts, een diëtist en een psycholoog werken samen in één team.",
    ],
    "persoonlijkheidsstoornissen": [
        "In gesprekken en in groepen leert u beter om te gaan met uw gevoelens en met andere mensen.",
        "We werken onder meer met schematherapie en mentaliseren (MBT).",
    ],
    "psychose": [
        "We combineren medicijnen, gesprekken en hulp bij wonen, werk en contact met anderen.",
        "Als andere medicijnen niet genoeg helpen, kunnen we hier met clozapine starten.",
    ],
    "bipolair": [
        "Samen zoeken we de juiste medicijnen en leert u de eerste signalen van een nieuwe periode herkennen.",
        "Met u en uw naasten maken we een plan voor als het weer slechter gaat.",
    ],
    "depressie": [
        "We bieden onder meer gesprekken, medicijnen en als het nodig is elektroconvulsietherapie (ECT).",
        "Eerst kijken we goed waarom eerdere behandelingen niet hielpen.",
    ],
    "angst": [
        "In de behandeling gaat u stap voor stap de situaties aan waar u bang voor bent.",
        "We bieden ook intensieve behandeling in korte tijd.",
    ],
    "verslaving": [
        "We behandelen de verslaving en de andere problemen tegelijk, in één team.",
        "U krijgt hulp bij stoppen of minderen, en bij wat daarna moeilijk is.",
    ],
    "lvb": [
        "We leggen alles uit in eenvoudige woorden en werken samen met uw begeleiders of familie.",
        "De behandeling is aangepast aan uw tempo, met veel herhaling en plaatjes.",
    ],
    "neuropsychiatrie": [
        "Psychiaters, neurologen en psychologen werken hier samen.",
        "We onderzoeken goed wat de hersenen doen en wat dat betekent voor uw gedrag en stemming.",
    ],
    "ouderenpsychiatrie": [
        "We letten ook op uw lichamelijke gezondheid en uw medicijnen.",
        "Uw familie of mantelzorger is welkom bij de gesprekken.",
    ],
    "infant_mental_health": [
        "We kijken samen naar wat er gebeurt tussen u en uw kind, soms met video-opnames.",
        "U leert de signalen van uw kind beter begrijpen.",
    ],
    "somatische_symptoomstoornissen": [
        "We nemen uw klachten serieus en helpen u om weer meer te doen, samen met een fysiotherapeut.",
        "Een psycholoog, een arts en een fysiotherapeut werken samen in één team.",
    ],
    "tourette": [
        "Met gedragstherapie leert u de tics beter te beheersen.",
        "We geven ook uitleg aan school, werk of familie.",
    ],
    "genderdysforie": [
        "Psychologen en artsen begeleiden u bij het maken van keuzes, in uw eigen tempo.",
        "We praten over wat u voelt en wat u wilt, zonder haast.",
    ],
    "transdiagnostisch": [
        "Specialisten uit verschillende vakgebieden maken samen met u één plan.",
        "We kijken niet alleen naar de diagnose, maar naar alles wat u nodig heeft.",
    ],
    "adhd": [
        "We onderzoeken zorgvuldig of het ADHD is, en kijken ook naar geheugen en stemming.",
        "We combineren uitleg, training en, als dat past, medicijnen.",
    ],
    "gedragsstoornissen": [
        "Ouders en school doen mee; samen oefenen we met duidelijke afspraken.",
        "Als het thuis niet meer gaat, kan een jongere een tijd bij ons wonen.",
    ],
}

# Optional closing sentences; those with a condition only fit some departments.
CLOSING = [
    ("any", "U kunt bij ons terecht als eerdere behandeling niet genoeg heeft geholpen."),
    ("any", "Uw naasten zijn welkom om mee te doen aan de behandeling."),
    ("any", "Wij werken samen met uw eigen behandelaar in de buurt."),
    ("young", "Zo kunt u weer meedoen op school, thuis en met vrienden."),
    ("adult", "Zo kunt u weer meer meedoen thuis, op uw werk en met anderen."),
    ("inpatient", "Als het nodig is, kunt u een tijd bij ons opgenomen worden."),
]

# --- locations ------------------------------------------------------------------
STREETS = [
    "Beukenlaan", "Kastanjelaan", "Lindenhof", "Parkweg", "Molenstraat", "Stationsweg", "Zonnebloemstraat",
    "Esdoornlaan", "Populierenweg", "Vijverlaan", "Wilgenhof", "Berkenstraat", "Tuinstraat", "Klaproosweg",
    "Brinkstraat", "Kerkpad", "Hoflaan", "Merellaan", "Lijsterbesstraat", "Dorpsstraat", "Nieuwe Gracht",
    "Oude Vaart", "Havenkade", "Spoorlaan", "Schoolstraat", "Rozenlaan", "Heideweg", "Eikenlaan",
    "Sportlaan", "Weverstraat", "Bloemendaalseweg", "Zorgpark", "Gasthuisstraat", "Kloosterlaan",
]

LOCATION_KIND_NAMES = {
    "inpatient": "Kliniek",
    "day": "Deeltijdcentrum",
    "outpatient": "Polikliniek",
}

# --- offers ------------------------------------------------------------------------
HOW_TO_REQUEST = {
    "treatment": [
        "Stuur een verwijsbrief via Zorgdomein. Schrijf erin welke klachten er zijn en welke behandelingen al "
        "zijn geprobeerd.",
        "Meld aan via Zorgdomein of met een beveiligde e-mail. Voeg de laatste behandelbrief toe. "
        "Binnen twee weken bellen we voor een intakegesprek.",
        "Bel eerst ons aanmeldpunt om te overleggen. Stuur daarna een verwijsbrief met de diagnose en de "
        "behandelingen tot nu toe.",
    ],
    "consultation": [
        "Bel het consultatiespreekuur op werkdagen tussen 9 en 12 uur. Een psychiater belt u binnen twee "
        "werkdagen terug.",
        "Stuur uw vraag via het beveiligde contactformulier op onze website. U krijgt binnen een week advies.",
    ],
    "second_opinion": [
        "Stuur een verwijsbrief met een duidelijke vraag. Voeg de brieven van eerdere behandelingen toe.",
        "Vraag een second opinion aan via Zorgdomein. De patiënt moet ermee instemmen dat wij het dossier inzien.",
    ],
    "co_treatment": [
        "Bel ons om af te spreken wat wij doen en wat uw team blijft doen. Daarna maken we samen een plan.",
        "Meld aan via Zorgdomein en geef aan welk deel van de behandeling u aan ons wilt overdragen.",
    ],
    "remote_supervision": [
        "Mail ons welke behandeling u zelf uitvoert en waarbij u hulp wilt. We plannen dan vaste "
        "overlegmomenten via beeldbellen.",
        "Bel ons aanmeldpunt. Een behandelaar van ons begeleidt uw team op afstand tijdens de behandeling.",
    ],
}

PAUSE_REASONS = [
    "Door een tekort aan behandelaren nemen we tijdelijk geen nieuwe aanmeldingen aan.",
    "De wachttijd is nu langer dan vier maanden. We nemen weer aanmeldingen aan als de wachtlijst korter is.",
    "We verhuizen naar een nieuw gebouw. Na de verhuizing kunt u weer aanmelden.",
    "Het team wordt opnieuw opgebouwd na het vertrek van twee behandelaren.",
    "De kliniek is tijdelijk kleiner door een verbouwing. Overleg bij spoed met ons aanmeldpunt.",
    "We werken eerst de huidige wachtlijst weg. Consultatie blijft gewoon mogelijk.",
]

# --- exclusion criteria -----------------------------------------------------------
EXCLUSION_NOTES = {
    "active_addiction": [
        "Eerst ontgiften, daarna kunt u opnieuw aanmelden.",
        "Bij licht gebruik overleggen we graag.",
    ],
    "acute_crisis": [
        "Bij acuut gevaar eerst de crisisdienst inschakelen.",
        "Na de crisis kunt u opnieuw aanmelden.",
    ],
    "iq_below_70": [
        "Bij twijfel over het IQ overleggen we met de verwijzer.",
        "Verwijs dan liever naar een centrum voor LVB en psychiatrie.",
    ],
    "severe_aggression": [
        "Het gaat om geweld in de afgelopen drie maanden.",
        "Onze open afdeling kan niet veilig genoeg zijn.",
    ],
    "somatic_instability": [
        "Bijvoorbeeld een BMI onder 13 of ernstige hartritmestoornissen.",
        "Eerst opname in het ziekenhuis, daarna overleggen we.",
    ],
    "no_primary_diagnosis": [
        "De stoornis waarvoor wij zijn gespecialiseerd moet de belangrijkste zijn.",
        "Bij twijfel beoordelen we dit tijdens de intake.",
    ],
    "forensic_framework": [
        "Wel mogelijk na afloop van de maatregel.",
        "Reclasseringstoezicht is geen bezwaar.",
    ],
    "no_treatment_history": [
        "Minstens één goede behandeling in de specialistische ggz.",
        "Geldt niet voor consultatie.",
    ],
    "outside_region": [
        "Alleen voor de klinische behandeling; ambulant werken we landelijk.",
        "Overleg bij twijfel met ons aanmeldpunt.",
    ],
}

# --- a check, not data: names of real institutions that must never appear ---------
REAL_INSTITUTION_NAMES = [
    "GGZ inGeest", "Parnassia", "Altrecht", "Lentis", "Dimence", "GGz Centraal", "Pro Persona", "Arkin",
    "Karakter", "Accare", "Levvel", "Mondriaan", "Yulius", "Emergis", "GGZ Drenthe", "GGZ Friesland",
    "Reinier van Arkel", "GGzE", "GGZ Oost Brabant", "Rivierduinen", "PsyQ", "Centrum '45", "Centrum 45",
    "Vincent van Gogh", "GGZ Breburg", "GGZ Westelijk Noord-Brabant", "GGZ Noord-Holland-Noord",
    "GGZ Delfland", "Mediant", "Tactus", "Novadic-Kentron", "Jellinek", "Brijder", "IrisZorg",
    "Verslavingszorg Noord Nederland", "De Viersprong", "Fivoor", "Transfore", "Veldzicht", "Kempenhaeghe",
    "Leo Kannerhuis", "Youz", "De Bascule", "Triversum", "Curium", "Sinai Centrum", "ARQ", "Bavo Europoort",
    "Lucertis", "Max Ernst", "Indigo", "Trajectum", "Ipse de Bruggen", "'s Heeren Loo", "Amarant",
    "Pluryn", "Cordaan", "Kwintes", "Molemann", "HSK", "Interpsy", "Eleos", "De Hoop ggz", "Human Concern",
    "Co-Eur", "Amarum", "Sensoor", "Psymens", "Mentaal Beter", "Antes", "Context", "Ggz Noord-Holland",
    "Jutters", "De Fjord", "Horizon", "Kenter", "Ambiq", "Propersona", "Riagg", "UMC", "UMCG",
    "Amsterdam UMC",
    "Erasmus MC", "LUMC", "Radboudumc", "MUMC", "Maastricht UMC", "UMC Utrecht", "Trimbos",
]

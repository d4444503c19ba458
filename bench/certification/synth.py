"""Synthetic, deterministic dossiers for the certification benchmark (pure dataclasses, no database).

``synth_dossier(number, rng)`` builds one realistic dossier: about 15 staff
(figureheads, senior researchers, a professor, PhD candidates, a leaver or
two), 4 quarters of started treatments and of consultations and second
opinions, 3 innovations, 3 instruments, 5 studies, about 30 publications,
12 presentations, 6 knowledge-transfer and 4 participation activities, 1-2
university agreements, 2-3 training places with three years of occupancy,
CVs and other attachments, and every narrative part filled in. Visitation
dates fall in 2019-2022, where the seeded criteria set is in force; some
dossiers miss a norm (too few publications, a figurehead who left, too
little high-specialist care) so the checker's verdicts vary as in real life.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from certification.format import dossier as d
from certification.format.periods import Quarter

FIRST = [
    "Anna", "Bram", "Carlijn", "Daan", "Eva", "Femke", "Gijs", "Hanna", "Iris", "Joris", "Karin", "Lars", "Marieke",
    "Noor", "Olaf", "Pien", "Quinten", "Roos", "Sander", "Tessa", "Ugo", "Vera", "Willem", "Yara", "Zeynep",
]  # fmt: skip
LAST = [
    ("van", "Dalen"), ("", "Hoekstra"), ("de", "Vries"), ("", "Jansen"), ("van der", "Berg"), ("", "Bakker"),
    ("", "Visser"), ("", "Smit"), ("", "Meijer"), ("de", "Boer"), ("", "Mulder"), ("de", "Groot"), ("", "Bos"),
    ("", "Vos"), ("", "Peters"), ("", "Hendriks"), ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"), ("de", "Wit"),
    ("", "Dijkstra"), ("", "Smits"), ("de", "Graaf"), ("van der", "Meer"), ("", "Kok"), ("", "Yilmaz"), ("", "El Amrani"),
]  # fmt: skip
DISCIPLINES = [
    ("psychiater", "psychiater"),
    ("klinisch psycholoog", "klinisch psycholoog"),
    ("gz-psycholoog", "gz-psycholoog"),
    ("verpleegkundig specialist", "verpleegkundig specialist ggz"),
    ("psychotherapeut", "psychotherapeut"),
    ("sociaal psychiatrisch verpleegkundige", "spv"),
]
JOURNALS = [
    ("Tijdschrift voor Psychiatrie", False, ("PubMed",)),
    ("Journal of Anxiety Disorders", True, ("PubMed", "PsycINFO")),
    ("Psychological Medicine", True, ("PubMed", "Embase")),
    ("BMC Psychiatry", True, ("PubMed",)),
    ("European Psychiatry", True, ("PubMed", "Embase")),
    ("GZ-Psychologie", False, ()),
    ("Acta Psychiatrica Scandinavica", True, ("PubMed", "PsycINFO")),
]
CONGRESSES = [
    ("Voorjaarscongres NVvP", "national"),
    ("Landelijk Congres GGz", "national"),
    ("European Congress of Psychiatry", "international"),
    ("World Congress of Behavioural and Cognitive Therapies", "international"),
    ("Najaarscongres VGCt", "national"),
]
TOPICS = ["dwang", "eetstoornissen", "psychotrauma", "persoonlijkheidsproblematiek", "psychose", "autisme", "depressie"]
TEXT = "Beschreven in het beleidsplan van de afdeling, met voorbeelden uit de praktijk van het afgelopen jaar."
DAY = timedelta(days=1)


def _name(rng: random.Random) -> tuple[str, str, str]:
    """(first, particle, surname)."""
    particle, surname = rng.choice(LAST)
    return rng.choice(FIRST), particle, surname


def _display(first, particle, surname, title="") -> str:
    return " ".join(part for part in (title, first, particle, surname) if part)


def _author(first, particle, surname) -> str:
    return f"{particle + ' ' if particle else ''}{surname}, {first[0]}."


def _between(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def visitation_date(rng: random.Random) -> date:
    return _between(rng, date(2019, 3, 1), date(2022, 12, 15))


def synth_dossier(number: int, rng: random.Random, slug: str, v: date) -> d.Dossier:
    topic = rng.choice(TOPICS)
    weak = rng.random()  # about one dossier in four misses something
    attachments: list[d.Attachment] = [d.Attachment(id="organigram", title="Organigram", kind="organigram", file="organigram.pdf")]

    # ---- staff
    people, used, size = [], set(), rng.randint(12, 18)
    while len(people) < size:
        person = _name(rng)
        if person[1:] not in used:
            used.add(person[1:])
            people.append(person)
    staff = []
    for i, (first, particle, surname) in enumerate(people):
        discipline, function = DISCIPLINES[0] if i < 3 else rng.choice(DISCIPLINES)
        figurehead = i < (1 if weak < 0.1 else 2)
        senior = i < 3 or (i == 3 and rng.random() < 0.5)
        professor = i == 0 and rng.random() < 0.85
        candidate = i in (5, 6)
        phd = d.PHD_OBTAINED if (senior or professor) else (d.PHD_EQUIVALENT if i == 4 else d.PHD_NONE)
        key = ""
        if figurehead or senior or professor:
            key = f"cv-{i}"
            attachments.append(d.Attachment(id=key, title=f"Cv {surname}", kind="cv", file=f"cv-{surname.lower()}.pdf"))
        hours = rng.choice([24, 28, 32, 36]) if i < 4 else rng.choice([16, 20, 24, 28, 32, 36])
        leaver = i == len(people) - 1 and rng.random() < 0.6
        staff.append(
            d.StaffMember(
                name=_display(first, particle, surname, "Dr." if phd == d.PHD_OBTAINED else ""),
                discipline=discipline,
                function=function,
                fte=round(hours / 36, 2),
                hours_per_week=hours,
                clinical_hours_per_week=round(hours * rng.uniform(0.4, 0.8)),
                research_hours_per_week=8 if senior else rng.choice([0, 0, 4]),
                phd=phd,
                phd_equivalent_explanation="Twintig jaar onderzoekservaring en vijftien publicaties." if phd == d.PHD_EQUIVALENT else "",
                cv=key,
                start_date=_between(rng, date(2005, 1, 1), v - relativedelta(years=4)),
                end_date=(v - timedelta(days=rng.randint(20, 400))) if leaver else None,
                figurehead=d.FigureheadRole(field=f"{topic}, behandeling bij therapieresistentie") if figurehead else None,
                senior_researcher=d.SeniorResearcherRole() if senior else None,
                professor=(
                    d.ProfessorRole(
                        hours_per_week=8,
                        contribution="Leidt de onderzoekslijn en begeleidt de promovendi.",
                        chair=f"Psychiatrie, in het bijzonder {topic}",
                        university="Universiteit van Lindeoord (fictief)",
                    )
                    if professor
                    else None
                ),
                phd_candidate=d.PhdCandidateRole(study=f"Promotieonderzoek {i - 4}") if candidate else None,
            )
        )
    authors_pool = [_author(*p) for p in people[:8]]

    # ---- studies: two PhD studies covering the last three years, three others
    studies = []
    for n in (1, 2):
        start = v - relativedelta(years=rng.randint(3, 5))
        studies.append(
            d.Study(
                title=f"Promotieonderzoek {n}",
                subject=f"Effectiviteit van intensieve behandeling bij {topic}",
                researchers=(_display(*people[4 + n]),),
                start_date=start,
                end_date=None if n == 1 or weak > 0.15 else v - relativedelta(months=8),
                phase=rng.choice(["inclusie", "analyse", "schrijven"]),
                is_phd_study=True,
                phd_candidate=_display(*people[4 + n]),
                promotors=(_display(*people[0], "Prof. dr."),),
                candidate_involvement="Werkt twee dagen per week als behandelaar op de afdeling.",
            )
        )
    for n in range(3):
        start = v - relativedelta(years=rng.randint(1, 6))
        studies.append(
            d.Study(
                title=f"Studie {n + 1}: {topic} en {rng.choice(TOPICS)}",
                subject="Samenhang tussen klachten en behandeluitkomst",
                researchers=(_display(*people[1]), _display(*people[2])),
                start_date=start,
                end_date=start + relativedelta(years=rng.randint(1, 4)),
                phase="afgerond",
            )
        )

    # ---- publications: ~30 over the last four years
    count = rng.randint(26, 38) if weak > 0.1 else rng.randint(2, 6)
    publications = []
    for n in range(count):
        journal, international, indexes = rng.choice(JOURNALS)
        authors = rng.sample(authors_pool, rng.randint(1, 3)) + [f"Extern{n}{c}, X." for c in "ABC"[: rng.randint(1, 3)]]
        rng.shuffle(authors)
        unit = set(authors_pool)
        publications.append(
            d.Publication(
                type=rng.choices(["article", "review", "congress_abstract", "book_chapter"], [70, 10, 15, 5])[0],
                title=f"{topic.capitalize()}: bevinding {n + 1} uit het cohort van {number}",
                date=_between(rng, v - relativedelta(years=4), v - DAY),
                authors=tuple(d.Author(name=a, unit_author=a in unit) for a in authors),
                journal=journal,
                peer_reviewed=rng.random() < 0.9,
                international=international,
                indexes=indexes,
                link=f"https://doi.org/10.5555/bench.{number}.{n}",
            )
        )

    presentations = []
    for year in range(3):  # three to five in each of the three years before the visitation
        window_end = v - relativedelta(years=year) - DAY
        for _ in range(rng.randint(3, 5)):
            congress, scope = rng.choice(CONGRESSES)
            presentations.append(
                d.Presentation(
                    date=_between(rng, window_end - relativedelta(years=1) + DAY, window_end),
                    congress=congress,
                    scope=scope,
                    title=f"Voordracht {len(presentations) + 1} over {topic}",
                    presenter=_display(*rng.choice(people[:8])),
                    kind=rng.choice(["lecture", "presentation", "poster"]),
                )
            )

    def activities(n, prefix, result):
        return tuple(
            d.Activity(
                title=f"{prefix} {k + 1}",
                date=_between(rng, v - relativedelta(years=3), v - DAY),
                kind=prefix.lower(),
                description=TEXT,
                result=result,
            )
            for k in range(n)
        )

    agreements = []
    for n in range(rng.randint(1, 2)):
        key = f"overeenkomst-{n + 1}"
        attachments.append(d.Attachment(id=key, title=f"Samenwerkingsovereenkomst {n + 1}", kind="agreement", file=f"{key}.pdf"))
        agreements.append(
            d.UniversityAgreement(
                partner=rng.choice(["Universiteit van Lindeoord", "UMC Westerhaven", "Universiteit Oostmeer"]),
                partner_kind=rng.choice(["university", "umc"]),
                description="Gezamenlijke onderzoekslijn en opleiding van promovendi.",
                document=key,
                start_date=v - relativedelta(years=rng.randint(2, 8)),
            )
        )

    # the four calendar quarters before the visitation date's own quarter
    quarters = [Quarter.of(Quarter.of(v).start - relativedelta(months=3 * k)) for k in (4, 3, 2, 1)]
    high_share = rng.uniform(0.55, 0.9) if weak > 0.25 or weak < 0.2 else rng.uniform(0.3, 0.45)

    def service(kind):
        return d.ConsultationService(
            description=f"{kind} per telefoon, beeldbellen en op locatie.",
            requesters="Huisartsen, ggz-instellingen, medisch specialisten.",
            professionals="Psychiaters en klinisch psychologen van de afdeling.",
            example="Advies over medicatie bij een patiënt met therapieresistente klachten.",
            example_benefit="De patiënt kon in de eigen regio verder behandeld worden.",
            quarters=tuple(
                d.ServiceQuarter(quarter=x, count=rng.randint(5, 40), supra_regional_share=round(rng.uniform(0.2, 0.8), 2))
                for x in quarters
            ),
        )

    places = tuple(
        d.TrainingPlace(
            discipline=discipline,
            places=rng.randint(1, 3),
            recognition="Erkend als praktijkinstelling",
            occupancy=tuple(d.Occupancy(year=v.year - k, occupied=rng.randint(0, 2)) for k in (3, 2, 1)),
        )
        for discipline in rng.sample(["psychiater", "klinisch_psycholoog", "verpleegkundig_specialist"], rng.randint(2, 3))
    )

    return d.Dossier(
        visitation_date=v,
        department=d.DepartmentInfo(
            name=f"Expertisecentrum {topic} {number}",
            institution=f"GGz Voorbeeld {number % 40} (fictief)",
            register_slug=slug,
            specialised_since=v - relativedelta(years=rng.randint(4, 20)),
            target_group=f"Volwassenen met ernstige, therapieresistente {topic}.",
            diagnoses=(topic,),
            age_groups=("adults",),
            other_characteristics="Twee of meer eerdere behandelingen zonder voldoende resultaat.",
            locations=tuple(
                d.Location(name=f"Locatie {k + 1}", size="12 bedden, 300 ambulante patiënten per jaar", care_functions=("outpatient",))
                for k in range(rng.randint(1, 3))
            ),
            specialist_offer=TEXT,
            management=TEXT,
            organigram="organigram",
            chain_position=TEXT,
        ),
        staff=tuple(staff),
        patients=d.Patients(
            treated_per_year=tuple(d.YearCount(year=v.year - k, count=rng.randint(150, 600)) for k in (3, 2, 1)),
            intake_criteria=TEXT,
            decision_tool="Decision tool TOPGGz",
            outflow_criteria=TEXT,
            treatments_started=tuple(
                d.StartedQuarter(quarter=x, started=(s := rng.randint(20, 60)), high_specialist=int(s * high_share))
                for x in quarters
            ),
        ),
        consultation=service("Consultatie"),
        second_opinion=service("Second opinion"),
        innovations=tuple(
            d.Innovation(
                title=f"Innovatie {k + 1}",
                target_group=f"Patiënten met {topic}",
                description=TEXT,
                innovative_aspect=TEXT,
                difference_from_regular_care=TEXT,
                effectiveness_design="Gerandomiseerd, met een wachtlijstcontrolegroep.",
                study=studies[k].title if k < 2 else "",
            )
            for k in range(3)
        ),
        outcome_measurement=d.OutcomeMeasurement(
            instruments=tuple(d.Instrument(name=name, moments="start, na 12 weken, einde") for name in ("Y-BOCS", "OQ-45", "CQ-index")),
            individual_use=TEXT,
            group_results=TEXT,
            appreciation_method=TEXT,
            appreciation_results=TEXT,
            adjustment_example=TEXT,
        ),
        studies=tuple(studies),
        publications=tuple(publications),
        presentations=tuple(presentations),
        knowledge_transfer=activities(rng.randint(5, 7), "Klinische les", ""),
        patient_participation=activities(rng.randint(3, 5), "Cliëntenpanel", "Folder en werkwijze aangepast."),
        university_agreements=tuple(agreements),
        training=d.Training(participation=TEXT, places=places),
        board_statement=d.BoardStatement(
            commitment=TEXT, funding="Uit de DBC-opbrengsten en een eigen innovatiebudget.", signed_by="Drs. R. Bestuurder", signed_on=v - relativedelta(months=2)
        ),
        self_evaluation=d.SelfEvaluation(strengths=TEXT, weaknesses=TEXT, development_points=TEXT),
        attachments=tuple(attachments),
    )


def record_count(p: d.Dossier) -> int:
    return (
        len(p.staff) + len(p.studies) + len(p.publications) + len(p.presentations) + len(p.innovations)
        + len(p.knowledge_transfer) + len(p.patient_participation) + len(p.university_agreements) + len(p.attachments)
        + len(p.department.locations) + len(p.patients.treated_per_year) + len(p.patients.treatments_started)
        + len(p.consultation.quarters) + len(p.second_opinion.quarters) + len(p.outcome_measurement.instruments)
        + len(p.training.places) + sum(len(t.occupancy) for t in p.training.places)
        + 5  # two service descriptions, outcome measurement, board statement, self-evaluation
    )  # fmt: skip

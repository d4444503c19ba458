"""A fictional, realistic demo register for development and demonstrations.

`load_demo()` (or `python manage.py load_demo`) loads the reference
geography if it is missing and then about 75 fictional TOPGGz departments
at 30 fictional institutions in all twelve provinces, with locations at
real PC4 postcode areas, offers, registration pauses and exclusion
criteria. The data are deterministic (a fixed random seed; dates relative
to the day of loading) and everything is invented: names were checked
against real institutions, addresses use the reserved `.example` domain.

`ensure_demo_admin()` creates the demo superuser beheer@topggz.example with
the published password DEMO_ADMIN_PASSWORD: for demonstrations only.
"""

from .builder import SEED, build_demo, demo_department_slugs, demo_institution_names
from .loader import (
    DEMO_ADMIN_EMAIL,
    DEMO_ADMIN_PASSWORD,
    DemoCounts,
    DemoResult,
    demo_counts,
    demo_departments,
    demo_institutions,
    demo_present,
    ensure_demo_admin,
    load_demo,
    remove_demo,
)

__all__ = [
    "DEMO_ADMIN_EMAIL",
    "DEMO_ADMIN_PASSWORD",
    "SEED",
    "DemoCounts",
    "DemoResult",
    "build_demo",
    "demo_counts",
    "demo_department_slugs",
    "demo_departments",
    "demo_institution_names",
    "demo_institutions",
    "demo_present",
    "ensure_demo_admin",
    "load_demo",
    "remove_demo",
]

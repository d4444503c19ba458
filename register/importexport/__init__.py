"""Import and export of the whole register as XLSX or CSV (django-import-export).

Format
======

One XLSX workbook with one sheet per kind, or one CSV file per kind. The
first row holds the column headers, which equal the model field names;
every listed column must be present (cells may be empty where the field is
optional), except the three optional location columns marked below.

``instellingen`` (Institution; key: ``name``)
    name, website, city, agb_code (8 digits), kvk_number (8 digits)
``afdelingen`` (Department; key: ``slug``)
    slug, name, institutions (institution names, ';'-separated), description,
    specialised_since, phone, email, website,
    status, certified_from, certified_until: optional, exported for
    information only. They follow the certificates (certification.visitation.
    services.sync_register) and the import never sets them: an empty cell
    keeps the register's value, a value that differs from it (for a new
    department: in_procedure without dates) is an error on that row,
    reach (supra_regional | national; empty = supra_regional),
    target_groups, age_groups (';'-separated codes, Dutch or English labels,
    or a target group's synonyms and abbreviations, e.g. 'PTSS'),
    last_confirmed_on
``locaties`` (Location; key: department + name)
    department (the department's slug), name, street_address, postcode,
    city, care_functions (';'-separated codes or labels); optional:
    municipality (CBS code such as GM0344), latitude, longitude. When those
    are empty or absent they follow from the postcode's PC4 area
    (geo.PostcodeArea); a postcode whose PC4 area is unknown is an error.
``aanbod`` (Offer; key: department + kind)
    department (slug), kind (treatment | consultation | second_opinion |
    co_treatment | remote_supervision, or the Dutch label),
    requesters (';'-separated codes: gp, mental_health, medical_specialist,
    youth_care, social_domain, patient), how_to_request,
    status (open | paused; empty = open), pause_reason, pause_expected_end
    (both required when paused, both empty when open)
``exclusiecriteria`` (DepartmentExclusion; key: department + criterion)
    department (slug), criterion (code or label), note

Dates: ISO 2025-03-01 or Dutch 01-03-2025 (also an Excel date cell).
CSV: UTF-8 with or without BOM, ',' or ';' as delimiter (detected from the
header line); the kind follows from the file name (``afdelingen.csv``,
``register-locaties.csv``, or the English ``departments.csv``) or is given
explicitly for a single file. Uploads: only .xlsx and .csv, checked by
extension and content, at most REGISTER_IMPORT_MAX_BYTES (default 5 MB) per
file. Sheet names and headers are case-insensitive; empty rows are skipped.

Behaviour
=========

- Rows are matched on their natural key and created or updated; rows are
  never deleted (remove them in the admin).
- All or nothing: every row of every sheet is validated (model full_clean()
  and the database constraints, with Dutch messages) inside one transaction;
  one bad row anywhere rolls the whole import back. The report names the
  file or sheet, the row number (header = row 1), the column and the reason.
- Sheets are imported in the order above, so a department may name an
  institution, and a location a department, created in the same import.
- Unchanged rows are skipped: importing the same file twice changes nothing.
- Every saved row gets a history record with reason "import: <file or sheet>"
  and the importing user.
- Export writes the same format (codes for vocabularies and choices, ISO
  dates, coordinates and municipality included), so exporting and importing
  into an empty register with the same vocabularies and geography recreates it.

Use ``import_register()`` and ``export_register()``, the management commands
``import_register`` and ``export_register``, or the Department admin's
"Importeren" and "Exporteren" pages.

The complaints vocabulary (lay words and their target groups) has its own,
simpler file with the same rules: register.importexport.complaints and the
"Klachtenwoorden" admin's "Importeren" and "Exporteren" pages.
"""

from .report import ImportReport, KindCounts, RowError
from .resources import KINDS, RESOURCES
from .service import export_register, import_register

__all__ = [
    "KINDS",
    "RESOURCES",
    "ImportReport",
    "KindCounts",
    "RowError",
    "export_register",
    "import_register",
]

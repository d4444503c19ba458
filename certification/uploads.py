"""The upload checks moved to ``topggz.uploads`` (shared with the consultation desk); this name
stays for migration 0003, which refers to ``certification.uploads.validate_upload``."""

from topggz.uploads import validate_upload  # noqa: F401

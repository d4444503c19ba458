"""python manage.py adopt_certificates

Records the certificates granted before the platform issued them: every department the register
holds as certified (with a start date) and without a certificate gets one, decided on that start
date and valid four years from it (certification.visitation.services.adopt_register_certificates).
From then on its status and dates follow the certificate, like every other department's. Running
it again changes nothing.
"""

from django.core.management.base import BaseCommand

from certification.visitation.services import adopt_register_certificates


class Command(BaseCommand):
    help = "Keurmerk: leg de keurmerken vast die afdelingen al hadden vóór het platform (uit het register)."

    def handle(self, *args, **options):
        adopted = adopt_register_certificates()
        for certificate in adopted:
            self.stdout.write(f"{certificate.number}  {certificate.department.name}  "
                              f"{certificate.valid_from.isoformat()} t/m {certificate.valid_until.isoformat()}")
        self.stdout.write(f"{len(adopted)} keurmerk(en) vastgelegd.")

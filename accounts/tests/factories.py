import factory
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import DepartmentMembership, User
from accounts.roles import Role

PASSWORD = "Een-lang-wachtwoord-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"gebruiker{n}@topggz.example")
    first_name = "Sam"
    last_name = "Jansen"
    role = Role.REFERRER
    is_staff = factory.LazyAttribute(lambda o: o.role in {"department_editor", "department_manager", "bureau_admin"})
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


def give_totp_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def make_member(user, department):
    return DepartmentMembership.objects.create(user=user, department=department)

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _


class LocalLoginForm(AuthenticationForm):
    """The password form. With LOCAL_LOGIN off every failure says the same thing, whether or
    not the name is on the break-glass list, so the refusal does not reveal the list.

    The user name's length is checked before authenticating: AuthenticationForm sets the
    field's max_length after the field is built, so nothing enforced it, an over-long name
    reached authenticate() and django-axes (whose record holds 255 characters) and the
    login answered 500.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(
            MaxLengthValidator(field.max_length, message=_("The user name is too long."))
        )
        if not settings.LOCAL_LOGIN:
            self.error_messages = {
                **self.error_messages,
                "invalid_login": _(
                    "Signing in with a password is only for the emergency admin account. "
                    "Sign in with your work account."
                ),
            }

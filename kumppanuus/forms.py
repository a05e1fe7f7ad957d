from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Django's login form, with its user name's length checked before authenticating.

    AuthenticationForm sets the field's max_length after the field is built, so nothing
    enforces it: an over-long name reached authenticate() and django-axes, whose record of
    the failed attempt holds 255 characters, and the login answered 500.
    """

    def __init__(self, request=None, *args, **kwargs) -> None:
        super().__init__(request, *args, **kwargs)
        field = self.fields["username"]
        field.validators.append(
            MaxLengthValidator(field.max_length, message=_("The user name is too long."))
        )

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LocalLoginForm(AuthenticationForm):
    """The password form. With LOCAL_LOGIN off every failure says the same thing, whether or
    not the name is on the break-glass list, so the refusal does not reveal the list."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not settings.LOCAL_LOGIN:
            self.error_messages = {
                **self.error_messages,
                "invalid_login": _(
                    "Signing in with a password is only for the emergency admin account. "
                    "Sign in with your work account."
                ),
            }

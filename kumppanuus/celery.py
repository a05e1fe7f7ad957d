"""The Celery application. Configuration comes from Django settings (CELERY_*)."""

import os

from celery import Celery
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kumppanuus.settings")


class DjangoCelerySettings:
    """Django's CELERY_* settings under Celery's own names (CELERY_BROKER_URL: broker_url).

    The usual config_from_object("django.conf:settings", namespace="CELERY") hands Celery
    the prefixed names, and Celery 5.6 reads a prefixed name before an unprefixed one in
    every layer: a value set at run time (app.conf.task_always_eager = True, as tests do)
    then never wins over Django's. Celery 5.7 fixed that lookup, but its worker dies when
    Redis goes away (requirements.txt). Read live, so a changed Django setting is seen.
    """

    PREFIX = "CELERY_"

    def __getattr__(self, name: str):
        try:
            return getattr(settings, self.PREFIX + name.upper())
        except AttributeError:
            raise AttributeError(name) from None

    def __dir__(self) -> list[str]:
        return [
            name.removeprefix(self.PREFIX).lower()
            for name in dir(settings)
            if name.startswith(self.PREFIX)
        ]


app = Celery("kumppanuus")
app.config_from_object(DjangoCelerySettings())
app.autodiscover_tasks()

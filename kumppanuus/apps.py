from django.apps import AppConfig


class KumppanuusConfig(AppConfig):
    """Project-wide pieces: health check, translation compiling, shared templates."""

    name = "kumppanuus"
    verbose_name = "Kumppanuus"

"""Form fields about the organisation, shared by every app's forms."""

from collections.abc import Iterable

from django import forms

from .models import Unit


class UnitChoiceField(forms.ChoiceField):
    """One of the units the view has already loaded for the user, returned as the Unit.

    The view needs the user's units anyway (to refuse a user without any); checking the
    choice against that list costs no second query, as a ModelChoiceField's would. With
    `empty_label`, the field is optional and offers that label for "no unit".
    """

    def __init__(self, *, empty_label: str | None = None, **kwargs) -> None:
        super().__init__(choices=(), **kwargs)
        self.empty_label = empty_label
        self.units: dict[str, Unit] = {}

    def set_units(self, units: Iterable[Unit]) -> None:
        self.units = {str(unit.pk): unit for unit in units}
        choices = [(unit.pk, unit.display_name) for unit in self.units.values()]
        if self.empty_label is not None:
            choices.insert(0, ("", self.empty_label))
        self.choices = choices

    def prepare_value(self, value):
        return value.pk if isinstance(value, Unit) else value

    def to_python(self, value) -> Unit | None:
        if value in self.empty_values:
            return None
        unit = self.units.get(str(value))
        if unit is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return unit

    def validate(self, value: Unit | None) -> None:
        forms.Field.validate(self, value)  # required; to_python has checked the choice


# The largest id a database column holds (bigint); a larger one is no row of ours.
MAX_ID = 2**63 - 1


class BoundedIdsMixin:
    """For ModelMultipleChoiceField: ids that are not numbers a database id column can
    hold are an invalid choice, before they reach an `id IN (...)` query, which would
    fail on them (an integer overflow) instead of simply finding nothing."""

    def _check_values(self, value):
        for pk in value:
            try:
                number = int(str(pk))
            except (TypeError, ValueError):
                number = 0
            if not 0 < number <= MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(pk)[:40]},
                )
        return super()._check_values(value)


class BoundedModelMultipleChoiceField(BoundedIdsMixin, forms.ModelMultipleChoiceField):
    """ModelMultipleChoiceField that refuses ids no database could hold."""

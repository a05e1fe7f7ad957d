"""Form fields shared by the apps."""

import copy

from django import forms


class FixedChoiceField(forms.ChoiceField):
    """A ChoiceField whose choices are fixed by the form's class (a model's choices).

    Django copies every field of a form for each instance, a ChoiceField's choices label by
    label, its widget's once more, normalising them again. Fixed choices are never changed
    on an instance, so the copies share them: a third of the capture form's set-up, on
    every capture. Assigning `choices` on an instance still gives it a list of its own.
    """

    def __deepcopy__(self, memo):
        # forms.Field.__deepcopy__, with the widget copied shallowly (its choices shared).
        result = copy.copy(self)
        memo[id(self)] = result
        result.widget = copy.copy(self.widget)
        result.widget.attrs = self.widget.attrs.copy()
        result.error_messages = self.error_messages.copy()
        result.validators = self.validators[:]
        return result

"""FixedChoiceField: copies per form share the class's choices, and still stand alone."""

from django import forms

from kumppanuus.lib.forms import FixedChoiceField

CHOICES = [("phone", "Puhelin"), ("clinic", "Vastaanotto")]


class ChannelForm(forms.Form):
    channel = FixedChoiceField(choices=CHOICES, widget=forms.RadioSelect(attrs={"class": "x"}))


def test_each_form_validates_and_renders_the_fixed_choices():
    valid, invalid = ChannelForm({"channel": "clinic"}), ChannelForm({"channel": "fax"})
    assert valid.is_valid() and valid.cleaned_data == {"channel": "clinic"}
    assert not invalid.is_valid() and "channel" in invalid.errors
    html = str(ChannelForm()["channel"])
    assert 'value="phone"' in html and "Vastaanotto" in html


def test_the_copies_share_the_choices_but_not_what_an_instance_changes():
    first, second = ChannelForm(), ChannelForm()
    base = ChannelForm.base_fields["channel"]
    assert first.fields["channel"] is not base
    assert first.fields["channel"].choices is base.choices
    assert first.fields["channel"].widget is not base.widget

    first.fields["channel"].choices = [("video", "Video")]
    first.fields["channel"].widget.attrs["class"] = "changed"
    first.fields["channel"].error_messages["invalid_choice"] = "changed"

    assert second.fields["channel"].choices == base.choices == CHOICES
    assert [value for value, _label in second.fields["channel"].widget.choices] == [
        "phone",
        "clinic",
    ]
    assert base.widget.attrs == {"class": "x"}
    assert base.error_messages["invalid_choice"] != "changed"
    assert 'value="video"' in str(first["channel"])
    assert 'value="video"' not in str(second["channel"])

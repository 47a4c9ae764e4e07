"""Render Django form fields as GOV.UK Frontend form groups, without JavaScript."""

from django import forms, template

register = template.Library()


def _kind(field) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    return "input"


@register.inclusion_tag("core/includes/field.html")
def govuk_field(field, classes: str = ""):
    widget = field.field.widget
    return {"field": field, "kind": _kind(field), "classes": classes,
            "input_type": widget.attrs.get("type", getattr(widget, "input_type", "text")),
            # The widget's own format: a date input needs ISO 8601, not the locale's words.
            "value": widget.format_value(field.value())}


@register.inclusion_tag("core/includes/error_summary.html")
def govuk_error_summary(form):
    return {"form": form}

"""Widgets every app's forms share."""

from django import forms


class DateInput(forms.DateInput):
    """A browser date picker; its value is always ISO 8601, whatever the locale."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs, format=format)


class TimeInput(forms.TimeInput):
    """A browser time picker (24-hour hours and minutes)."""

    input_type = "time"

    def __init__(self, attrs=None, format="%H:%M"):
        super().__init__(attrs, format=format)

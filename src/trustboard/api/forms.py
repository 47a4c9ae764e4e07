from django import forms

from trustboard.core.forms import DateInput


class TokenForm(forms.Form):
    name = forms.CharField(max_length=100, label="Name",
                           help_text="What the token is for, e.g. 'weekly import script'.")
    expires_on = forms.DateField(required=False, label="Expires on (optional)",
                                 widget=DateInput(),
                                 help_text="The last day the token works. Left blank, it "
                                           "works until you revoke it.")

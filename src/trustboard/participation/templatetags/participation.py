from django import template

from trustboard.participation.models import Response, ResponseKind

register = template.Library()


@register.simple_tag
def response_heading(response: Response) -> str:
    """"We did", "We will, by 1 March 2013" or "We cannot", in plain English."""
    if response.kind == ResponseKind.WILL and response.will_by:
        return f"We will, by {response.will_by:%-d %B %Y}"
    return response.get_kind_display()

from decimal import Decimal

from django import template

from trustboard.commissioning.services import pounds as _pounds

register = template.Library()


@register.filter
def pounds(amount) -> str:
    """£236,500: money as the Transparency Code publishes it."""
    if amount is None or amount == "":
        return ""
    return _pounds(Decimal(amount))

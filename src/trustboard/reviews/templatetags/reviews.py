from django import template

from trustboard.reviews.selectors import number_in_words

register = template.Library()


@register.filter
def chart_for(charts, key):
    """Pick a chart by questionnaire, then by question number, from {(id, number): chart}."""
    if isinstance(charts, dict) and charts and isinstance(next(iter(charts)), tuple):
        return {number: chart for (survey, number), chart in charts.items() if survey == key}
    return charts.get(key) if isinstance(charts, dict) else None


@register.filter
def number_words(number: int) -> str:
    return "no" if number == 0 else number_in_words(number)

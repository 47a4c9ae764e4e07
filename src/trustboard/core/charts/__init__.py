"""Charts drawn once as SVG for every format: HTML inline, WeasyPrint's PDF, PNG in DOCX.

Each function returns a `Chart`: the SVG (with role="img", a <title> and a <desc>, no
inline styles and no scripts, so the site's Content Security Policy admits it), its
alternative text and the data table to show beside it. Nothing here imports Django.
"""

from .comparison import comparison_chart
from .drawing import format_number, format_value, nice_ticks
from .model import Bar, Chart, ChartInputError, Comparison, Series, SpineRow, Table, compare
from .png import to_png
from .spine import spine_chart
from .trend import trend_chart, trend_key

__all__ = [
    "Bar",
    "Chart",
    "ChartInputError",
    "Comparison",
    "Series",
    "SpineRow",
    "Table",
    "compare",
    "comparison_chart",
    "format_number",
    "format_value",
    "nice_ticks",
    "spine_chart",
    "to_png",
    "trend_chart",
    "trend_key",
]

"""The distribution chart of a scaled question."""

from decimal import Decimal

from trustboard.reviews.charts import distribution_chart
from trustboard.reviews.selectors import QuestionResult, ScaleResult


def _question(counts):
    return QuestionResult(
        number=10, code="rating", topic="", section="", kind="scale", kind_label="Scale",
        text="How would you rate the <effectiveness> of the Trust?", answered=sum(counts),
        options=(), comments=(),
        scale=ScaleResult(average=Decimal("5.9"), average_text="5.9", scale_min=1, scale_max=10,
                          low_label="lowest", high_label="highest",
                          counts=tuple(zip(range(1, 11), counts, strict=True))))


def test_the_chart_has_a_bar_a_score_given_and_a_row_a_score_in_its_table():
    chart = distribution_chart(_question([0, 0, 0, 1, 2, 4, 1, 1, 0, 0]))
    assert chart.svg.count("<rect") == 1 + 5  # the background, then one bar a score given
    assert len(chart.table.rows) == 10
    assert chart.table.rows[5] == ("6", "4")
    assert chart.alt == "9 answered; weighted average 5.9. 1 gave 4, 2 gave 5, 4 gave 6, " \
                        "1 gave 7, 1 gave 8."


def test_the_question_is_escaped_in_the_chart():
    chart = distribution_chart(_question([0] * 10))
    assert "<effectiveness>" not in chart.svg
    assert "&lt;effectiveness&gt;" in chart.svg

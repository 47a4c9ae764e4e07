"""The distribution of a scaled question's scores: a bar a score, drawn with core.charts."""

from trustboard.core.charts import Chart, Table
from trustboard.core.charts.drawing import (
    GRID,
    SMALL_FONT_SIZE,
    document,
    tag,
    text,
)
from trustboard.reviews.selectors import QuestionResult

WIDTH, HEIGHT = 360, 180
BAR = "#1d70b8"  # GOV.UK blue, 5:1 on white
LEFT, RIGHT, TOP, BOTTOM = 28.0, 8.0, 24.0, 40.0  # TOP leaves room for the tallest count


def distribution_chart(question: QuestionResult) -> Chart:
    """Draw how many respondents gave each score, lowest score on the left."""
    scale = question.scale
    counts = scale.counts
    most = max([count for _, count in counts] + [1])
    slot = (WIDTH - LEFT - RIGHT) / len(counts)
    plot_height = HEIGHT - TOP - BOTTOM
    parts = [tag("line", x1=LEFT, y1=HEIGHT - BOTTOM, x2=WIDTH - RIGHT, y2=HEIGHT - BOTTOM,
                 stroke=GRID)]
    for index, (score, count) in enumerate(counts):
        x = LEFT + index * slot
        height = plot_height * count / most
        if count:
            parts.append(tag("rect", x=x + slot * 0.15, y=HEIGHT - BOTTOM - height,
                             width=slot * 0.7, height=height, fill=BAR))
            parts.append(text(str(count), x + slot / 2, HEIGHT - BOTTOM - height - 3,
                              size=SMALL_FONT_SIZE, anchor="middle"))
        parts.append(text(str(score), x + slot / 2, HEIGHT - BOTTOM + 14, size=SMALL_FONT_SIZE,
                          anchor="middle"))
    low = f"{scale.scale_min} ({scale.low_label})" if scale.low_label else str(scale.scale_min)
    high = f"{scale.scale_max} ({scale.high_label})" if scale.high_label else str(scale.scale_max)
    parts.append(text(f"Score, {low} to {high}", WIDTH / 2, HEIGHT - 6, size=SMALL_FONT_SIZE,
                      anchor="middle"))
    title = f"Scores given: {question.text}"
    given = ", ".join(f"{count} gave {score}" for score, count in counts if count)
    alt = (f"{question.answered} answered; weighted average {scale.average_text}. "
           f"{given or 'No scores yet'}.")
    table = Table(caption=title, headers=("Score", "Respondents"),
                  rows=tuple((str(score), str(count)) for score, count in counts))
    return Chart(title=title, svg=document(title=title, description=alt, width=WIDTH,
                                           height=HEIGHT, body="".join(parts)),
                 table=table, alt=alt, width=WIDTH, height=HEIGHT)

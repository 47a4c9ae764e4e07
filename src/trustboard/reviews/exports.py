"""The answers of a questionnaire as CSV rows: one row a response, nothing that says whose.

Rows follow the responses' random ids, so their order does not follow the order of
answering; an anonymous questionnaire's rows carry no name, date or group, and are numbered
afresh each time.
"""

from trustboard.reviews.models import Answer, QuestionKind, Questionnaire
from trustboard.reviews.selectors import questionnaire_items


def _cell(answer: dict, kind: str) -> str:
    if kind == QuestionKind.SCALE:
        return "" if answer["score"] is None else str(answer["score"])
    if kind == QuestionKind.TEXT:
        return answer["text"]
    return "; ".join(answer["choices"])


def answers_csv_rows(*, questionnaire: Questionnaire) -> list[list[str]]:
    items = questionnaire_items(questionnaire=questionnaire)
    header = ["Response"]
    if not questionnaire.is_anonymous:
        header += ["Name", "Sent on"]
    for item in items:
        header.append(f"{item.number}. {item.question.text}")
        if item.allows_comment:
            header.append(f"{item.number}. Comment")
    responses = list(questionnaire.responses.select_related("person").order_by("id"))
    answers: dict = {}
    for row in (Answer.objects.filter(response__questionnaire=questionnaire)
                .values("response_id", "item_id", "score", "choices", "text", "comment")):
        answers[(row["response_id"], row["item_id"])] = row
    rows = [header]
    for number, response in enumerate(responses, start=1):
        row = [str(number)]
        if not questionnaire.is_anonymous:
            row += [response.person.name if response.person else "",
                    response.submitted_on.isoformat()]
        for item in items:
            answer = answers.get((response.pk, item.pk))
            row.append(_cell(answer, item.question.kind) if answer else "")
            if item.allows_comment:
                row.append(answer["comment"] if answer else "")
        rows.append(row)
    return rows

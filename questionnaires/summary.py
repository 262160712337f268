"""What the States answered, counted per recommendation: for the dashboard and the transmittal note."""

from django.db.models import Count

from .models import Answer, ImplementationStatus, Response


def recommendation_summary(questionnaire, *, posted_only=False, until=None):
    """For each recommendation question: how many States gave each status. Two queries."""
    answers = Answer.objects.filter(response__questionnaire=questionnaire, question__recommendation__isnull=False)
    if posted_only:
        answers = answers.filter(response__status=Response.Status.POSTED)
    if until is not None:
        answers = answers.filter(response__posted_at__lte=until)
    counts = {}
    for row in answers.exclude(status="").values("question_id", "status").annotate(count=Count("id")):
        counts.setdefault(row["question_id"], {})[row["status"]] = row["count"]
    questions = questionnaire.questions.filter(recommendation__isnull=False).select_related("recommendation")
    return [
        {
            "question": question,
            "recommendation": question.recommendation,
            "counts": [counts.get(question.pk, {}).get(value, 0) for value in ImplementationStatus.values],
        }
        for question in questions.order_by("position")
    ]

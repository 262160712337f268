"""A response answers each question once, on every database the portal runs on (SQLite drops a unique constraint
with non-key columns: the status is indexed apart)."""

import pytest
from django.core import checks
from django.db import IntegrityError, transaction

from questionnaires.models import Answer
from tests.factories import answered, open_questionnaire


def test_a_response_cannot_answer_a_question_twice(db):
    questionnaire = open_questionnaire(states=("ECU",))
    response = answered(questionnaire, "ECU")
    answer = response.answers.first()

    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.create(response=response, question=answer.question, status=answer.status, text="Twice.")


@pytest.mark.django_db(databases=["default"])
def test_the_models_raise_no_warning_on_this_database():
    assert [message.id for message in checks.run_checks(tags=[checks.Tags.models], databases=["default"])] == []

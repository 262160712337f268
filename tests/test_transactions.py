"""Views that change data run in a transaction of their own; pages that are only read run in none, so that on
SQLite they never take the database's write lock."""

from django.db import connection
from django.urls import reverse

from tests.factories import MeetingFactory, answered, focal_point, open_questionnaire, secretariat_user


class TransactionDepth:
    """The deepest nesting of transactions seen by the queries run inside the block."""

    def __init__(self):
        self.deepest = 0
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        self.deepest = max(self.deepest, len(connection.atomic_blocks))
        self.queries.append((sql, len(connection.atomic_blocks)))
        return execute(sql, params, many, context)


def test_reading_a_page_opens_no_transaction(client, db):
    meeting = MeetingFactory()
    outside = len(connection.atomic_blocks)  # the test's own transaction
    depth = TransactionDepth()
    with connection.execute_wrapper(depth):
        result = client.get(reverse("meetings:detail", args=[meeting.body.code, meeting.number]))
    assert result.status_code == 200
    assert depth.deepest == outside


def test_a_change_runs_in_a_transaction(client, db):
    questionnaire = open_questionnaire()
    response = answered(questionnaire, "ECU")
    client.force_login(focal_point("ECU"))
    outside = len(connection.atomic_blocks)
    depth = TransactionDepth()
    data = {"version": response.version}
    for question in questionnaire.questions.all():
        data[f"status_{question.pk}"] = "partially"
        data[f"text_{question.pk}"] = "Nuevas medidas"
    with connection.execute_wrapper(depth):
        result = client.post(reverse("questionnaires:response_edit", args=[response.pk]), data)
    assert result.status_code == 302
    assert depth.deepest > outside + 1  # the request's transaction, and the service's inside it
    response.refresh_from_db()
    assert response.answers.filter(text="Nuevas medidas").exists()


def test_a_run_of_invitations_writes_its_texts_outside_any_transaction(client, db):
    questionnaire = open_questionnaire()
    for code in ("ECU", "MEX", "COL"):
        focal_point(code)
    client.force_login(secretariat_user())
    outside = len(connection.atomic_blocks)
    depth = TransactionDepth()
    with connection.execute_wrapper(depth):
        result = client.post(reverse("questionnaires:invite", args=["honlac", 32]))
    assert result.status_code == 302
    assert questionnaire.message_runs.get().messages.count() == 3
    # The view reads (the questionnaire, the focal points) and writes the texts in no transaction of the request's.
    reads = [level for sql, level in depth.queries if 'FROM "questionnaires_questionnaire"' in sql]
    assert reads and set(reads) == {outside}
    inserts = [level for sql, level in depth.queries if sql.startswith('INSERT INTO "accounts_outgoingemail"')]
    assert len(inserts) == 1
    assert inserts[0] > outside  # the service's own, short transaction


def test_a_change_whose_view_returns_nothing_fails_at_once_instead_of_running_again(rf, db):
    # Were None passed on, Django would take it for "no answer from this middleware" and call the view again,
    # outside the transaction, before it complains.
    import pytest

    from honlac.transactions import AtomicWritesMiddleware

    calls = []
    middleware = AtomicWritesMiddleware(lambda request: None)
    with pytest.raises(ValueError, match="returned None"):
        middleware.process_view(rf.post("/"), lambda request: calls.append(request), (), {})
    assert len(calls) == 1

import pytest
from django.test import Client

from tests.factories import focal_point, open_questionnaire, secretariat_user


@pytest.fixture
def questionnaire(db):
    """Meeting 32 of HONLAC with its open questionnaire on the three recommendations of meeting 31."""
    return open_questionnaire()


@pytest.fixture
def clients(db):
    """A signed-in test client per role: "ECU", "MEX" and "COL" focal points, and the "secretariat"."""
    users = {code: focal_point(code) for code in ("ECU", "MEX", "COL")}
    users["secretariat"] = secretariat_user()
    result = {}
    for name, user in users.items():
        result[name] = Client()
        result[name].force_login(user)
        result[name].user = user
    return result

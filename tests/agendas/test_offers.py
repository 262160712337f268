"""Host-country offers: recording, changing, withdrawing, answering, and the lists for the Commission."""

import csv
import datetime
import io
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agendas.models import HostOffer
from agendas.offers import offers_for_commission, record_offer, set_offer_status
from meetings.models import MemberState
from tests.factories import BodyFactory, MeetingFactory, focal_point, state
from tests.helpers import LOGIN, MINIMAL_PDF, ROLES, SECRETARIAT_ONLY, expect, pdf_text

NOT_A_PDF = b"MZ\x90\x00 not really a pdf"


def note_verbale(content=MINIMAL_PDF, name="note-verbale.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def honlac(db):
    body = BodyFactory()
    body.member_states.set(MemberState.objects.filter(region="latin_america_caribbean"))
    MeetingFactory(body=body, number=31)
    MeetingFactory(body=body, number=32, start_date=datetime.date(2024, 10, 1), end_date=datetime.date(2024, 10, 4))
    return body


@pytest.fixture
def own_state_code():
    return "COL"


@pytest.fixture
def colombia_offer(honlac):
    return record_offer(
        honlac,
        member_state=state("COL"),
        meeting_number=33,
        offered_on=datetime.date(2023, 10, 5),
        remarks="Bogotá, subject to the approval of the budget.",
        note_verbale=note_verbale(),
        by=None,
    )


def commission_csv(client, session=67):
    response = client.get(reverse("agendas:offers_for_commission", args=["honlac", session, "csv"]))
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_focal_point_records_an_offer_for_their_own_state(client, honlac, users):
    client.force_login(users["own_state"])
    response = client.post(
        reverse("agendas:offer_create", args=["honlac"]),
        {
            "member_state": state("MEX").pk,
            "meeting_number": "33",
            "offered_on": "2023-10-05",
            "remarks": "Bogotá, <b>subject</b> to the approval of the budget.",
            "note_verbale_file": note_verbale(),
        },
    )
    offer = HostOffer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == offer.get_absolute_url()
    assert offer.member_state == state("COL")
    assert offer.body == honlac
    assert offer.meeting_number == 33
    assert offer.offered_on == datetime.date(2023, 10, 5)
    assert offer.commission_session == 67
    assert offer.status == HostOffer.Status.RECEIVED
    assert offer.recorded_by == users["own_state"]
    assert offer.note_verbale_name == "note-verbale.pdf"

    page = client.get(offer.get_absolute_url())
    assert page.status_code == 200
    assert "Thirty-third Meeting" in page.content.decode()
    assert "&lt;b&gt;subject&lt;/b&gt;" in page.content.decode()
    download = client.get(reverse("agendas:note_verbale", args=[offer.pk]))
    assert b"".join(download.streaming_content) == MINIMAL_PDF

    client.force_login(users["secretariat"])
    assert commission_csv(client) == [
        ["State", "Meeting offered", "Date of the offer", "Status", "Remarks"],
        [
            "Colombia",
            "Thirty-third Meeting",
            "2023-10-05",
            "Received",
            "Bogotá, <b>subject</b> to the approval of the budget.",
        ],
    ]
    for language, expected in [
        ("en", ["Colombia", "Thirty-third Meeting", "sixty-seventh session"]),
        ("es", ["Colombia", "Trigésima Tercera Reunión", "67º"]),
    ]:
        pdf = client.get(reverse("agendas:offers_for_commission", args=["honlac", 67, "pdf"]), {"lang": language})
        assert pdf.status_code == 200
        assert pdf["Content-Type"] == "application/pdf"
        reader, text = pdf_text(pdf.content)
        assert len(reader.pages) == 1
        for words in expected:
            assert words in text
        assert "Bogotá, <b>subject</b> to the approval of the budget." in text
    # Another session of the Commission has nothing to report.
    assert commission_csv(client, session=68) == [
        ["State", "Meeting offered", "Date of the offer", "Status", "Remarks"]
    ]


def test_focal_point_offers_a_later_meeting(client, honlac, users):
    client.force_login(users["own_state"])
    response = client.post(
        reverse("agendas:offer_create", args=["honlac"]),
        {"meeting_number": "", "offered_on": "2024-03-20"},
    )
    offer = HostOffer.objects.get()
    assert response["Location"] == offer.get_absolute_url()
    assert offer.meeting_number is None
    assert offer.meeting_label("en") == "a later meeting"
    assert offer.commission_session == 68
    assert offer.note_verbale_name == ""


def test_other_state_cannot_reach_the_offer_by_any_url(client, colombia_offer, users):
    before = HostOffer.objects.values().get(pk=colombia_offer.pk)
    client.force_login(users["other_state"])
    pk = colombia_offer.pk
    answers = [
        client.get(reverse("agendas:offer", args=[pk])),
        client.get(reverse("agendas:offer_edit", args=[pk])),
        client.post(
            reverse("agendas:offer_edit", args=[pk]),
            {"meeting_number": "34", "offered_on": "2024-01-10", "remarks": "Changed by Mexico."},
        ),
        client.post(reverse("agendas:offer_status", args=[pk]), {"status": "withdrawn"}),
        client.get(reverse("agendas:note_verbale", args=[pk])),
    ]
    assert [answer.status_code for answer in answers] == [404] * 5
    assert HostOffer.objects.values().get(pk=pk) == before
    listed = client.get(reverse("agendas:offers", args=["honlac"]))
    assert list(listed.context["offers"]) == []


def test_own_state_changes_its_received_offer(client, colombia_offer, users):
    client.force_login(users["own_state"])
    response = client.post(
        reverse("agendas:offer_edit", args=[colombia_offer.pk]),
        {"member_state": state("MEX").pk, "meeting_number": "34", "offered_on": "2024-04-02", "remarks": "Cartagena."},
    )
    assert response["Location"] == colombia_offer.get_absolute_url()
    colombia_offer.refresh_from_db()
    assert colombia_offer.member_state == state("COL")
    assert colombia_offer.meeting_number == 34
    assert colombia_offer.remarks == "Cartagena."
    # A new date of the offer moves it to the session of the Commission that follows that date.
    assert colombia_offer.commission_session == 68
    assert colombia_offer.note_verbale_name == "note-verbale.pdf"


def test_own_state_withdraws_its_offer(client, colombia_offer, users):
    client.force_login(users["own_state"])
    response = client.post(reverse("agendas:offer_status", args=[colombia_offer.pk]), {"status": "withdrawn"})
    assert response["Location"] == colombia_offer.get_absolute_url()
    colombia_offer.refresh_from_db()
    assert colombia_offer.status == HostOffer.Status.WITHDRAWN
    assert list(offers_for_commission(colombia_offer.body, session=67)) == []
    page = client.get(colombia_offer.get_absolute_url())
    assert page.context["can_change"] is False
    assert page.context["can_withdraw"] is False

    # A withdrawn offer cannot change status again, neither by its State nor by the secretariat.
    again = client.post(reverse("agendas:offer_status", args=[colombia_offer.pk]), {"status": "withdrawn"}, follow=True)
    assert [str(message) for message in again.context["messages"]] == ["This offer was withdrawn."]
    client.force_login(users["secretariat"])
    client.post(reverse("agendas:offer_status", args=[colombia_offer.pk]), {"status": "accepted"})
    colombia_offer.refresh_from_db()
    assert colombia_offer.status == HostOffer.Status.WITHDRAWN
    assert commission_csv(client) == [["State", "Meeting offered", "Date of the offer", "Status", "Remarks"]]


def test_own_state_cannot_change_an_accepted_offer(client, colombia_offer, users):
    set_offer_status(colombia_offer, status=HostOffer.Status.ACCEPTED, by=None)
    client.force_login(users["own_state"])
    response = client.post(
        reverse("agendas:offer_edit", args=[colombia_offer.pk]),
        {"meeting_number": "40", "offered_on": "2023-10-05", "remarks": "Changed."},
    )
    assert response.status_code == 403
    colombia_offer.refresh_from_db()
    assert colombia_offer.meeting_number == 33
    assert colombia_offer.status == HostOffer.Status.ACCEPTED


def test_secretariat_records_an_offer_for_a_state_and_accepts_it(client, honlac, users):
    client.force_login(users["secretariat"])
    response = client.post(
        reverse("agendas:offer_create", args=["honlac"]),
        {"member_state": state("MEX").pk, "meeting_number": "33", "offered_on": "2023-11-20"},
    )
    offer = HostOffer.objects.get()
    assert response["Location"] == offer.get_absolute_url()
    assert offer.member_state == state("MEX")
    assert offer.recorded_by == users["secretariat"]
    assert offer.commission_session == 67

    accepted = client.post(reverse("agendas:offer_status", args=[offer.pk]), {"status": "accepted"})
    assert accepted["Location"] == offer.get_absolute_url()
    offer.refresh_from_db()
    assert offer.status == HostOffer.Status.ACCEPTED
    assert commission_csv(client)[1] == ["Mexico", "Thirty-third Meeting", "2023-11-20", "Accepted", ""]


def test_secretariat_cannot_record_an_offer_for_a_state_outside_the_body(client, honlac, users):
    client.force_login(users["secretariat"])
    response = client.post(
        reverse("agendas:offer_create", args=["honlac"]),
        {"member_state": state("FRA").pk, "meeting_number": "33", "offered_on": "2023-11-20"},
    )
    assert response.status_code == 200
    assert "member_state" in response.context["form"].errors
    assert not HostOffer.objects.exists()


def test_focal_point_cannot_accept_or_decline(client, honlac, users):
    offer = record_offer(
        honlac, member_state=state("MEX"), meeting_number=33, offered_on=datetime.date(2023, 11, 20), by=None
    )
    own, other = focal_point("MEX", username="fp-mex-2"), users["own_state"]
    for user, expected in [(own, 403), (other, 404)]:
        client.force_login(user)
        for status in ("accepted", "declined"):
            response = client.post(reverse("agendas:offer_status", args=[offer.pk]), {"status": status})
            assert response.status_code == expected
    offer.refresh_from_db()
    assert offer.status == HostOffer.Status.RECEIVED


def test_status_back_to_received_or_unknown_is_404(client, colombia_offer, users):
    client.force_login(users["secretariat"])
    for status in ("received", "approved", ""):
        response = client.post(reverse("agendas:offer_status", args=[colombia_offer.pk]), {"status": status})
        assert response.status_code == 404
    colombia_offer.refresh_from_db()
    assert colombia_offer.status == HostOffer.Status.RECEIVED


def test_note_verbale_of_a_wrong_type_is_refused(client, honlac, users):
    client.force_login(users["own_state"])
    response = client.post(
        reverse("agendas:offer_create", args=["honlac"]),
        {"meeting_number": "33", "offered_on": "2023-10-05", "note_verbale_file": note_verbale(NOT_A_PDF)},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "note_verbale_file": ["This kind of file is not accepted. Accepted: .doc, .docx, .pdf."]
    }
    assert "This kind of file is not accepted. Accepted: .doc, .docx, .pdf." in response.content.decode()
    assert not HostOffer.objects.exists()


def test_note_verbale_of_a_wrong_type_leaves_the_offer_unchanged(client, colombia_offer, users):
    client.force_login(users["own_state"])
    response = client.post(
        reverse("agendas:offer_edit", args=[colombia_offer.pk]),
        {"meeting_number": "34", "offered_on": "2023-10-05", "note_verbale_file": note_verbale(NOT_A_PDF, "x.pdf")},
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["note_verbale_file"]
    colombia_offer.refresh_from_db()
    assert colombia_offer.meeting_number == 33
    assert colombia_offer.note_verbale_name == "note-verbale.pdf"


def test_offer_of_a_meeting_already_held_is_refused(client, honlac, users):
    client.force_login(users["own_state"])
    response = client.post(
        reverse("agendas:offer_create", args=["honlac"]), {"meeting_number": "31", "offered_on": "2023-10-05"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "That meeting has already been held or is being prepared by its host."
    ]
    assert not HostOffer.objects.exists()


def test_commission_pdf_in_a_language_that_is_not_a_working_language_is_404(client, colombia_offer, users):
    client.force_login(users["secretariat"])
    url = reverse("agendas:offers_for_commission", args=["honlac", 67, "pdf"])
    assert client.get(url, {"lang": "ru"}).status_code == 404
    assert client.get(reverse("agendas:offers_for_commission", args=["honlac", 67, "xlsx"])).status_code == 404


# Every URL × every role ------------------------------------------------------------------------------------------

MEMBERS = (LOGIN, 200, 200, 404, 200, 200)  # the focal points of the body's States, and the secretariat
OWNER = (LOGIN, 200, 404, 404, 200, 200)  # the State whose offer it is, and the secretariat


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "method", "expected"),
    [
        ("list", "get", MEMBERS),
        ("create", "get", MEMBERS),
        ("detail", "get", OWNER),
        ("edit", "get", OWNER),
        ("withdraw", "post", (LOGIN, 302, 404, 404, 302, 302)),
        ("accept", "post", (LOGIN, 403, 404, 404, 302, 302)),
        ("note_verbale", "get", OWNER),
        ("commission_pdf", "get", SECRETARIAT_ONLY),
        ("commission_csv", "get", SECRETARIAT_ONLY),
    ],
)
def test_offer_permission_matrix(client_as, colombia_offer, name, method, expected, role):
    pk = colombia_offer.pk
    before = HostOffer.objects.values().get(pk=pk)
    url, data = {
        "list": (reverse("agendas:offers", args=["honlac"]), None),
        "create": (reverse("agendas:offer_create", args=["honlac"]), None),
        "detail": (reverse("agendas:offer", args=[pk]), None),
        "edit": (reverse("agendas:offer_edit", args=[pk]), None),
        "withdraw": (reverse("agendas:offer_status", args=[pk]), {"status": "withdrawn"}),
        "accept": (reverse("agendas:offer_status", args=[pk]), {"status": "accepted"}),
        "note_verbale": (reverse("agendas:note_verbale", args=[pk]), None),
        "commission_pdf": (reverse("agendas:offers_for_commission", args=["honlac", 67, "pdf"]) + "?lang=en", None),
        "commission_csv": (reverse("agendas:offers_for_commission", args=["honlac", 67, "csv"]), None),
    }[name]
    client = client_as(role)
    response = client.post(url, data) if method == "post" else client.get(url)
    wanted = expect(expected, role)
    if wanted == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={quote(url, safe='/')}"
    else:
        assert response.status_code == wanted
    if wanted == 302:
        assert response["Location"] == colombia_offer.get_absolute_url()
    colombia_offer.refresh_from_db()
    if wanted == 302:
        assert colombia_offer.status == {"withdraw": "withdrawn", "accept": "accepted"}[name]
    else:
        assert HostOffer.objects.values().get(pk=pk) == before


# Speed ----------------------------------------------------------------------------------------------------------

OFFER_LIST_QUERIES = 9  # as many with 20 offers as with 2


def test_offer_list_queries_do_not_grow_with_the_offers(client, honlac, users, django_assert_max_num_queries):
    states = list(honlac.member_states.order_by("code")[:20])
    client.force_login(users["secretariat"])

    def record(count):
        for index in range(HostOffer.objects.count(), count):
            record_offer(
                honlac,
                member_state=states[index],
                meeting_number=33 + index % 3 if index % 4 else None,
                offered_on=datetime.date(2020 + index % 5, 1 + index % 12, 10),
                by=None,
            )

    def offers_page():
        with django_assert_max_num_queries(OFFER_LIST_QUERIES):
            response = client.get(reverse("agendas:offers", args=["honlac"]))
        assert response.status_code == 200
        return len(response.context["offers"]), len(response.context["sessions"])

    record(2)
    assert offers_page() == (2, 2)
    record(20)
    assert offers_page() == (20, 6)

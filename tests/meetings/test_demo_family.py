import pytest
from django.urls import reverse

from agendas.models import Agenda, AgendaItem
from honlac.demo import load_demo
from meetings.demo import DEMO_PASSWORD
from meetings.issuing import issued_languages
from meetings.models import Body, Document, Meeting
from questionnaires.models import Questionnaire, Recommendation, Response
from tests.helpers import pdf_text

SUBCOMMISSION_LANGUAGES = ["ar", "en", "fr", "ru", "es"]


@pytest.fixture
def demo(db):
    load_demo()


def family_counts():
    return {
        code: (
            Meeting.objects.filter(body__code=code).count(),
            Document.objects.filter(meeting__body__code=code).count(),
            AgendaItem.objects.filter(agenda__meeting__body__code=code).count(),
            Recommendation.objects.filter(meeting__body__code=code).count(),
            Response.objects.filter(questionnaire__meeting__body__code=code).count(),
        )
        for code in ("honlaf", "subcom")
    }


def test_load_demo_twice_restores_the_family(demo):
    before = family_counts()
    Body.objects.filter(code="subcom").update(working_languages=["en"])
    load_demo()
    assert family_counts() == before == {"honlaf": (2, 1, 18, 4, 1), "subcom": (3, 2, 12, 0, 0)}
    assert Body.objects.get(code="subcom").working_languages == SUBCOMMISSION_LANGUAGES


def test_honlaf_works_in_english_and_french_only(demo):
    honlaf = Body.objects.get(code="honlaf")
    assert honlaf.working_languages == ["en", "fr"]
    assert honlaf.member_states.filter(code="SEN").exists()
    assert not honlaf.member_states.filter(code="ECU").exists()
    documents = Document.objects.filter(meeting__body=honlaf)
    assert [(d.symbol, d.title_en, d.title_fr, d.title_es) for d in documents] == [
        (
            "UNODC/HONLAF/33/1",
            "Provisional agenda and annotations",
            "Ordre du jour provisoire et annotations",
            None,
        )
    ]
    assert sorted(issued_languages(documents.get())) == ["en", "fr"]


def test_honlaf_note_paragraphs_speak_of_honlaf(demo):
    texts = [
        text
        for paragraph in Body.objects.get(code="honlaf").note_pattern.all()
        for text in (paragraph.text_en, paragraph.text_fr)
    ]
    assert len(texts) == 8
    assert not [text for text in texts if "HONLAC" in text or "Latin America" in text or "Amérique latine" in text]


def test_the_subcommission_documents_are_issued_in_its_five_languages(demo):
    meeting = Meeting.objects.get(body__code="subcom", number=58)
    documents = {document.printed_as: document for document in meeting.documents.all()}
    assert sorted(documents) == [Document.PrintedAs.AGENDA, Document.PrintedAs.ORGANIZATION_NOTE]
    for document in documents.values():
        assert sorted(issued_languages(document)) == sorted(SUBCOMMISSION_LANGUAGES)
        assert all(getattr(document, f"title_{code}") for code in SUBCOMMISSION_LANGUAGES)
    agenda = documents[Document.PrintedAs.AGENDA]
    assert agenda.symbol == "UNODC/SUBCOM/58/1"
    assert agenda.title_ru == "Предварительная повестка дня и аннотации"
    assert agenda.title_ar == "جدول الأعمال المؤقت وشروحه"
    note = documents[Document.PrintedAs.ORGANIZATION_NOTE]
    assert note.title_ru == "Организация пятьдесят девятой сессии Подкомиссии"
    assert all(getattr(note, f"text_{code}") for code in SUBCOMMISSION_LANGUAGES)


def test_the_subcommission_agendas_are_titled_in_its_five_languages(demo):
    agenda = Agenda.objects.get(meeting__body__code="subcom", meeting__number=58)
    items = agenda.items.filter(parent=None).order_by("position")
    assert [item.title_ru for item in items][:2] == ["Открытие сессии", "Утверждение повестки дня"]
    assert [item.title_ar for item in items][-1] == "اعتماد التقرير"
    assert all(getattr(item, f"title_{code}") for item in items for code in SUBCOMMISSION_LANGUAGES)


def test_the_subcommission_issued_russian_agenda_holds_its_russian_title(demo):
    document = Document.objects.get(symbol="UNODC/SUBCOM/58/1")
    file = document.files.get(language="ru", superseded_at=None)
    with file.file.open("rb") as handle:
        _reader, text = pdf_text(handle.read())
    assert "Предварительная повестка дня и аннотации" in text
    assert "Утверждение повестки дня" in text


def test_senegal_signs_in_and_sees_the_honlaf_questionnaire(demo, client):
    response = client.post(reverse("login"), {"username": "senegal", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    questionnaire = Questionnaire.objects.get(meeting__body__code="honlaf", meeting__number=34)
    page = client.get(reverse("questionnaires:my_response", kwargs={"body": "honlaf", "number": 34}), follow=True)
    assert page.status_code == 200
    draft = questionnaire.responses.get(member_state__code="SEN")
    assert draft.status == Response.Status.DRAFT
    assert draft.language == "fr"
    assert "Blaise-Diagne" in page.content.decode()


# Expectations on the grammar of the Subcommission's meetings: they hold once the grammar part
# (meetings/wording.py, Meeting.ordinal/short_title) is merged.
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "adopted by the Subcommission at its fifty-eighth session."),
        ("es", "aprobadas por la Subcomisión en su 58º período de sesiones."),
        ("fr", "adoptées par la Sous-Commission à sa cinquante-huitième session."),
    ],
)
def test_the_subcommission_note_names_its_session_as_its_language_writes_it(demo, language, expected):
    note = Document.objects.get(symbol="UNODC/SUBCOM/58/2")
    assert expected in " ".join(getattr(note, f"text_{language}").split())


def test_the_subcommission_issued_arabic_note_holds_its_arabic_title(demo):
    document = Document.objects.get(symbol="UNODC/SUBCOM/58/2")
    file = document.files.get(language="ar", superseded_at=None)
    with file.file.open("rb") as handle:
        _reader, text = pdf_text(handle.read())
    assert "تنظيم الدورة التاسعة والخمسين للجنة الفرعية" in text

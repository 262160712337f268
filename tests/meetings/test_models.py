import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from meetings.models import Document, MemberState
from meetings.services import create_document
from tests.factories import BodyFactory, MeetingFactory


def test_all_193_member_states_ship_with_official_names(db):
    assert MemberState.objects.count() == 193
    bolivia = MemberState.objects.get(code="BOL")
    assert (bolivia.name_en, bolivia.name_fr, bolivia.name_es) == (
        "Bolivia (Plurinational State of)",
        "Bolivie (État plurinational de)",
        "Bolivia (Estado Plurinacional de)",
    )
    assert MemberState.objects.filter(region=MemberState.Region.LATIN_AMERICA_CARIBBEAN).count() == 33


def test_member_state_name_follows_the_active_language(db):
    state = MemberState.objects.get(code="MEX")
    with translation.override("fr"):
        assert state.name == "Mexique"
    with translation.override("es"):
        assert state.name == "México"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "Thirty-first Meeting of Heads of National Drug Law Enforcement Agencies, Latin America and the Caribbean",
        ),
        (
            "fr",
            "Trente et unième Réunion des chefs des services chargés au plan national de la lutte contre le trafic "
            "illicite des drogues, Amérique latine et Caraïbes",
        ),
        (
            "es",
            "Trigésima Primera Reunión de Jefes de los Organismos Nacionales Encargados de Combatir el Tráfico "
            "Ilícito de Drogas, América Latina y el Caribe",
        ),
    ],
)
def test_meeting_heading_has_the_ordinal_in_words(db, language, expected):
    meeting = MeetingFactory(number=31)
    assert meeting.heading(language) == expected


def test_document_symbols_follow_in_sequence_with_a_separate_crp_series(db):
    meeting = MeetingFactory(number=32)
    first = create_document(meeting, kind=Document.Kind.AGENDA, title_en="Provisional agenda", by=None)
    second = create_document(meeting, kind=Document.Kind.NOTE, title_en="Note", by=None)
    crp = create_document(meeting, kind=Document.Kind.CONFERENCE_ROOM_PAPER, title_en="Paper", by=None)
    third = create_document(meeting, kind=Document.Kind.REPORT, title_en="Report", by=None)
    assert [d.symbol for d in (first, second, crp, third)] == [
        "UNODC/HONLAC/32/1",
        "UNODC/HONLAC/32/2",
        "UNODC/HONLAC/32/CRP.1",
        "UNODC/HONLAC/32/3",
    ]


@pytest.mark.parametrize(
    ("languages", "message"),
    [
        (["en", "en", "fr"], "Listed more than once among the working languages: English. List each language once."),
        (
            ["es", "fr", "es", "fr"],
            "Listed more than once among the working languages: French and Spanish. List each language once.",
        ),
        (["en", "de"], "Choose working languages among those of the portal."),
        ("en", "Choose working languages among those of the portal."),
        (["en", ["fr"]], "Choose working languages among those of the portal."),
    ],
    ids=["english-twice", "two-twice", "unknown", "not-a-list", "not-codes"],
)
def test_body_refuses_duplicate_or_unknown_working_languages(db, languages, message):
    body = BodyFactory.build(working_languages=languages)
    with pytest.raises(ValidationError) as refused:
        body.full_clean()
    assert refused.value.message_dict == {"working_languages": [message]}


def test_body_accepts_each_working_language_once(db):
    BodyFactory.build(code="other", symbol_prefix="UNODC/OTHER", working_languages=["en", "fr"]).full_clean()

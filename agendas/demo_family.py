"""Demonstration data of the agendas of HONLAF and the Subcommission (meetings.demo_family): their standard agendas
and the standard paragraphs of their notes on organizing the next meeting; HONLAF's provisional agenda of its 33rd
meeting, issued in English and French; the Subcommission's provisional agenda of its 58th session and its note on
the organization of the 59th, issued in its five working languages.

Idempotent like agendas.demo.
"""

import datetime

from django.db import transaction

from meetings.issuing import issue_at_once
from meetings.models import Document, Meeting
from meetings.services import register_document

from . import organization_note, services
from .demo import HONLAC_AGENDA
from .models import AgendaPatternItem, NotePatternParagraph, Purpose

ALWAYS = NotePatternParagraph.Kind.ALWAYS

# HONLAF's standard agenda has the structure of HONLAC's, in English and French.
HONLAF_AGENDA = [(english, french, placeholder) for english, french, _spanish, placeholder in HONLAC_AGENDA]
HONLAF_PURPOSES = {4: Purpose.RECOMMENDATIONS_REVIEW, 6: Purpose.WORKING_GROUPS, 7: Purpose.NEXT_MEETING}

# The standard paragraphs of HONLAF's note: (English, French).
HONLAF_NOTE = [
    (
        "Representatives of African States whose Governments wish to host the {next_meeting}, or a later meeting, "
        "are invited to inform the Meeting. That information will be brought to the attention of the {commission} "
        "at its {commission_session_ordinal} session, in {commission_year}.",
        "Les représentantes et représentants des États d'Afrique dont le gouvernement souhaite accueillir la "
        "{next_meeting}, ou une réunion ultérieure, sont invités à en informer la Réunion. Cette information sera "
        "portée à l'attention de la {commission} à sa {commission_session_ordinal} session, en {commission_year}.",
    ),
    (
        "The draft provisional agenda for the {next_meeting_short} is annexed to the present note.",
        "Le projet d'ordre du jour provisoire de la {next_meeting_short} est annexé à la présente note.",
    ),
    (
        "Item {item_recommendations} of the draft provisional agenda for the {next_meeting_short} will be devoted "
        "to the review of the implementation of the recommendations adopted at the {meeting_short}. A "
        "questionnaire on the measures taken by Governments of the region to give effect to those recommendations "
        "will be attached to the invitation to participate in the {next_meeting_short}; the responses will be "
        "posted on the secure web page of the Meeting.",
        "Le point {item_recommendations} du projet d'ordre du jour provisoire de la {next_meeting_short} sera "
        "consacré à l'examen de l'application des recommandations adoptées à la {meeting_short}. Un questionnaire "
        "portant sur les mesures prises par les gouvernements de la région pour donner effet à ces recommandations "
        "sera joint à l'invitation à participer à la {next_meeting_short} ; les réponses seront mises en ligne sur "
        "la page Web sécurisée de la Réunion.",
    ),
    (
        "The States represented at the {body} are urged to act upon those recommendations without delay, where "
        "necessary by enacting national legislation, so that the progress made in Africa can be effectively "
        "assessed.",
        "Les États représentés à la {body} sont instamment invités à donner suite sans délai à ces recommandations, "
        "au besoin par la promulgation d'une législation nationale, de façon que les progrès accomplis en Afrique "
        "puissent effectivement être évalués.",
    ),
]

HONLAF_AGENDA_33_DATE = datetime.date(2024, 7, 15)

# The Subcommission's standard agenda: (purpose, placeholder, English, French, Spanish, Russian, Arabic).
SUBCOMMISSION_AGENDA = [
    (
        Purpose.NONE,
        False,
        "Opening of the session",
        "Ouverture de la session",
        "Apertura del período de sesiones",
        "Открытие сессии",
        "افتتاح الدورة",
    ),
    (
        Purpose.NONE,
        False,
        "Adoption of the agenda",
        "Adoption de l'ordre du jour",
        "Aprobación del programa",
        "Утверждение повестки дня",
        "إقرار جدول الأعمال",
    ),
    (
        Purpose.RECOMMENDATIONS_REVIEW,
        False,
        "Follow-up to the recommendations adopted by the Subcommission at its previous session",
        "Suite donnée aux recommandations adoptées par la Sous-Commission à sa session précédente",
        "Seguimiento de las recomendaciones aprobadas por la Subcomisión en su período de sesiones anterior",
        "Последующие меры по выполнению рекомендаций, принятых Подкомиссией на ее предыдущей сессии",
        "متابعة التوصيات التي اعتمدتها اللجنة الفرعية في دورتها السابقة",
    ),
    (
        Purpose.WORKING_GROUPS,
        True,
        "Consideration of topics by thematic working groups",
        "Examen de thèmes par des groupes de travail thématiques",
        "Examen de temas por grupos de trabajo temáticos",
        "Рассмотрение тем тематическими рабочими группами",
        "نظر الأفرقة العاملة المواضيعية في المواضيع",
    ),
    (
        Purpose.NEXT_MEETING,
        False,
        "Provisional agenda of the {next_meeting_short}",
        "Ordre du jour provisoire de la {next_meeting_short}",
        "Programa provisional del {next_meeting_short}",
        "Предварительная повестка дня {next_meeting_ordinal:genitive} сессии",
        "جدول الأعمال المؤقت للدورة {next_meeting_ordinal:genitive}",
    ),
    (
        Purpose.NONE,
        False,
        "Adoption of the report",
        "Adoption du rapport",
        "Aprobación del informe",
        "Утверждение доклада",
        "اعتماد التقرير",
    ),
]
SUBCOMMISSION_LANGUAGES = ("en", "fr", "es", "ru", "ar")

# The standard paragraphs of the Subcommission's note, in the order of SUBCOMMISSION_LANGUAGES. In Russian and
# Arabic the meetings' names stand where the nominative reads right (after a colon, in brackets).
SUBCOMMISSION_NOTE = [
    (
        "The draft provisional agenda for the {next_meeting_short} of the Subcommission, annexed to the present "
        "note, was prepared in accordance with the recommendations adopted by the Subcommission at its "
        "{meeting_short}.",
        "Le projet d'ordre du jour provisoire de la {next_meeting_short} de la Sous-Commission, annexé à la "
        "présente note, a été établi conformément aux recommandations adoptées par la Sous-Commission à sa "
        "{meeting_short}.",
        "El proyecto de programa provisional del {next_meeting_short} de la Subcomisión, que figura en el anexo de "
        "la presente nota, se preparó de conformidad con las recomendaciones aprobadas por la Subcomisión en su "
        "{meeting_short}.",
        "Проект предварительной повестки дня {next_meeting_ordinal:genitive} сессии Подкомиссии, содержащийся в "
        "приложении к настоящей записке, подготовлен в соответствии с рекомендациями, принятыми Подкомиссией на "
        "ее {meeting_ordinal:locative} сессии.",
        "أُعدّ مشروع جدول الأعمال المؤقت للدورة {next_meeting_ordinal:genitive} للجنة الفرعية، الوارد في مرفق هذه "
        "المذكرة، وفقاً للتوصيات التي اعتمدتها اللجنة الفرعية في دورتها {meeting_ordinal:genitive}.",
    ),
    (
        "Item {item_recommendations} of the draft provisional agenda will be devoted to the follow-up to those "
        "recommendations. Governments are invited to report on the measures they have taken to give effect to "
        "them, so that the {commission} may be informed of the progress made in the region.",
        "Le point {item_recommendations} du projet d'ordre du jour provisoire sera consacré à la suite donnée à "
        "ces recommandations. Les gouvernements sont invités à rendre compte des mesures qu'ils ont prises pour y "
        "donner effet, afin que la {commission} soit informée des progrès accomplis dans la région.",
        "El tema {item_recommendations} del proyecto de programa provisional se dedicará al seguimiento de esas "
        "recomendaciones. Se invita a los Gobiernos a que informen de las medidas que hayan adoptado para darles "
        "efecto, a fin de que la {commission} esté informada de los progresos realizados en la región.",
        "Пункт {item_recommendations} проекта предварительной повестки дня будет посвящен последующим мерам по "
        "выполнению этих рекомендаций. Правительствам предлагается сообщить о мерах, принятых ими для их "
        "выполнения, с тем чтобы {commission} была информирована о прогрессе, достигнутом в регионе.",
        "سيُخصَّص البند {item_recommendations} من مشروع جدول الأعمال المؤقت لمتابعة تلك التوصيات. والحكومات "
        "مدعوة إلى الإبلاغ عن التدابير التي اتخذتها لتنفيذها، لكي تُحاط {commission} علماً بالتقدم المحرز في "
        "المنطقة.",
    ),
    (
        "Item {item_working_groups} will be considered by thematic working groups. Participants in the "
        "{meeting_short} are invited to identify the topics to be considered by those groups at the "
        "{next_meeting_short}.",
        "Le point {item_working_groups} sera examiné par des groupes de travail thématiques. Les participantes et "
        "participants à la {meeting_short} sont invités à définir les thèmes que ces groupes examineront à la "
        "{next_meeting_short}.",
        "El tema {item_working_groups} será examinado por grupos de trabajo temáticos. Se invita a los "
        "participantes en el {meeting_short} a que determinen los temas que examinarán esos grupos en el "
        "{next_meeting_short}.",
        "Пункт {item_working_groups} будет рассмотрен тематическими рабочими группами. Участникам "
        "{meeting_ordinal:genitive} сессии предлагается определить темы, которые эти группы рассмотрят на "
        "{next_meeting_ordinal:locative} сессии.",
        "ستنظر الأفرقة العاملة المواضيعية في البند {item_working_groups}. والمشاركون في الدورة "
        "{meeting_ordinal:genitive} مدعوون إلى تحديد المواضيع التي ستنظر فيها تلك الأفرقة في الدورة "
        "{next_meeting_ordinal:genitive}.",
    ),
]

# The issued documents of the 58th session: the provisional agenda (23 July 2024) and the note on the organization
# of the 59th (17 October 2024, the last day of the session), with their titles.
SUBCOMMISSION_AGENDA_58_DATE = datetime.date(2024, 7, 23)
SUBCOMMISSION_NOTE_58_DATE = datetime.date(2024, 10, 17)
AGENDA_TITLES = (
    "Provisional agenda and annotations",
    "Ordre du jour provisoire et annotations",
    "Programa provisional y anotaciones",
    "Предварительная повестка дня и аннотации",
    "جدول الأعمال المؤقت وشروحه",
)
NOTE_58_TITLES = (
    "Organization of the fifty-ninth session of the Subcommission",
    "Organisation de la cinquante-neuvième session de la Sous-Commission",
    "Organización del 59º período de sesiones de la Subcomisión",
    "Организация пятьдесят девятой сессии Подкомиссии",
    "تنظيم الدورة التاسعة والخمسين للجنة الفرعية",
)


@transaction.atomic
def load_family_agendas_demo(honlaf, subcommission):
    """Create or restore the standard agendas and note paragraphs of HONLAF and the Subcommission, HONLAF's
    provisional agenda of its 33rd meeting and the Subcommission's documents of its 58th session (see the module).
    Returns the Subcommission's note on the organization of its 59th session."""
    _load_pattern(
        honlaf,
        [(HONLAF_PURPOSES.get(i, Purpose.NONE), p, en, fr) for i, (en, fr, p) in enumerate(HONLAF_AGENDA, start=1)],
        ("en", "fr"),
    )
    _load_note_pattern(honlaf, HONLAF_NOTE, ("en", "fr"))
    meeting_33 = Meeting.objects.get(body=honlaf, number=33)
    _issue_agenda(meeting_33, dict(zip(("en", "fr"), AGENDA_TITLES[:2], strict=True)), HONLAF_AGENDA_33_DATE)
    _ensure_agenda(Meeting.objects.get(body=honlaf, number=34))

    _load_pattern(subcommission, SUBCOMMISSION_AGENDA, SUBCOMMISSION_LANGUAGES)
    _load_note_pattern(subcommission, SUBCOMMISSION_NOTE, SUBCOMMISSION_LANGUAGES)
    meeting_58 = Meeting.objects.get(body=subcommission, number=58)
    titles = dict(zip(SUBCOMMISSION_LANGUAGES, AGENDA_TITLES, strict=True))
    _issue_agenda(meeting_58, titles, SUBCOMMISSION_AGENDA_58_DATE)
    _ensure_agenda(Meeting.objects.get(body=subcommission, number=59))
    return _issue_note(meeting_58, dict(zip(SUBCOMMISSION_LANGUAGES, NOTE_58_TITLES, strict=True)))


def _load_pattern(body, items, languages):
    """`items`: (purpose, placeholder, title in each of `languages`)."""
    for position, (purpose, placeholder, *titles) in enumerate(items, start=1):
        AgendaPatternItem.objects.update_or_create(
            body=body,
            position=position,
            defaults={
                "title": titles[0],
                **{f"title_{code}": title for code, title in zip(languages, titles, strict=True)},
                "is_placeholder": placeholder,
                "purpose": purpose,
            },
        )
    body.agenda_pattern.filter(position__gt=len(items)).delete()


def _load_note_pattern(body, paragraphs, languages):
    for position, texts in enumerate(paragraphs, start=1):
        NotePatternParagraph.objects.update_or_create(
            body=body,
            position=position,
            defaults={
                "kind": ALWAYS,
                "text": texts[0],
                **{f"text_{code}": text for code, text in zip(languages, texts, strict=True)},
            },
        )
    body.note_pattern.filter(position__gt=len(paragraphs)).delete()


def _ensure_agenda(meeting):
    """The agenda of `meeting`, its items titled in every working language of the body from the standard agenda
    (an item already titled in a language keeps its title)."""
    agenda = services.ensure_agenda(meeting, by=None)
    patterns = {pattern.position: pattern for pattern in meeting.body.agenda_pattern.all()}
    for item in agenda.items.filter(parent=None):
        pattern = patterns.get(item.position)
        if pattern is None:
            continue
        changed = []
        for code in meeting.body.working_languages:
            title = getattr(pattern, f"title_{code}")
            if title and not getattr(item, f"title_{code}"):
                setattr(item, f"title_{code}", services.fill_meeting_references(title, meeting, code))
                changed.append(f"title_{code}")
        if changed:
            item.save(update_fields=changed)
    return agenda


def _issue_agenda(meeting, titles, on):
    """The provisional agenda of `meeting`, registered with `titles` (by language) and issued `on`."""
    agenda = _ensure_agenda(meeting)
    if agenda.document_id is None:
        document = Document(
            meeting=meeting,
            kind=Document.Kind.AGENDA,
            printed_as=Document.PrintedAs.AGENDA,
            distribution=Document.Distribution.GENERAL,
            original_language=meeting.body.original_language,
            issue_date=on,
            title=titles["en"],
            **{f"title_{code}": title for code, title in titles.items()},
        )
        register_document(document, by=None)
        agenda.document = document
        agenda.status = agenda.Status.PROVISIONAL
        agenda.save(update_fields=["document", "status"])
    return issue_at_once(agenda.document, by=None, on=on)


def _issue_note(meeting, titles):
    """The note of `meeting` on the organization of the next, generated, given `titles` and issued (while a draft,
    its text generated again when it differs from what the standard paragraphs make)."""
    on = SUBCOMMISSION_NOTE_58_DATE
    document = organization_note.generate_organization_note(meeting, by=None, issue_date=on)
    if not document.is_issued:
        stale = document.issue_date != on or any(
            getattr(document, f"text_{code}") != organization_note.organization_note_text(meeting, code, on=on)
            for code in meeting.body.working_languages
        )
        if stale:
            Document.objects.filter(pk=document.pk).update(issue_date=on)
            document.refresh_from_db()
            document = organization_note.generate_organization_note(meeting, by=None, replace_text=True)
        for code, title in titles.items():
            setattr(document, f"title_{code}", title)
        document.title = titles["en"]
        document.save(update_fields=["title", *(f"title_{code}" for code in titles)])
    return issue_at_once(document, by=None, on=on)

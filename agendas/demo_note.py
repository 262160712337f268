"""Demonstration data of the note on organizing the next meeting: the standard paragraphs of HONLAC's note, the
paragraphs written for the 31st meeting's note (on the 2019 Ministerial Declaration and its reviews), and the
note itself, UNODC/HONLAC/31/2 of 11 July 2023, whose French version is the seed's text word for word."""

import datetime

from meetings.issuing import issue_at_once
from meetings.models import Meeting

from . import organization_note
from .models import MeetingNoteParagraph, NotePatternParagraph

NOTE_DATE = datetime.date(2023, 7, 11)

ALWAYS, OFFERS = NotePatternParagraph.Kind.ALWAYS, NotePatternParagraph.Kind.OFFERS

# The standard paragraphs of HONLAC's note: (kind, English, French, Spanish).
HONLAC_NOTE = [
    (
        ALWAYS,
        "Representatives of countries whose Governments wish to host the {next_meeting}, or a later meeting, are "
        "invited to inform the Meeting. That information will be brought to the attention of the {commission} at "
        "its {commission_session_ordinal} session, in {commission_year}.",
        "Les représentantes et représentants de pays dont le gouvernement souhaite accueillir la {next_meeting}, "
        "ou une réunion ultérieure, sont invités à en informer la Réunion. Cette information sera portée à "
        "l'attention de la {commission} à sa {commission_session_ordinal} session, en {commission_year}.",
        "Se invita a los representantes de los países cuyos Gobiernos deseen acoger la {next_meeting}, o una "
        "reunión posterior, a que informen de ello a la Reunión. Esa información se señalará a la atención de la "
        "{commission} en su {commission_session_ordinal} período de sesiones, en {commission_year}.",
    ),
    (
        OFFERS,
        "As at the date of the present note, offers to host meetings had been received from the following "
        "States: {offers}.",
        "À la date de la présente note, des offres d'accueil avaient été reçues des États suivants : {offers}.",
        "A la fecha de la presente nota, se habían recibido ofrecimientos para acoger reuniones de los Estados "
        "siguientes: {offers}.",
    ),
    (
        ALWAYS,
        "The draft provisional agenda for the {next_meeting_short} is annexed to the present note.",
        "Le projet d'ordre du jour provisoire de la {next_meeting_short} est annexé à la présente note.",
        "El proyecto de programa provisional de la {next_meeting_short} figura en el anexo de la presente nota.",
    ),
    (
        ALWAYS,
        "Item {item_recommendations} of the draft provisional agenda for the {next_meeting_short} will be devoted "
        "to the review of the implementation of the recommendations adopted at the {meeting_short}. A "
        "questionnaire on the measures taken by Governments to give effect to those recommendations will be "
        "attached to the invitation to participate in the {next_meeting_short}. The responses provided by Member "
        "States will be posted on the secure web page of the Meeting, in order to facilitate the review of the "
        "implementation of those recommendations at the {next_meeting_short}. A transmittal note will be "
        "prepared to bring the responses to the attention of participants.",
        "Le point {item_recommendations} du projet d'ordre du jour provisoire de la {next_meeting_short} sera "
        "consacré à l'examen de l'application des recommandations adoptées à la {meeting_short}. Un questionnaire "
        "portant sur les mesures prises par les gouvernements pour donner effet à ces recommandations sera joint "
        "à l'invitation à participer à la {next_meeting_short}. Les réponses fournies par les États Membres seront "
        "mises en ligne sur la page Web sécurisée de la Réunion, afin de faciliter l'examen de l'application de "
        "ces recommandations à la {next_meeting_short}. Une note de transmission sera élaborée pour porter les "
        "réponses à l'attention des personnes participantes.",
        "El tema {item_recommendations} del proyecto de programa provisional de la {next_meeting_short} se "
        "dedicará al examen de la aplicación de las recomendaciones aprobadas en la {meeting_short}. A la "
        "invitación a participar en la {next_meeting_short} se adjuntará un cuestionario sobre las medidas "
        "adoptadas por los Gobiernos para dar efecto a esas recomendaciones. Las respuestas proporcionadas por los "
        "Estados Miembros se publicarán en la página web segura de la Reunión, a fin de facilitar el examen de la "
        "aplicación de esas recomendaciones en la {next_meeting_short}. Se preparará una nota de transmisión para "
        "señalar las respuestas a la atención de los participantes.",
    ),
    (
        ALWAYS,
        "At the fortieth session of the {commission}, it was considered that the recommendations adopted by the "
        "meetings of the subsidiary bodies of the Commission would be of no value if States did not give effect "
        "to them, where necessary by enacting national legislation. The States represented at the {body}, are "
        "urged to act upon those recommendations without delay, so that the progress made can be effectively "
        "assessed.",
        "À la quarantième session de la {commission}, il a été estimé que les recommandations adoptées par les "
        "réunions des organes subsidiaires de la Commission seraient inutiles si les États ne leur donnaient pas "
        "effet, au besoin par la promulgation d'une législation nationale. Les États représentés à la {body}, "
        "sont instamment invités à donner suite sans délai à ces recommandations, de façon que les progrès "
        "accomplis puissent effectivement être évalués.",
        "En el 40º período de sesiones de la {commission}, se consideró que las recomendaciones aprobadas por las "
        "reuniones de los órganos subsidiarios de la Comisión carecerían de valor si los Estados no les daban "
        "efecto, de ser necesario mediante la promulgación de legislación nacional. Se insta a los Estados "
        "representados en la {body} a que den curso sin demora a esas recomendaciones, de modo que puedan "
        "evaluarse efectivamente los progresos realizados.",
    ),
    (
        ALWAYS,
        "It would be desirable for the participants in the {meeting_short} to identify the topics to be "
        "considered by working groups at the {next_meeting_short}. Participants may also wish to revisit "
        "subjects that have been discussed at previous sessions but that would benefit from further "
        "consideration or from a particular angle. Alternatively, they may prefer to request the secretariat to "
        "consult participating States informally in order to identify those topics.",
        "Il serait souhaitable que les participantes et participants à la {meeting_short} définissent les thèmes "
        "qu'il conviendrait plus particulièrement d'examiner au sein de groupes de travail à la "
        "{next_meeting_short}. Par ailleurs, ils voudront peut-être revenir sur des sujets qui ont déjà été "
        "débattus à de précédentes sessions, mais qu'il serait utile d'examiner plus avant ou sous un angle "
        "particulier. Ils préféreront éventuellement demander au secrétariat de consulter de manière informelle "
        "les États participants afin de définir ces thèmes.",
        "Sería conveniente que los participantes en la {meeting_short} determinaran los temas que deberían "
        "examinar los grupos de trabajo en la {next_meeting_short}. Además, tal vez deseen volver sobre temas que "
        "ya se hayan debatido en períodos de sesiones anteriores, pero que convendría seguir examinando o "
        "examinar desde una perspectiva particular. También podrían preferir pedir a la secretaría que consulte "
        "oficiosamente a los Estados participantes a fin de determinar esos temas.",
    ),
    (
        ALWAYS,
        "The {next_meeting_short} will also provide participants with an opportunity to consider more broadly how "
        "the subsidiary bodies of the Commission could contribute further to the practical implementation of the "
        "joint commitments, in line with the 2019 Ministerial Declaration, so that the Commission is informed of "
        "concerns, new developments and best practices identified at the regional and national levels by all "
        "stakeholders.",
        "La {next_meeting_short} permettra aussi aux participantes et participants d'examiner plus généralement la "
        "manière dont les organes subsidiaires de la Commission pourraient davantage contribuer à la mise en "
        "œuvre concrète des engagements communs, conformément à la Déclaration ministérielle de 2019, de sorte "
        "que la Commission soit informée des motifs de préoccupation, faits nouveaux et meilleures pratiques "
        "relevés à l'échelle régionale et nationale par toutes les parties prenantes.",
        "La {next_meeting_short} también brindará a los participantes la oportunidad de examinar de manera más "
        "general la forma en que los órganos subsidiarios de la Comisión podrían contribuir en mayor medida a la "
        "aplicación práctica de los compromisos conjuntos, de conformidad con la Declaración Ministerial de 2019, "
        "de modo que la Comisión esté informada de las preocupaciones, novedades y mejores prácticas detectadas a "
        "nivel regional y nacional por todas las partes interesadas.",
    ),
]

# The paragraphs written for the 31st meeting's note, after the standard paragraph on the recommendations
# (position 5 of HONLAC_NOTE): (English, French, Spanish).
AFTER_RECOMMENDATIONS = 5
HONLAC_31_NOTE = [
    (
        "At the opening of the ministerial segment of the sixty-second session of the Commission on Narcotic "
        "Drugs, held in March 2019, ministers and government representatives adopted by consensus the Ministerial "
        "Declaration on Strengthening Our Actions at the National, Regional and International Levels to Accelerate "
        "the Implementation of Our Joint Commitments to Address and Counter the World Drug Problem. In that "
        "Declaration, Member States committed to accelerating, based on the principle of common and shared "
        "responsibility, the full implementation of the 2009 Political Declaration and Plan of Action on "
        "International Cooperation towards an Integrated and Balanced Strategy to Counter the World Drug Problem, "
        "the 2014 Joint Ministerial Statement of the high-level review by the Commission on Narcotic Drugs of the "
        "implementation by Member States of the Political Declaration and Plan of Action, and the outcome document "
        "of the special session of the General Assembly on the world drug problem held in 2016, aimed at achieving "
        "all commitments, operational recommendations and aspirational goals set out therein.",
        "À l'ouverture du débat ministériel de la soixante-deuxième session de la Commission des stupéfiants, "
        "tenue en mars 2019, les ministres et les représentantes et représentants de gouvernements ont adopté par "
        "consensus la Déclaration ministérielle sur le renforcement des actions que nous menons aux niveaux "
        "national, régional et international, pour accélérer la mise en œuvre de nos engagements communs à "
        "aborder et combattre le problème mondial de la drogue. Dans ce texte, les États Membres se sont engagés à "
        "accélérer, suivant le principe de la responsabilité commune et partagée, la pleine application de la "
        "Déclaration politique et du Plan d'action sur la coopération internationale en vue d'une stratégie "
        "intégrée et équilibrée de lutte contre le problème mondial de la drogue, de la Déclaration ministérielle "
        "conjointe issue de l'examen de haut niveau auquel la Commission des stupéfiants a procédé en 2014 sur "
        "l'application, par les États Membres, de la Déclaration politique et du Plan d'action de 2009, et du "
        "document final de la session extraordinaire de l'Assemblée générale sur le problème mondial de la drogue, "
        "tenue en 2016, en vue de concrétiser l'ensemble des engagements, recommandations pratiques et objectifs "
        "ambitieux qui y étaient énoncés.",
        "En la apertura de la serie de sesiones a nivel ministerial del 62º período de sesiones de la Comisión de "
        "Estupefacientes, celebrado en marzo de 2019, los ministros y representantes gubernamentales aprobaron por "
        "consenso la Declaración Ministerial sobre el Fortalecimiento de Nuestras Medidas a Nivel Nacional, "
        "Regional e Internacional para Acelerar el Cumplimiento de Nuestros Compromisos Conjuntos a fin de Abordar "
        "y Contrarrestar el Problema Mundial de las Drogas. En esa Declaración, los Estados Miembros se "
        "comprometieron a acelerar, sobre la base del principio de la responsabilidad común y compartida, la plena "
        "aplicación de la Declaración Política y Plan de Acción sobre Cooperación Internacional en Favor de una "
        "Estrategia Integral y Equilibrada para Contrarrestar el Problema Mundial de las Drogas, de 2009, la "
        "Declaración Ministerial Conjunta del examen de alto nivel realizado por la Comisión de Estupefacientes en "
        "2014 sobre la aplicación por los Estados Miembros de la Declaración Política y el Plan de Acción, y el "
        "documento final del período extraordinario de sesiones de la Asamblea General sobre el problema mundial "
        "de las drogas celebrado en 2016, con miras a cumplir todos los compromisos, recomendaciones operacionales "
        "y metas ambiciosas que en ellos figuran.",
    ),
    (
        "In the 2019 Ministerial Declaration, Member States resolved to review in 2029, in the Commission on "
        "Narcotic Drugs, the progress made in implementing all international drug policy commitments, with a "
        "midterm review in 2024. In preparation for the midterm review, and in line with its workplan for the "
        "period 2019–2023, the Commission will hold thematic discussions in 2023 aimed at taking comprehensive "
        "stock of that progress.",
        "Dans la Déclaration ministérielle de 2019, les États Membres ont décidé d'examiner en 2029, au sein de la "
        "Commission des stupéfiants, les progrès accomplis dans la mise en œuvre de l'ensemble des engagements "
        "pris concernant la politique internationale en matière de drogues, et de réaliser un examen à "
        "mi-parcours en 2024. En prévision de ce dernier, et conformément à son plan de travail pour la période "
        "2019-2023, la Commission tiendra, en 2023, des débats thématiques visant à dresser un bilan complet de "
        "ces progrès.",
        "En la Declaración Ministerial de 2019, los Estados Miembros resolvieron examinar en 2029, en la Comisión "
        "de Estupefacientes, los progresos realizados en el cumplimiento de todos los compromisos internacionales "
        "en materia de políticas de drogas, y realizar un examen de mitad de período en 2024. En preparación de "
        "este último, y de conformidad con su plan de trabajo para el período 2019-2023, la Comisión celebrará en "
        "2023 debates temáticos destinados a hacer un balance exhaustivo de esos progresos.",
    ),
    (
        "At its sixty-sixth session, in March 2023, the Commission adopted resolution 66/1, on preparations for "
        "the 2024 midterm review. In that resolution, the Commission decided to convene, during its sixty-seventh "
        "session, scheduled for March 2024, a two-day high-level segment, in addition to the five days usually "
        "foreseen for the regular segment of its session, which would comprise (a) a general debate and (b) two "
        'multi-stakeholder round tables on the themes "Taking stock: where we are since 2019" and "The way '
        'forward to 2029".',
        "À sa soixante-sixième session, en mars 2023, la Commission a adopté la résolution 66/1, sur les "
        "préparatifs de l'examen à mi-parcours de 2024. Dans cette résolution, elle a décidé de convoquer pendant "
        "sa soixante-septième session, prévue en mars 2024, un débat de haut niveau qui se déroulerait sur deux "
        "jours, outre les cinq jours habituellement prévus pour la partie principale de sa session, et qui "
        "comporterait a) un débat général et b) deux tables rondes multipartites sur les thèmes « Bilan de ce "
        "qui a été fait depuis 2019 » et « La voie à suivre jusqu'en 2029 ».",
        "En su 66º período de sesiones, celebrado en marzo de 2023, la Comisión aprobó la resolución 66/1, "
        "relativa a los preparativos del examen de mitad de período de 2024. En esa resolución, la Comisión "
        "decidió convocar, durante su 67º período de sesiones, previsto para marzo de 2024, una serie de sesiones "
        "de alto nivel de dos días de duración, además de los cinco días previstos habitualmente para la serie de "
        "sesiones ordinaria de su período de sesiones, que comprendería a) un debate general y b) dos mesas "
        "redondas de múltiples interesados sobre los temas “Balance de la situación desde 2019” y “El camino a "
        "seguir hasta 2029”.",
    ),
    (
        "Under item 5, participants will be invited to consider how they could best contribute, at the regional "
        "level and through the Commission on Narcotic Drugs, to accelerating the implementation of all "
        "international drug policy commitments until 2029.",
        "Au titre du point 5, les participantes et participants seront invités à examiner la manière dont ils "
        "pourraient contribuer au mieux, au niveau régional et par l'intermédiaire de la Commission des "
        "stupéfiants, à accélérer la mise en œuvre de tous les engagements pris concernant la politique "
        "internationale en matière de drogues jusqu'en 2029.",
        "En relación con el tema 5, se invitará a los participantes a examinar la mejor manera en que podrían "
        "contribuir, a nivel regional y por conducto de la Comisión de Estupefacientes, a acelerar el "
        "cumplimiento de todos los compromisos internacionales en materia de políticas de drogas hasta 2029.",
    ),
]


def load_note_demo(body):
    """Create or restore HONLAC's standard note paragraphs, the 31st meeting's own paragraphs and its note
    UNODC/HONLAC/31/2, issued on 11 July 2023 (while a draft, its text generated again if it differs from what
    they make)."""
    for position, (kind, english, french, spanish) in enumerate(HONLAC_NOTE, start=1):
        NotePatternParagraph.objects.update_or_create(
            body=body,
            position=position,
            defaults={"kind": kind, "text": english, "text_en": english, "text_fr": french, "text_es": spanish},
        )
    body.note_pattern.filter(position__gt=len(HONLAC_NOTE)).delete()
    meeting = Meeting.objects.get(body=body, number=31)
    for position, (english, french, spanish) in enumerate(HONLAC_31_NOTE, start=1):
        MeetingNoteParagraph.objects.update_or_create(
            meeting=meeting,
            after=AFTER_RECOMMENDATIONS,
            position=position,
            defaults={"text": english, "text_en": english, "text_fr": french, "text_es": spanish},
        )
    meeting.note_paragraphs.exclude(after=AFTER_RECOMMENDATIONS, position__lte=len(HONLAC_31_NOTE)).delete()
    document = organization_note.generate_organization_note(meeting, by=None, issue_date=NOTE_DATE)
    if not document.is_issued:
        if document.issue_date != NOTE_DATE:
            document.issue_date = NOTE_DATE
            document.save(update_fields=["issue_date"])
        stale = any(
            getattr(document, f"text_{code}") != organization_note.organization_note_text(meeting, code, on=NOTE_DATE)
            for code in body.working_languages
        )
        if stale:
            organization_note.generate_organization_note(meeting, by=None, replace_text=True)
    # Issued as it was on 11 July 2023: its annex is the 32nd meeting's draft agenda of that day.
    return issue_at_once(document, by=None, on=NOTE_DATE)

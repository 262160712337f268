"""Printed documents of the questionnaire cycle: the blank questionnaire, the transmittal note and the compiled
analysis.

Each is a kind of honlac.printing.PRINTED_KINDS."""

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from meetings import ordinals, wording
from meetings.documents import PRINT_STATIC_URL, UN_OFFICIAL_LANGUAGES, html_to_pdf, print_context
from meetings.markup import render_markdown
from meetings.print_furniture import furniture

from .models import ImplementationStatus, Questionnaire, Response
from .reproduced import questionnaire_of, reproduced_responses
from .summary import compile_analysis, recommendation_summary

# Ruled lines left for the answer to each block of the blank questionnaire.
ANSWER_LINES = 6
GENERAL_ANSWER_LINES = 8


def render_blank_questionnaire(questionnaire, *, language, progress=None):
    """The blank questionnaire in `language`, as a PDF to go with the invitation to the meeting."""
    with translation.override(language):
        meeting = questionnaire.meeting
        questions = questionnaire.questions.select_related("recommendation__topic").order_by("position")
        issued = timezone.localdate(questionnaire.opened_at) if questionnaire.opened_at else timezone.localdate()
        body = meeting.body
        if questionnaire.source_meeting.body.meeting_noun_is_masculine(language):
            title = pgettext(
                "masculine meeting noun",
                "Questionnaire on the implementation of the recommendations adopted by the %(meeting)s",
            )
        else:
            title = _("Questionnaire on the implementation of the recommendations adopted by the %(meeting)s")
        title %= {"meeting": questionnaire.source_meeting.full_title(language)}
        context = {
            # Sent with the invitation, it is no document of the series: the meeting's part of the symbols refers
            # to it.
            **furniture(
                reference=f"{body.symbol_prefix}/{meeting.number}",
                title=title,
                language=language,
                original_language=body.original_language,
            ),
            "print_static_url": PRINT_STATIC_URL,
            "language": language,
            "meeting": meeting,
            "body": body,
            "questionnaire": questionnaire,
            "document_title": title,
            "issue_date": issued,
            "working_languages": wording.language_list(body.working_languages, language),
            "only_working_languages": len(body.working_languages) < UN_OFFICIAL_LANGUAGES,
            "meeting_heading": meeting.heading(language),
            "place_and_dates": meeting.place_and_dates(language),
            "source_meeting_title": questionnaire.source_meeting.full_title(language),
            "introduction_html": render_markdown(questionnaire.introduction),
            "questions": list(questions),
            "statuses": ImplementationStatus.labels,
            "answer_lines": range(ANSWER_LINES),
            "general_answer_lines": range(GENERAL_ANSWER_LINES),
        }
        html = render_to_string("questionnaires/pdf/blank_questionnaire.html", context)
    return html_to_pdf(html, progress=progress)


def render_transmittal_note_whole(document, *, language, progress=None):
    """The transmittal note in `language` printed in one piece by WeasyPrint, the same pages as the note assembled
    from its parts (transmittal_parts.render_transmittal_note): what the parts are checked against, and
    WeasyPrint's time alone."""
    return html_to_pdf(transmittal_note_html(document, language), progress=progress)


def transmittal_note_data(document):
    """The questionnaire of the transmittal note `document`, the responses it reproduces (with their States and
    answers, in no order) and the questions, in three queries and one more per table prefetched."""
    questionnaire = questionnaire_of(document).get()
    if document.meeting_id == questionnaire.meeting_id:
        # Spares print_context fetching again the meeting and body fetched just above.
        document.meeting = questionnaire.meeting
    responses = list(
        reproduced_responses(document, questionnaire).select_related("member_state").prefetch_related("answers")
    )
    questions = list(questionnaire.questions.select_related("recommendation").order_by("position"))
    return questionnaire, responses, questions


def in_annex_order(responses, language):
    """`responses` in the order of the annex: their States' names in `language`, as its alphabet sorts them (the
    caller activates the language)."""
    return sorted(responses, key=lambda response: wording.collation_key(response.member_state.name))


def transmittal_note_html(document, language, *, data=None, annexed=None):
    """The HTML of the transmittal note `document` in `language`: the whole note, or with only the first
    `annexed` responses of its annex (its front, to which the other parts are added). `data` is what
    transmittal_note_data returned, if the caller has it."""
    questionnaire, responses, questions = data or transmittal_note_data(document)
    with translation.override(language):
        context = print_context(document, language)
        responses = in_annex_order(responses, language)
        state_names = [response.member_state.name for response in responses]
        context.update(
            {
                "questionnaire": questionnaire,
                # An addendum holds the responses posted after the note was issued (questionnaires.reproduced).
                "addendum_of": document.parent if document.relation == document.Relation.ADDENDUM else None,
                "source_meeting_title": questionnaire.source_meeting.full_title(language),
                "meeting_title": questionnaire.meeting.full_title(language),
                "opened_on": timezone.localdate(questionnaire.opened_at) if questionnaire.opened_at else None,
                "state_count": len(state_names),
                "state_count_words": _number_in_words(len(state_names), language),
                "state_names": wording.join_words(state_names, language),
                "statuses": ImplementationStatus.labels,
                "summary": recommendation_summary(
                    questionnaire, posted_only=True, until=document.data_as_of or questionnaire.transmittal_generated_at
                ),
                "responses": [annex_entry(response, questions, language) for response in responses[:annexed]],
            }
        )
        return render_to_string("questionnaires/pdf/transmittal_note.html", context)


def annex_entry(response, questions, language):
    """What the annex prints of `response`: its State, its original language, each answer to each question."""
    answers = {answer.question_id: answer for answer in response.answers.all()}
    return {
        "state": response.member_state,
        # "[Original: Spanish]", named as the heading's "Original:" names the language of a document.
        "original_language": wording.language_name(response.language, language) if response.language else "",
        "answers": [{"question": question, "answer": answers.get(question.pk)} for question in questions],
    }


def _number_in_words(number, language):
    # United Nations style writes numbers below 10 in words inside a sentence, 10 and above in figures.
    if 0 < number < 10:
        return ordinals.cardinal(number, language)
    return str(number)


# The responses of States, as PDFs: one response (its State's copy, the receipt's attachment), or all the posted
# responses of a questionnaire in one document (the secure page's bundle).


def render_response(response, *, language, progress=None):
    """One State's response in `language` (the page's words; the answers as the State wrote them)."""
    from .models import Response

    response = (
        Response.objects.select_related("questionnaire__meeting__body", "questionnaire__source_meeting", "member_state")
        .prefetch_related("answers", "attachments")
        .get(pk=response.pk)
    )
    with translation.override(language):
        title = _("Response of %(state)s to the questionnaire on the implementation of recommendations") % {
            "state": response.member_state.name
        }
    return _render_responses(response.questionnaire, [response], language=language, title=title, progress=progress)


def render_posted_responses(questionnaire, *, language, progress=None):
    """Every posted response of `questionnaire`, by State (sorted by name in `language`), in one PDF."""
    from .models import Response

    responses = (
        questionnaire.responses.filter(status=Response.Status.POSTED)
        .select_related("member_state")
        .prefetch_related("answers", "attachments")
    )
    with translation.override(language):
        responses = sorted(responses, key=lambda response: wording.collation_key(response.member_state.name))
        title = _("Responses of States to the questionnaire on the implementation of recommendations")
    return _render_responses(questionnaire, responses, language=language, title=title, progress=progress)


def response_languages(source):
    """The working languages of the meeting of a response (or of a questionnaire)."""
    questionnaire = getattr(source, "questionnaire", source)
    return list(questionnaire.meeting.body.working_languages)


def _render_responses(questionnaire, responses, *, language, title, progress):
    with translation.override(language):
        meeting = questionnaire.meeting
        body = meeting.body
        questions = list(questionnaire.questions.select_related("recommendation__topic").order_by("position"))
        context = {
            **furniture(
                reference=f"{body.symbol_prefix}/{meeting.number}",
                title=title,
                language=language,
                original_language=body.original_language,
                # For the participants of the meeting only, as the secure page they come from.
                distribution="restricted",
            ),
            "print_static_url": PRINT_STATIC_URL,
            "language": language,
            "meeting": meeting,
            "body": body,
            "document_title": title,
            "issue_date": timezone.localdate(),
            "working_languages": wording.language_list(body.working_languages, language),
            "only_working_languages": len(body.working_languages) < UN_OFFICIAL_LANGUAGES,
            "meeting_heading": meeting.heading(language),
            "place_and_dates": meeting.place_and_dates(language),
            "source_meeting_title": questionnaire.source_meeting.full_title(language),
            "entries": [_response_entry(response, questions, language) for response in responses],
        }
        html = render_to_string("questionnaires/pdf/responses.html", context)
    return html_to_pdf(html, progress=progress)


def _response_entry(response, questions, language):
    entry = annex_entry(response, questions, language)
    entry["response"] = response
    entry["attachments"] = [attachment.original_name for attachment in response.attachments.all()]
    return entry


# The compiled analysis (questionnaires.analysis)


def render_analysis(document, *, language, progress=None):
    """The compiled analysis in `language`, printed from the data of the questionnaire of its meeting."""
    return html_to_pdf(analysis_html(document, language), progress=progress)


def analysis_html(document, language):
    """The HTML of the analysis `document` (or of a revision of it) in `language`."""
    questionnaire = Questionnaire.objects.select_related("meeting__body", "source_meeting__body").get(
        meeting_id=document.meeting_id
    )
    document.meeting = questionnaire.meeting
    until = document.data_as_of
    with translation.override(language):
        context = print_context(document, language)
        posted = questionnaire.responses.filter(status=Response.Status.POSTED)
        if until is not None:
            posted = posted.filter(posted_at__lte=until)
        compiled = compile_analysis(questionnaire, until=until, language=language)
        response_count = posted.count()
        response_words, state_words = _in_words([response_count, compiled["state_count"]], language)
        context.update(
            {
                "questionnaire": questionnaire,
                "source_meeting_title": questionnaire.source_meeting.full_title(language),
                "meeting_title": questionnaire.meeting.full_title(language),
                "as_of": timezone.localdate(until) if until else context["issue_date"],
                "response_count": response_count,
                "response_words": response_words,
                "state_words": state_words,
                "groups": compiled["groups"],
                "lettered": any(group["topic"] is not None for group in compiled["groups"]),
            }
        )
        return render_to_string("questionnaires/pdf/analysis.html", context)


def _in_words(numbers, language):
    """United Nations style: numbers below 10 in words inside a sentence, 10 and above in figures, and figures for
    all the numbers of a sentence that has one of 10 or above."""
    if any(number >= 10 for number in numbers):
        return [str(number) for number in numbers]
    return [ordinals.cardinal(number, language) for number in numbers]

"""Responses as files: a response as a PDF (its State's copy, or a posted one for any participant), and the secure
page's bundles of every posted response (one ZIP, one PDF)."""

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils import translation
from django.views import View

from honlac import printing
from meetings import wording

from . import bundles
from .responses_views import ResponseMixin
from .rules import responses_visible_to
from .views import ParticipantMixin


def _working_language(kwargs, languages):
    if kwargs["language"] not in languages:
        raise Http404
    return kwargs["language"]


class ResponsePdfView(ResponseMixin, View):
    """A response as a PDF in a working language: for whoever may read it (its State, the secretariat, and every
    participant once it is posted)."""

    def get(self, request, *args, **kwargs):
        response = self.response_object
        meeting = response.questionnaire.meeting
        language = _working_language(kwargs, meeting.body.working_languages)
        http_response = HttpResponse(
            printing.render("response", response, language=language), content_type="application/pdf"
        )
        name = f"{meeting.body.code}-{meeting.number}-{response.member_state.code}-response-{language}.pdf"
        http_response["Content-Disposition"] = f'attachment; filename="{name}"'
        return http_response


class BundleMixin(ParticipantMixin):
    """The posted responses of the questionnaire of the URL's meeting, for its participants and the secretariat."""

    def bundle(self):
        questionnaire = self.get_questionnaire()
        language = _working_language(self.kwargs, questionnaire.meeting.body.working_languages)
        responses = bundles.posted_responses(responses_visible_to(self.request.user, questionnaire=questionnaire))
        with translation.override(language):
            responses = sorted(responses, key=lambda response: wording.collation_key(response.member_state.name))
        meeting = questionnaire.meeting
        return questionnaire, responses, language, f"{meeting.body.code}-{meeting.number}-responses-{language}"


class ResponsesZipView(BundleMixin, View):
    def get(self, request, *args, **kwargs):
        _questionnaire, responses, language, name = self.bundle()
        http_response = StreamingHttpResponse(
            bundles.stream_zip(bundles.zip_entries(responses, language=language)), content_type="application/zip"
        )
        http_response["Content-Disposition"] = f'attachment; filename="{name}.zip"'
        return http_response


class ResponsesPdfView(BundleMixin, View):
    def get(self, request, *args, **kwargs):
        questionnaire, _responses, language, name = self.bundle()
        http_response = HttpResponse(
            printing.render("posted_responses", questionnaire, language=language), content_type="application/pdf"
        )
        http_response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return http_response

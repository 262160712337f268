"""The secretariat's invitations and reminders: each request queues messages in the outbox and returns at once."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from honlac.confirmation import ConfirmationMixin

from . import confirmations, runs
from .models import MessageRun
from .views import QuestionnaireMixin, SecretariatMixin


# The services write in short transactions of their own, after writing the texts: the request does not hold the
# database (SQLite's single write lock) while it renders a message for every focal point.
@method_decorator(transaction.non_atomic_requests, name="dispatch")
class RunView(SecretariatMixin, QuestionnaireMixin, View):
    def base_url(self):
        return self.request.build_absolute_uri("/").rstrip("/")

    def done(self):
        return redirect("questionnaires:dashboard", self.kwargs["body"], self.kwargs["number"])


class SendMessagesView(ConfirmationMixin, RunView):
    """Queue invitations, or reminders to the States that have not submitted; again, only what was not sent.

    GET lists the States that will receive them, the participating States without a focal point and the texts
    missing in a working language."""

    kind = MessageRun.Kind.INVITATION

    def get_confirmation(self):
        return confirmations.send_messages(self.get_questionnaire(), kind=self.kind)

    def get_confirmation_context(self):
        return {"meeting": self.get_meeting()}

    def post(self, request, *args, **kwargs):
        try:
            _run, count = runs.queue_run(
                self.get_questionnaire(), kind=self.kind, base_url=self.base_url(), by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if count:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s message was queued; it is sent in the background, and its progress is shown below.",
                        "%(count)s messages were queued; they are sent in the background, and their progress is "
                        "shown below.",
                        count,
                    )
                    % {"count": count},
                )
            else:
                messages.info(request, _("No message was queued: no focal point is waiting for this one."))
        return self.done()


class RetryRunView(RunView):
    """Queue again the failed messages of a run."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        run = get_object_or_404(MessageRun, pk=self.kwargs["run"], questionnaire=self.get_questionnaire())
        count = runs.retry_failed(run, base_url=self.base_url(), by=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)s failed message was queued again.", "%(count)s failed messages were queued again.", count
            )
            % {"count": count},
        )
        return self.done()

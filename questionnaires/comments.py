"""The secretariat's comments on a response it sent back, read by round: the round open to the State's replies
(whose comments without a reply hold back the submission), what the response form shows beside each block, and
every round for the response's history. The changes (sending back, replying) are in questionnaires.sendback."""

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import F

from .models import ReviewComment
from .rules import can_reply_to_comments

REPLY_FIELD = "reply_{pk}"
REPLY_MAX_LENGTH = 20000


def _ordered(comments):
    """Round by round, the comment on the response as a whole first, then the blocks in their order."""
    return comments.select_related("question__recommendation", "created_by", "replied_by").order_by(
        "round", F("question__position").asc(nulls_first=True), "pk"
    )


def open_comments(response):
    """The comments of the round that sent `response` back, while it awaits its State's changes (`returned_at`
    set; none once it is submitted again). One query."""
    if response.returned_at is None:
        return []
    latest = ReviewComment.objects.filter(response=response).order_by("-round").values("round")[:1]
    return list(_ordered(ReviewComment.objects.filter(response=response, round=latest)))


def unanswered(response):
    """The open comments that have no reply yet: the response may not be submitted while there is one."""
    return [comment for comment in open_comments(response) if not comment.reply.strip()]


@dataclass
class Round:
    """One sending back: when, by whom, and its comments with the State's replies."""

    number: int
    comments: list = field(default_factory=list)

    @property
    def sent_at(self):
        return self.comments[0].created_at

    @property
    def sent_by(self):
        return self.comments[0].created_by


def rounds(response):
    """Every round of comments of `response`, earliest first, for its history. One query."""
    found = []
    for comment in _ordered(ReviewComment.objects.filter(response=response)):
        if not found or found[-1].number != comment.round:
            found.append(Round(comment.round))
        found[-1].comments.append(comment)
    return found


@dataclass
class FormReview:
    """The open comments as the response form shows them: the one on the whole response at the top, the others
    beside their blocks, each with its reply (as typed, when the form comes back with what was sent)."""

    comments: list
    can_reply: bool

    @cached_property
    def general(self):
        return [comment for comment in self.comments if comment.question_id is None]

    @cached_property
    def by_question(self):
        grouped = {}
        for comment in self.comments:
            if comment.question_id is not None:
                grouped.setdefault(comment.question_id, []).append(comment)
        return grouped

    @property
    def unanswered_count(self):
        return sum(1 for comment in self.comments if not comment.reply_value.strip())

    @property
    def sent_at(self):
        return self.comments[0].created_at if self.comments else None


def form_review(response, *, user, form=None):
    """The review shown in `response`'s form for `user`; the replies are those of `form`'s data when it is bound
    (a form sent back on an error, or the text kept when the session expired), else those saved.

    Only for those who read the response's history (the secretariat and the State's focal points): a comment may
    quote any block, and a contributor sees only the blocks given to them."""
    data = form.data if form is not None and form.is_bound else None
    comments = open_comments(response) if user.has_perm("questionnaires.read_history", response) else []
    for comment in comments:
        comment.reply_field = REPLY_FIELD.format(pk=comment.pk)
        comment.reply_value = data.get(comment.reply_field, comment.reply) if data is not None else comment.reply
    return FormReview(comments=comments, can_reply=bool(comments) and can_reply_to_comments(user, response))

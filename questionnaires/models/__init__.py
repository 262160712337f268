from .cycle import (
    Answer,
    Attachment,
    Continuation,
    ImplementationStatus,
    MessageRun,
    Question,
    Questionnaire,
    Recommendation,
    Response,
    ResponseVersion,
    attachment_path,
)
from .review import BlockAssignment, ReviewComment

__all__ = [
    "Answer",
    "Attachment",
    "BlockAssignment",
    "Continuation",
    "ImplementationStatus",
    "MessageRun",
    "Question",
    "Questionnaire",
    "Recommendation",
    "Response",
    "ResponseVersion",
    "ReviewComment",
    "attachment_path",
]

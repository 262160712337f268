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
from .parts import PrintedPart
from .review import BlockAssignment, ReviewComment

__all__ = [
    "Answer",
    "Attachment",
    "BlockAssignment",
    "Continuation",
    "ImplementationStatus",
    "MessageRun",
    "PrintedPart",
    "Question",
    "Questionnaire",
    "Recommendation",
    "Response",
    "ResponseVersion",
    "ReviewComment",
    "attachment_path",
]

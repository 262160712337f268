"""The models of meetings: meetings.py (States, bodies, meetings), documents.py (documents, symbols, files, print
jobs)."""

from .documents import Document, DocumentFile, PrintJob, Symbol
from .meetings import LANGUAGE_CHOICES, Body, Meeting, MemberState, NounGender, OrdinalStyle

__all__ = [
    "LANGUAGE_CHOICES",
    "Body",
    "Document",
    "DocumentFile",
    "Meeting",
    "MemberState",
    "NounGender",
    "OrdinalStyle",
    "PrintJob",
    "Symbol",
]

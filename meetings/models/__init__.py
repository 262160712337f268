"""The models of meetings: meetings.py (States, bodies, meetings), documents.py (documents, symbols, files, print
jobs)."""

from .documents import Document, DocumentFile, PrintJob, Symbol
from .meetings import LANGUAGE_CHOICES, Body, Meeting, MemberState

__all__ = ["LANGUAGE_CHOICES", "Body", "Document", "DocumentFile", "Meeting", "MemberState", "PrintJob", "Symbol"]

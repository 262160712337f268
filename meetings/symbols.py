"""The symbols of a meeting's documents, as the United Nations gives them.

`/1` is the meeting's provisional agenda: held for it from the meeting's creation and taken by the agenda whenever
it is issued. The other documents are numbered in the order of their issue from `/2`; conference room papers
(`CRP.1`) and information papers (`INF/1`) have series of their own. A symbol is given once: the registry
(`Symbol`) keeps the entry of a deleted document, so that no later document takes its symbol.
"""

from django.db.models import Max

from accounts.audit import log_action

from .models import Document, Meeting, Symbol

AGENDA_NUMBER = 1

SERIES_OF_KIND = {
    Document.Kind.CONFERENCE_ROOM_PAPER: Symbol.Series.CONFERENCE_ROOM_PAPERS,
    Document.Kind.INFORMATION_PAPER: Symbol.Series.INFORMATION_PAPERS,
}


def series_of(kind):
    return SERIES_OF_KIND.get(kind, Symbol.Series.DOCUMENTS)


def document_symbol(meeting, *, kind, number):
    """'UNODC/HONLAC/32/4'; 'UNODC/HONLAC/32/CRP.1' for a conference room paper; 'UNODC/HONLAC/32/INF/1' for an
    information paper."""
    base = f"{meeting.body.symbol_prefix}/{meeting.number}"
    series = series_of(kind)
    if series == Symbol.Series.CONFERENCE_ROOM_PAPERS:
        return f"{base}/CRP.{number}"
    if series == Symbol.Series.INFORMATION_PAPERS:
        return f"{base}/INF/{number}"
    return f"{base}/{number}"


def reserve_agenda_symbol(meeting, *, by):
    """Hold `/1` of `meeting` for its provisional agenda, unless the meeting's /1 was already given.

    Call inside the transaction that creates the meeting. Side effects: adds the reserved entry to the registry;
    records the reservation in the audit trail. Returns the entry.
    """
    entry, created = Symbol.objects.get_or_create(
        meeting=meeting,
        series=Symbol.Series.DOCUMENTS,
        number=AGENDA_NUMBER,
        defaults={
            "symbol": document_symbol(meeting, kind=Document.Kind.AGENDA, number=AGENDA_NUMBER),
            "reserved": True,
        },
    )
    if created:
        log_action(meeting, "meeting.agenda_symbol_reserved", by=by, data={"symbol": entry.symbol})
    return entry


def held_agenda_symbol(meeting_id):
    """The symbol held for the provisional agenda of the meeting while it is not issued, or "" when none is held.

    Documents issued before the agenda cite it by that symbol, as United Nations documents do.
    """
    entry = Symbol.objects.filter(
        meeting_id=meeting_id, series=Symbol.Series.DOCUMENTS, number=AGENDA_NUMBER, reserved=True, document=None
    ).first()
    return entry.symbol if entry is not None else ""


def assign_symbol(document):
    """Give an unsaved document its number and symbol, and save it with its entry in the registry.

    The caller holds the lock on the meeting row (meetings.services.register_document), so two documents
    issued at once never share a number. The provisional agenda takes /1 unless /1 was already given (to an
    earlier agenda, or, before this rule, to another document); every other document takes the number after the
    last one given in its series, and never /1.
    """
    meeting = document.meeting
    series = series_of(document.kind)
    entries = Symbol.objects.filter(meeting=meeting, series=series)
    entry = None
    if document.kind == Document.Kind.AGENDA:
        first = entries.filter(number=AGENDA_NUMBER).first()
        agenda_symbol = document_symbol(meeting, kind=document.kind, number=AGENDA_NUMBER)
        if first is None and not Document.objects.filter(symbol=agenda_symbol).exists():
            entry = Symbol(meeting=meeting, series=series, number=AGENDA_NUMBER)
        elif first is not None and first.reserved and first.document_id is None:
            entry = first
    if entry is None:
        floor = AGENDA_NUMBER if series == Symbol.Series.DOCUMENTS else 0
        last = max(entries.aggregate(last=Max("number"))["last"] or 0, _last_document_number(meeting, series), floor)
        entry = Symbol(meeting=meeting, series=series, number=last + 1)
    document.number = entry.number
    document.symbol = document_symbol(meeting, kind=document.kind, number=entry.number)
    document.save()
    entry.symbol = document.symbol
    entry.document = document
    entry.reserved = False
    entry.save()
    return document


def _last_document_number(meeting, series):
    """The last number held by a document of the series: documents saved without the registry (fixtures) count."""
    kinds = [kind for kind, kind_series in SERIES_OF_KIND.items() if kind_series == series]
    documents = Document.objects.filter(meeting=meeting)
    documents = documents.filter(kind__in=kinds) if kinds else documents.exclude(kind__in=list(SERIES_OF_KIND))
    return documents.aggregate(last=Max("number"))["last"] or 0


def lock_meeting(meeting):
    """Lock the meeting row for the rest of the transaction: its documents are numbered one at a time."""
    return Meeting.objects.select_for_update().filter(pk=meeting.pk).first()


EXTENSION_SERIES = {
    Document.Relation.REVISION: (Symbol.Series.REVISIONS, "Rev."),
    Document.Relation.CORRIGENDUM: (Symbol.Series.CORRIGENDA, "Corr."),
    Document.Relation.ADDENDUM: (Symbol.Series.ADDENDA, "Add."),
}


def assign_extension_symbol(document):
    """Give an unsaved revision, corrigendum or addendum its number and symbol, and save it with its registry entry.

    `document.parent` is the document it belongs to. Revisions are numbered on the original (a revision of Rev.1
    is Rev.2 of the same symbol); corrigenda and addenda on the document they correct or add to
    ("UNODC/HONLAC/31/2/Rev.1/Corr.1"). The caller holds the lock on the meeting row.
    """
    parent = document.parent
    series, label = EXTENSION_SERIES[document.relation]
    parent_entry = _registry_entry(parent)
    last = Symbol.objects.filter(parent=parent_entry, series=series).aggregate(last=Max("number"))["last"] or 0
    number = last + 1
    document.relation_number = number
    document.number = parent.number
    document.symbol = f"{parent.symbol}/{label}{number}"
    document.save()
    Symbol.objects.create(
        meeting=document.meeting,
        series=series,
        number=number,
        parent=parent_entry,
        symbol=document.symbol,
        document=document,
    )
    return document


def _registry_entry(document):
    """The registry's entry of `document`, made for a document saved without the registry (fixtures, old data)."""
    entry = Symbol.objects.filter(document=document).first()
    if entry is None:
        entry = Symbol.objects.filter(symbol=document.symbol).first()
    if entry is None:
        parent = _registry_entry(document.parent) if document.parent_id else None
        series = EXTENSION_SERIES[document.relation][0] if parent else series_of(document.kind)
        number = document.relation_number if parent else document.number
        entry = Symbol.objects.create(
            meeting=document.meeting, series=series, number=number, parent=parent, symbol=document.symbol
        )
    if entry.document_id is None:
        entry.document = document
        entry.save(update_fields=["document"])
    return entry

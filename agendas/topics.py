"""Business actions on the working-group topics of a meeting: one record per topic, shared by the consultation
of the States, the agenda's working-group sub-items and the recommendations adopted under it; and the consultation
itself, with the voices of the States."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Prefetch
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.audit import changed_fields, log_action, object_label
from meetings.wording import long_datetime

from .models import AgendaItem, Consultation, ConsultationVoice, Purpose, Topic
from .services import check_editable, ensure_agenda, lock_agenda


def _next_position(meeting):
    return (Topic.objects.filter(meeting=meeting).aggregate(last=Max("position"))["last"] or 0) + 1


def _new_topic(meeting, *, titles, by, description="", member_state=None):
    """An unsaved topic of `meeting` with `titles` (language -> title), checked, at the end of the list.

    Only the fields of the languages given are set: assigning `title` would also write the active language's
    field, so that a French title entered from the English interface would pass for the English one. The
    other languages fall back to these until the secretariat translates the topic.
    """
    topic = Topic(
        meeting=meeting,
        position=_next_position(meeting),
        description=description,
        member_state=member_state,
        proposed_by=by,
    )
    for code, title in titles.items():
        setattr(topic, f"title_{code}", title)
    try:
        topic.clean_fields(exclude=["meeting", "member_state", "proposed_by"])  # e.g. a title over 400 characters
    except ValidationError as error:
        raise ValidationError(list(dict.fromkeys(error.messages))) from error
    return topic


def propose_topic(meeting, *, title, by, description="", member_state=None, language="en"):
    """Propose a working-group topic for `meeting`, in the language it was written in.

    Side effects: saves the topic, at the end of the meeting's topics; records it in the audit trail.
    """
    with transaction.atomic():
        topic = _new_topic(meeting, titles={language: title}, by=by, description=description, member_state=member_state)
        topic.save()
        log_action(
            topic,
            "topic.proposed",
            by=by,
            data={"member_state": member_state.code if member_state else None, "language": language},
        )
    return topic


def update_topic(topic, *, by):
    """Save the titles and explanation of a topic; the agenda and the recommendations show the new titles.

    Side effects: saves the topic (nothing is copied elsewhere: every page and print reads the topic); records
    the fields that changed in the audit trail.
    """
    with transaction.atomic():
        fields = changed_fields(topic)
        topic.save()
        log_action(topic, "topic.changed", by=by, data={"fields": fields})
    return topic


def topic_for(meeting, *, by, key=None, titles=None):
    """The topic of `meeting` named by `key` (its id) or by an exact title in a given language, created if none.

    `titles` maps languages to titles ("fr" -> "Drogues de synthèse"); a topic is found when one of its titles in
    that language is the same, so that the same topic given in another language is never added twice. Titles of
    languages the found topic lacks are filled in, none is replaced. Raises ValidationError for a key of no topic
    of the meeting, or titles that name two different topics.
    Side effects: may save a new topic, or the found one with titles added, and record that in the audit trail.
    """
    titles = {code: title.strip() for code, title in (titles or {}).items() if title and title.strip()}
    with transaction.atomic():
        if key not in (None, ""):
            topic = Topic.objects.filter(meeting=meeting, pk=int(key) if str(key).isdigit() else None).first()
            if topic is None:
                raise ValidationError(_("This meeting has no topic %(key)s.") % {"key": key})
        else:
            if not titles:
                return None
            found = {
                topic.pk: topic
                for code, title in titles.items()
                for topic in Topic.objects.filter(meeting=meeting, **{f"title_{code}": title})
            }
            if len(found) > 1:
                raise ValidationError(
                    _("The titles %(titles)s name different topics.") % {"titles": ", ".join(titles.values())}
                )
            topic = next(iter(found.values()), None)
            if topic is None:
                topic = _new_topic(meeting, titles=titles, by=by)
                topic.save()
                log_action(topic, "topic.added", by=by, data={"fields": [f"title_{code}" for code in titles]})
                return topic
        missing = {code: title for code, title in titles.items() if not getattr(topic, f"title_{code}")}
        if missing:
            for code, title in missing.items():
                setattr(topic, f"title_{code}", title)
            topic.save(update_fields=[f"title_{code}" for code in missing])
            log_action(topic, "topic.changed", by=by, data={"fields": [f"title_{code}" for code in missing]})
    return topic


def tally(meeting):
    """Proposed topics of `meeting`, each with `support`: the number of States that support it, and `supporters`:
    those States, by name (one query more, whatever the number of topics)."""
    return (
        Topic.objects.filter(meeting=meeting)
        .select_related("member_state")
        .annotate(support=Count("voices", distinct=True))
        .prefetch_related(
            Prefetch(
                "voices",
                queryset=ConsultationVoice.objects.select_related("member_state").order_by("member_state__name"),
                to_attr="supporters",
            )
        )
        .order_by("-support", "position", "pk")
    )


def select_topics(meeting, *, topics, by):
    """Select the working-group topics of `meeting`: they become the sub-items of its working-group item.

    Side effects: marks the topics selected (and the others not), makes the sub-items of the working-group
    item of the draft agenda (generated if needed) those topics in the order given, each pointing at its topic
    (a sub-item of a topic already there keeps its annotation; other sub-items are deleted), clears the item's
    placeholder mark and records when the consultation's topics were applied; records the selection on the
    agenda in the audit trail.
    """
    topics = list(topics)
    if any(topic.meeting_id != meeting.pk for topic in topics):
        raise ValidationError(_("Choose among the topics proposed for this meeting."))
    with transaction.atomic():
        agenda = lock_agenda(ensure_agenda(meeting, by=by))
        check_editable(agenda)
        item = agenda.items.filter(parent=None, purpose=Purpose.WORKING_GROUPS).first()
        if item is None:
            raise ValidationError(_("The agenda has no item for working groups."))
        Topic.objects.filter(meeting=meeting).update(selected=False)
        Topic.objects.filter(pk__in=[topic.pk for topic in topics]).update(selected=True)
        kept = {sub_item.topic_id: sub_item for sub_item in item.sub_items.exclude(topic=None)}
        item.sub_items.exclude(topic__in=[topic.pk for topic in topics]).delete()
        for position, topic in enumerate(topics, start=1):
            sub_item = kept.get(topic.pk) or AgendaItem(agenda=agenda, parent=item, topic=topic)
            sub_item.position = position
            sub_item.save()
        item.is_placeholder = not topics
        item.save(update_fields=["is_placeholder"])
        Consultation.objects.filter(meeting=meeting).update(topics_applied_at=timezone.now())
        log_action(agenda, "topics.selected", by=by, data={"topics": [object_label(topic) for topic in topics]})
    return item


# The consultation of the States on the topics ---------------------------------------------------------------


def open_consultation(meeting, *, closes_at, by):
    """Open (or move the closing date of) the informal consultation of the States on `meeting`'s topics.

    Side effects: creates or updates the consultation; records it with its closing date in the audit trail.
    """
    if closes_at <= timezone.now():
        raise ValidationError(_("The closing date must be in the future."))
    with transaction.atomic():
        consultation, _created = Consultation.objects.update_or_create(
            meeting=meeting, defaults={"closes_at": closes_at, "opened_by": by}
        )
        log_action(consultation, "consultation.opened", by=by, data={"closes_at": closes_at.isoformat()})
    return consultation


def give_voice(consultation, *, member_state, topics, by):
    """Record the topics `member_state` supports; one voice per State, which any of its focal points may change.

    Side effects: saves the voice; records it (the State and its topics) on the consultation in the audit trail.
    Raises ValidationError after the closing date, or for a State that does not take part in the meeting.
    """
    with transaction.atomic():
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if not consultation.is_open:
            raise ValidationError(
                _("The consultation closed on %(date)s: the voice of a State can no longer be given or changed.")
                % {"date": long_datetime(consultation.closes_at, get_language() or "en")}
            )
        if not consultation.meeting.participating_states.filter(pk=member_state.pk).exists():
            raise ValidationError(_("This State does not take part in the meeting."))
        topics = list(topics)
        if any(topic.meeting_id != consultation.meeting_id for topic in topics):
            raise ValidationError(_("Choose among the topics proposed for this meeting."))
        voice, _created = ConsultationVoice.objects.get_or_create(
            consultation=consultation, member_state=member_state, defaults={"given_by": by}
        )
        voice.given_by = by
        voice.save(update_fields=["given_by", "updated_at"])
        voice.topics.set(topics)
        log_action(
            consultation,
            "consultation.voice_given",
            by=by,
            data={"member_state": member_state.code, "topics": [object_label(topic) for topic in topics]},
        )
    return voice


def close_consultation(consultation, *, by):
    """Close the consultation now, before its closing date: the voices given stand, no other can be given.

    Side effects: the closing date becomes now; recorded in the audit trail with the date it replaces.
    Raises ValidationError when it is already closed.
    """
    with transaction.atomic():
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if not consultation.is_open:
            raise ValidationError(
                _("The consultation closed on %(date)s.")
                % {"date": long_datetime(consultation.closes_at, get_language() or "en")}
            )
        planned = consultation.closes_at
        consultation.closes_at = timezone.now()
        consultation.save(update_fields=["closes_at"])
        log_action(
            consultation,
            "consultation.closed",
            by=by,
            data={"closes_at": consultation.closes_at.isoformat(), "planned": planned.isoformat()},
        )
    return consultation

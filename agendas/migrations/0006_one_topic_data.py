"""One working-group topic, data: number the topics of each meeting and point the agenda's working-group
sub-items at their topic instead of carrying copies of its titles.

Reversible: going back, each sub-item takes its topic's titles again and topics are proposals again
(a topic created here for a sub-item that matched no proposal stays a proposal).
"""

from django.db import migrations

LANGUAGES = ("en", "fr", "es")
WORKING_GROUPS = "working_groups"


def _titles(row):
    return {code: (getattr(row, f"title_{code}") or "").strip() for code in LANGUAGES}


def _same(left, right):
    """Whether two sets of titles name the same topic: an equal title in any language, case aside."""
    left = {title.casefold() for title in left.values() if title}
    return any(title and title.casefold() in left for title in right.values())


def number_topics(Topic):
    """Give the topics of each meeting the positions 1, 2, ... in the order in which they were proposed."""
    last = {}
    for topic in Topic.objects.order_by("meeting_id", "proposed_at", "pk"):
        last[topic.meeting_id] = last.get(topic.meeting_id, 0) + 1
        topic.position = last[topic.meeting_id]
        topic.save(update_fields=["position"])


def link_sub_items(Topic, AgendaItem):
    """Point each working-group sub-item at the topic of its meeting with the same title, created if none has.

    The one time titles are matched: before this, the sub-items held copies of the titles, and nothing else
    tells which topic each one was copied from. Afterwards the sub-item shows the topic's title, so its own
    copy is cleared.
    """
    sub_items = AgendaItem.objects.filter(parent__purpose=WORKING_GROUPS, topic=None).select_related("agenda")
    for item in sub_items.order_by("agenda_id", "position", "pk"):
        meeting_id = item.agenda.meeting_id
        titles = _titles(item)
        if not any(titles.values()):
            continue
        topics = list(Topic.objects.filter(meeting_id=meeting_id).order_by("position", "pk"))
        topic = next((topic for topic in topics if _same(_titles(topic), titles)), None)
        if topic is None:
            topic = Topic(meeting_id=meeting_id, position=max((t.position for t in topics), default=0) + 1)
            for code, title in titles.items():
                setattr(topic, f"title_{code}", title or None)
            topic.title = next(title for title in titles.values() if title)
        else:
            for code, title in titles.items():
                if title and not getattr(topic, f"title_{code}"):
                    setattr(topic, f"title_{code}", title)
        topic.selected = True
        topic.save()
        item.topic = topic
        item.title = ""
        for code in LANGUAGES:
            setattr(item, f"title_{code}", None)
        item.save()


def forwards(apps, schema_editor):
    Topic = apps.get_model("agendas", "Topic")
    number_topics(Topic)
    link_sub_items(Topic, apps.get_model("agendas", "AgendaItem"))


def backwards(apps, schema_editor):
    AgendaItem = apps.get_model("agendas", "AgendaItem")
    for item in AgendaItem.objects.exclude(topic=None).select_related("topic"):
        titles = _titles(item.topic)
        for code, title in titles.items():
            setattr(item, f"title_{code}", title or None)
        item.title = titles["en"] or next((title for title in titles.values() if title), "")
        item.title_en = item.title
        item.topic = None
        item.save()


class Migration(migrations.Migration):
    dependencies = [("agendas", "0005_one_topic")]

    operations = [migrations.RunPython(forwards, backwards)]

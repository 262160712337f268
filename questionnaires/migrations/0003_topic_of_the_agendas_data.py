"""Each topic of recommendations joins the topic of the same meeting with the same title in any language (the
topic placed on the agenda or proposed), or becomes a new topic of that meeting.

Reversible: going back, each topic that has recommendations is copied into a topic of recommendations again (the
topics stay in agendas).
"""

from django.db import migrations

LANGUAGES = ("en", "fr", "es")


def _titles(row):
    return {code: (getattr(row, f"title_{code}") or "").strip() for code in LANGUAGES}


def _same(left, right):
    left = {title.casefold() for title in left.values() if title}
    return any(title and title.casefold() in left for title in right.values())


def join_topics(OldTopic, Topic, Recommendation):
    """Point every recommendation at the agendas.Topic its topic maps onto (matched once, by title)."""
    for old in OldTopic.objects.order_by("meeting_id", "position", "pk"):
        titles = _titles(old)
        if not any(titles.values()):
            titles["en"] = old.title
        topics = list(Topic.objects.filter(meeting_id=old.meeting_id).order_by("position", "pk"))
        topic = next((topic for topic in topics if _same(_titles(topic), titles)), None)
        if topic is None:
            topic = Topic(meeting_id=old.meeting_id, position=max((t.position for t in topics), default=0) + 1)
            topic.title = titles["en"] or next(title for title in titles.values() if title)
        for code, title in titles.items():
            if title and not getattr(topic, f"title_{code}"):
                setattr(topic, f"title_{code}", title)
        topic.save()
        Recommendation.objects.filter(topic=old).update(new_topic=topic)


def forwards(apps, schema_editor):
    join_topics(
        apps.get_model("questionnaires", "Topic"),
        apps.get_model("agendas", "Topic"),
        apps.get_model("questionnaires", "Recommendation"),
    )


def backwards(apps, schema_editor):
    OldTopic = apps.get_model("questionnaires", "Topic")
    Topic = apps.get_model("agendas", "Topic")
    Recommendation = apps.get_model("questionnaires", "Recommendation")
    used = Recommendation.objects.exclude(new_topic=None).values("new_topic")
    positions = {}
    for topic in Topic.objects.filter(pk__in=used).order_by("meeting_id", "position", "pk"):
        positions[topic.meeting_id] = positions.get(topic.meeting_id, 0) + 1
        titles = _titles(topic)
        english = titles["en"] or next((title for title in titles.values() if title), topic.title)
        old = OldTopic.objects.create(
            meeting_id=topic.meeting_id,
            position=positions[topic.meeting_id],
            title=english,
            title_en=english,
            title_fr=titles["fr"] or None,
            title_es=titles["es"] or None,
        )
        Recommendation.objects.filter(new_topic=topic).update(topic=old)


class Migration(migrations.Migration):
    dependencies = [("questionnaires", "0002_topic_of_the_agendas")]

    operations = [migrations.RunPython(forwards, backwards)]

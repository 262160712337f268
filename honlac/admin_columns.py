"""Admin list columns that stay in view at 1280 px: long titles are shortened in the list, given in full on hover
and on the object's own page."""

from django.contrib import admin
from django.utils.html import format_html

WIDTH = 60


def shortened(text, length=WIDTH):
    """`text` cut to `length` characters, ending with "…" when it was longer."""
    text = text or ""
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def short_column(path, description, *, length=WIDTH, ordering=None):
    """A list_display column showing the attribute at `path` ("title", "meeting", "document__symbol"; None for
    the object itself) shortened.

    Assign it in a ModelAdmin (`short_title = short_column("title", ...)`) and name it in list_display; what the
    path crosses must be in list_select_related, or each row costs queries."""

    @admin.display(description=description, ordering=ordering)
    def column(model_admin, obj):
        value = obj
        for name in path.split("__") if path else []:
            value = getattr(value, name, None) if value is not None else None
        text = "" if value is None else str(value)
        if len(text) <= length:
            return text or "-"
        return format_html('<span title="{}">{}</span>', text, shortened(text, length))

    return column


def related_filter(*related):
    """A list filter on a foreign key whose choices are read in one query: the names of meetings and
    questionnaires read their body (`related_filter("body")`), which the admin's own filter fetches one by one."""

    class RelatedFilter(admin.RelatedFieldListFilter):
        def field_choices(self, field, request, model_admin):
            choices = field.related_model._default_manager.select_related(*related)
            ordering = self.field_admin_ordering(field, request, model_admin)
            if ordering:
                choices = choices.order_by(*ordering)
            return [(obj.pk, str(obj)) for obj in choices]

    return RelatedFilter

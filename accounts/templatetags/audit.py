from django import template

from accounts.audit import history_url as _history_url

register = template.Library()


@register.filter
def history_url(obj):
    """The audit trail narrowed to `obj`: `{{ document|history_url }}`."""
    return _history_url(obj)

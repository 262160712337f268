from django import template

from ..markup import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Text typed in the portal as sanitized HTML."""
    return render_markdown(text)

"""What pages of other apps show of agendas, without those apps importing this one."""

from django import template

from ..rules import agendas_visible_to

register = template.Library()


@register.simple_tag(takes_context=True)
def agenda_visible(context, meeting):
    """Whether the user of the page may see the agenda of `meeting` (agendas.rules.agendas_visible_to)."""
    return agendas_visible_to(context["request"].user).filter(meeting=meeting).exists()

"""{% portal_name %}: the portal's name where no request is at hand (messages rendered by services, error pages)."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def portal_name():
    return str(settings.HONLAC_PORTAL_NAME)

"""What every page's template knows: the portal's name (settings.HONLAC_PORTAL_NAME)."""

from django.conf import settings


def portal(request):
    return {"portal_name": settings.HONLAC_PORTAL_NAME}

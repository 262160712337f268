"""The one way a view reaches an object of a meeting or of a State: through the app's queryset of what the user
may see (each app's `rules.py`), so that a page, a download and a form all answer the same."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404


class VisibleObjectMixin:
    """Fetches the object of the URL through `visible_to(user)` before the view runs.

    - An object the user may not see answers 404, whether it exists or not, so that its existence does not leak.
      An anonymous user is sent to sign in instead: whatever is not of general distribution needs a sign-in.
    - `object_permission`, if set, is a further rule on the object seen (e.g. changing it): refused, it answers
      403, since the user already knows the object.

    `visible_to` is a function of `rules.py` (user -> queryset), given as `staticmethod(...)`; `url_lookup` maps
    model lookups to the URL's keywords.
    """

    visible_to = None
    url_lookup = {"pk": "pk"}
    object_permission = None

    def dispatch(self, request, *args, **kwargs):
        try:
            self.get_object()
        except (Http404, PermissionDenied):
            if not request.user.is_authenticated:
                return self.handle_anonymous(request)
            raise
        return super().dispatch(request, *args, **kwargs)

    def get_object_permission(self):
        return self.object_permission

    def handle_anonymous(self, request):
        return redirect_to_login(request.get_full_path())

    def get_queryset(self):
        if self.visible_to is None:
            raise ImproperlyConfigured(f"{type(self).__name__} needs visible_to, a function of the app's rules.py.")
        return self.visible_to(self.request.user)

    def get_object(self, queryset=None):
        """The object of the URL (fetched once). `queryset` is ignored: the object always comes from get_queryset."""
        if not hasattr(self, "_visible_object"):
            lookup = {field: self.kwargs[keyword] for field, keyword in self.url_lookup.items()}
            found = self.get_queryset().filter(**lookup).first()
            if found is None:
                raise Http404
            permission = self.get_object_permission()
            if permission and not self.request.user.has_perm(permission, found):
                raise PermissionDenied
            self._visible_object = found
        return self._visible_object

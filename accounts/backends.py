"""What the sign-in backends share: Django's permission lookups only for the permissions Django can grant."""

import functools

from django.apps import apps
from django.contrib.auth import get_permission_codename


@functools.cache
def model_permissions():
    """The permissions Django creates a row for, "app_label.codename": each model's add, change, delete and view,
    and those of its `Meta.permissions`. Only these can be granted to a user or a group (in the admin)."""
    return frozenset(
        f"{model._meta.app_label}.{codename}"
        for model in apps.get_models()
        for codename in [get_permission_codename(action, model._meta) for action in model._meta.default_permissions]
        + [codename for codename, _name in model._meta.permissions]
    )


class ModelPermissionsMixin:
    """For a ModelBackend: a permission no user or group can be granted is refused without looking up the user's.

    The portal's own permissions are django-rules' (meetings.manage, meetings.read_drafts, ...), answered by
    rules.permissions.ObjectPermissionBackend; Django asks every backend in turn, and ModelBackend would load the
    user's and their groups' permissions (two queries a request) only to find that none is one of these."""

    def has_perm(self, user_obj, perm, obj=None):
        if perm not in model_permissions():
            return False
        return super().has_perm(user_obj, perm, obj=obj)

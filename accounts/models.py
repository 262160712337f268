from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in: secretariat staff, or a focal point of exactly one member State.

    Administrators are superusers; they may also carry a role.
    """

    class Role(models.TextChoices):
        SECRETARIAT = "secretariat", _("Secretariat")
        FOCAL_POINT = "focal_point", _("Focal point of a member State")

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.FOCAL_POINT)
    member_state = models.ForeignKey(
        "meetings.MemberState",
        verbose_name=_("member State"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="focal_points",
        help_text=_("Required for focal points; empty for secretariat staff."),
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role="secretariat", member_state__isnull=True) | Q(role="focal_point", member_state__isnull=False)
                )
                | Q(is_superuser=True),
                name="user_role_matches_member_state",
                violation_error_message=_("A focal point needs a member State; secretariat staff have none."),
            )
        ]

    def __str__(self):
        full_name = self.get_full_name()
        return f"{full_name} ({self.username})" if full_name else self.username

    @property
    def is_secretariat(self):
        return self.is_active and (self.is_superuser or self.role == self.Role.SECRETARIAT)

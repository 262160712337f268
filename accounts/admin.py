from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin as OTPStaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin as OTPTOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from honlac.admin_columns import short_column

from . import mail, services
from .audit import action_label, log_action
from .models import AuditEvent, OutgoingEmail, User
from .reauth import ReauthAdminMixin, reauth_required
from .signin import AdminSignInForm

# The admin's own sign-in page refuses what the portal's refuses (password sign-in off for the staff).
admin.site.login_form = AdminSignInForm


def _access(user, *, groups, permissions):
    """What a user may do in the portal, as plain data for the audit trail."""
    return {
        "role": user.role,
        "member_state": user.member_state.code if user.member_state_id else None,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "is_active": user.is_active,
        "groups": sorted(groups.values_list("name", flat=True)),
        "user_permissions": sorted(
            f"{app_label}.{codename}"
            for app_label, codename in permissions.values_list("content_type__app_label", "codename")
        ),
    }


@admin.register(User)
class UserAdmin(ReauthAdminMixin, DjangoUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "role", "member_state", "is_active", "is_superuser"]
    list_filter = ["role", "is_active", "is_superuser", "member_state__region", "member_state"]
    search_fields = ["username", "email", "first_name", "last_name", "member_state__name"]
    list_select_related = ["member_state"]
    autocomplete_fields = ["member_state"]
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("Role in the portal"), {"fields": ("title", "role", "member_state", "preferred_language")}),
    )
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (
        (
            _("Role in the portal"),
            {"fields": ("title", "first_name", "last_name", "email", "role", "member_state", "preferred_language")},
        ),
    )

    @method_decorator(reauth_required)
    def user_change_password(self, request, id, form_url=""):
        """Django's page where an administrator sets a user's password, or turns password sign-in off for them; the
        change is recorded and the user told by email."""
        before = User.objects.filter(pk=unquote(id)).values_list("password", flat=True).first()
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and before is not None:
            user = User.objects.get(pk=unquote(id))
            if user.password != before:
                how = "set_by_admin" if user.has_usable_password() else "turned_off_by_admin"
                services.record_password_change(user, how=how, by=request.user, request=request)
        return response

    def save_model(self, request, obj, form, change):
        """Save the user; a new user, or a change of role, State, status, groups or permissions, goes to the
        audit trail with the values before and after (in the admin's transaction)."""
        before = None
        if change:
            old = User.objects.select_related("member_state").get(pk=obj.pk)
            before = _access(old, groups=old.groups.all(), permissions=old.user_permissions.all())
        super().save_model(request, obj, form, change)
        # Groups and permissions are saved after the user (save_related): take them from the form.
        data = form.cleaned_data
        after = _access(
            obj,
            groups=data["groups"] if "groups" in data else obj.groups.all(),
            permissions=data["user_permissions"] if "user_permissions" in data else obj.user_permissions.all(),
        )
        changed = [key for key in after if before is None or before[key] != after[key]]
        if not changed:
            return
        details = {"before": {key: before[key] for key in changed} if before else {}}
        details["after"] = {key: after[key] for key in changed}
        if not change:
            details["added"] = True
        log_action(obj, "user.permissions_changed", by=request.user, request=request, data=details)


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(ReauthAdminMixin, DjangoGroupAdmin):
    pass


class SecondFactorAdminMixin(ReauthAdminMixin):
    """A user's authenticator app or recovery codes, in django-otp's admin: opening, adding, changing or deleting
    one asks to confirm it's you, and a deletion is recorded and told to its owner by email."""

    def delete_model(self, request, obj):
        services.remove_second_factor(obj, by=request.user, request=request)

    def delete_queryset(self, request, queryset):
        for device in queryset.select_related("user"):
            services.remove_second_factor(device, by=request.user, request=request)


admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(SecondFactorAdminMixin, OTPTOTPDeviceAdmin):
    pass


@admin.register(StaticDevice)
class StaticDeviceAdmin(SecondFactorAdminMixin, OTPStaticDeviceAdmin):
    pass


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit trail, to read only: events are never added, changed or deleted by hand."""

    list_display = ["at", "actor_name", "action_label", "content_type", "short_target", "ip_address"]
    list_filter = ["action", "content_type"]
    search_fields = ["actor_name", "target", "action"]
    list_select_related = ["content_type"]
    date_hierarchy = "at"
    fields = ["at", "actor", "actor_name", "action", "content_type", "object_id", "target", "details", "ip_address"]
    readonly_fields = fields
    short_target = short_column("target", _("object"), length=40, ordering="target")

    @admin.display(description=_("What"))
    def action_label(self, event):
        return action_label(event.action)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """The outbox, to read: messages are written by the portal's actions and sent by the background sender."""

    list_display = ["created_at", "to", "short_subject", "language", "status", "attempts", "sent_at"]
    list_filter = ["status", "language", "run__kind"]
    search_fields = ["to", "subject", "recipient__username", "recipient__last_name"]
    date_hierarchy = "created_at"
    fields = [
        "to",
        "recipient",
        "language",
        "subject",
        "body",
        "attachments",
        "run",
        "status",
        "attempts",
        "error",
        "created_at",
        "claimed_at",
        "sent_at",
    ]
    readonly_fields = fields
    short_subject = short_column("subject", _("subject"), ordering="subject")
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Nothing of a queued email is edited (its page is read-only); "Send again" needs the permission.
        return obj is None and super().has_change_permission(request)

    @admin.action(description=_("Send again"), permissions=["change"])
    def send_again(self, request, queryset):
        count = mail.requeue(queryset)
        self.message_user(
            request,
            ngettext("%(count)s failed email was queued again.", "%(count)s failed emails were queued again.", count)
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )

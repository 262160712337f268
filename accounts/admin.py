from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "role", "member_state", "is_active", "is_superuser"]
    list_filter = ["role", "is_active", "is_superuser", "member_state__region", "member_state"]
    search_fields = ["username", "email", "first_name", "last_name", "member_state__name"]
    list_select_related = ["member_state"]
    autocomplete_fields = ["member_state"]
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("Role in the portal"), {"fields": ("role", "member_state", "preferred_language")}),
    )
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (
        (_("Role in the portal"), {"fields": ("email", "role", "member_state", "preferred_language")}),
    )

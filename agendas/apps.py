from django.apps import AppConfig


class AgendasConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "agendas"

    def ready(self):
        from meetings.documents import register_printer

        from .documents import organization_note_html

        register_printer("organization_note", organization_note_html)

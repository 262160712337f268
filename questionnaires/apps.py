from django.apps import AppConfig


class QuestionnairesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "questionnaires"

    def ready(self):
        from meetings.documents import register_printer

        from .documents import transmittal_note_html

        register_printer("transmittal_note", transmittal_note_html, in_background=True)

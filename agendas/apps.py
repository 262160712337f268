from django.apps import AppConfig


class AgendasConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "agendas"

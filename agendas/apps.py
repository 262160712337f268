from django.apps import AppConfig


class AgendasConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "agendas"

    def ready(self):
        # The host State chosen on a meeting's form accepts its offer (meetings cannot import agendas).
        from meetings.services import host_state_chosen

        from . import hosting

        host_state_chosen.connect(hosting.answer_host_state_chosen, dispatch_uid="agendas.hosting")

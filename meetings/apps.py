from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "meetings"

    def ready(self):
        # Content in Chinese is "zh", as in UN symbols and the fields' names (title_zh); Django knows only its
        # scripts ("zh-hans"). Its name is "Chinese", as the UN writes it, translated by the portal's catalogs.
        from django.conf.locale import LANG_INFO

        LANG_INFO.setdefault("zh", {"bidi": False, "code": "zh", "name": "Chinese", "name_local": "中文"})

from django.contrib import admin
from django.urls import include, path

from accounts.audit_views import AuditTrailView
from meetings import urls as meetings_urls

from .views import HomeView, health

# The admin's list pages keep their columns in view at 1280 px without the side menu: the index and the
# breadcrumbs lead to every model.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    # The home keeps the name it has always had, "meetings:home", though it shows the tasks of every app.
    path("", include(([path("", HomeView.as_view(), name="home"), *meetings_urls.urlpatterns], "meetings"))),
    path("", include("questionnaires.urls")),
    path("", include("agendas.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("audit/", AuditTrailView.as_view(), name="audit_trail"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("health/", health, name="health"),
    path("admin/", admin.site.urls),
]
handler400 = "honlac.views.bad_request"
handler500 = "honlac.views.server_error"

"""The project's URLs, plus the floor views under /bench/floor/<page>/ when the environment has HONLAC_BENCH=1."""

import os

from django.urls import path

from honlac import urls as project_urls

from . import floors

handler400 = project_urls.handler400
handler500 = project_urls.handler500

urlpatterns = list(project_urls.urlpatterns)
if os.environ.get("HONLAC_BENCH") == "1":
    urlpatterns.append(path("bench/floor/<slug:page>/", floors.floor, name="bench_floor"))

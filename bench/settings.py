"""Settings of the benchmarks: the project's own, with a URLconf that adds the floor views (see bench.urls)."""

import warnings

from honlac.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# The bench serves no static file (no collectstatic): WhiteNoise's warning about the missing folder is noise.
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)

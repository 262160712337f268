# The two commands of the Quick start: `make run` and `make test`. Both set up everything on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed

.PHONY: run test bench scale install messages lint format check clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

messages: install
	$(PY) manage.py compilemessages --ignore=.venv -v0

# The demo runs in development mode, without the second factor (the demo accounts have none).
DEMO_ENV := DJANGO_DEBUG=true HONLAC_REQUIRE_2FA=false

run: messages
	$(DEMO_ENV) $(PY) manage.py migrate --no-input
	$(DEMO_ENV) $(PY) manage.py load_demo
	# The worker prints long documents and sends mail in the background. Started again whenever it exits (a crash,
	# a kill); stopped with the server: the loop, told to stop, stops the worker it runs. Without the reloader, whose
	# child would outlive a killed parent; after a change of code, the worker is restarted by hand (kill it).
	( trap 'kill $$child 2>/dev/null; exit 0' TERM; \
	  while :; do \
	    $(DEMO_ENV) $(PY) manage.py run_worker --no-reload & child=$$!; wait $$child; \
	    echo "The worker stopped (exit $$?); starting it again in 2 s." >&2; sleep 2; \
	  done ) & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEMO_ENV) $(PY) manage.py runserver 127.0.0.1:8000

test: messages
	$(BIN)/ruff check .
	$(PY) manage.py makemigrations --check --dry-run
	$(BIN)/pytest

# The benchmarks of README "Benchmarks", on a PostgreSQL database of their own, dropped and created each run.
BENCH_DATABASE := honlac_bench
# The bench runs without DEBUG, as production does, with a key of its own made for the run.
BENCH_ENV := DATABASE_URL=postgres://postgres@127.0.0.1:5432/$(BENCH_DATABASE) DJANGO_ALLOWED_HOSTS=127.0.0.1 \
	DJANGO_SECRET_KEY=$(shell $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')

# The bench's last measure runs two nodes behind HAProxy (bench/scale.py), installed as CI installs Chromium; their
# shared cache is the local Redis (127.0.0.1:6379).
HAPROXY := command -v haproxy >/dev/null || { apt-get update -qq && apt-get install -y -qq haproxy; }

bench: messages
	$(HAPROXY)
	dropdb -h 127.0.0.1 -U postgres --if-exists --force $(BENCH_DATABASE)
	createdb -h 127.0.0.1 -U postgres $(BENCH_DATABASE)
	$(BENCH_ENV) $(PY) manage.py migrate --no-input -v0
	$(BENCH_ENV) $(PY) -m bench.run

# The scale-out measure alone (README "Running on several nodes"), on a database of its own.
SCALE_DATABASE := honlac_scale
SCALE_ENV := DATABASE_URL=postgres://postgres@127.0.0.1:5432/$(SCALE_DATABASE) DJANGO_ALLOWED_HOSTS=127.0.0.1 \
	DJANGO_SECRET_KEY=$(shell $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')

scale: messages
	$(HAPROXY)
	dropdb -h 127.0.0.1 -U postgres --if-exists --force $(SCALE_DATABASE)
	createdb -h 127.0.0.1 -U postgres $(SCALE_DATABASE)
	$(SCALE_ENV) $(PY) manage.py migrate --no-input -v0
	$(SCALE_ENV) $(PY) -m bench.scale

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles

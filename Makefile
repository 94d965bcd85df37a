# UNCAC technical-assistance analysis: the dependency graph raw -> processed -> reports.
# `make help` lists the targets. DATA_DIR and REPORTS_DIR may point outside the repository (confidential data).
.DEFAULT_GOAL := help
SHELL := /bin/bash
.DELETE_ON_ERROR:

PYTHON_SYS ?= python3
UV_VERSION := 0.13.8
VENV ?= .venv
PY := $(VENV)/bin/python
DATA_DIR ?= data
# restricted: every report, for the secretariat; public: only what may be published (small cells suppressed, no
# State-level table, no matrix, briefs only with the State's recorded consent). Each build has its own folder.
BUILD ?= restricted
REPORTS_DIR ?= reports/$(BUILD)
# GNU make cannot name a file whose path holds a space: such a DATA_DIR or REPORTS_DIR is reached through a symlink without
# one, .paths/<hash of its absolute path> (git-ignored); a reports folder's link comes with one to its .work folder beside
# it, so that the build's working folder stays beside the reports (on their file system).
LINK_PATH = p="$$(realpath -m -- '$(1)')" && l=.paths/$$(printf %s "$$p" | sha256sum | cut -c1-16) && mkdir -p .paths $(2) && ln -sfn "$$p" "$$l"
DATA_DIR_GIVEN := $(DATA_DIR)
ifneq ($(word 2,$(DATA_DIR)),)
override DATA_DIR := $(shell $(call LINK_PATH,$(DATA_DIR)) && echo "$$l")
endif
ifneq ($(word 2,$(REPORTS_DIR)),)
override REPORTS_DIR := $(shell $(call LINK_PATH,$(REPORTS_DIR),"$$p" "$$p.work") && ln -sfn "$$p.work" "$$l.work" && echo "$$l")
endif
# The languages the documents (background papers, regional analyses, country briefs) are written in, English first:
# make reports LANGUAGES="en fr es". A language is one with a catalog in lib/present/locales.
LANGUAGES ?= en
# Notebooks run at once: one per CPU plus one, which keeps the CPUs busy while kernels start and stop.
JOBS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) + 1 )))
RAW := $(DATA_DIR)/raw
PROCESSED := $(DATA_DIR)/processed

# A mistyped DATA_DIR or BUILD stops make at once, with one sentence, before any recipe runs or any folder is made
# (checked while the Makefile is read, and only for the goals that need them: `make help` and `make test` do not).
DATA_GOALS := data reports _reports report _report experts sample
ifneq ($(filter $(DATA_GOALS),$(MAKECMDGOALS)),)
ifeq ($(wildcard $(RAW)/reference/.),)
$(error DATA_DIR=$(DATA_DIR_GIVEN) has no raw/reference folder: point DATA_DIR at a folder laid out like data/ (raw/reference/, raw/self_assessment/); nothing was done)
endif
endif
ifneq ($(filter reports _reports report _report,$(MAKECMDGOALS)),)
ifeq ($(filter restricted public,$(BUILD)),)
$(error BUILD=$(BUILD) is not a build: use BUILD=restricted (everything, the default) or BUILD=public (what may be published); nothing was done)
endif
endif

VENV_STAMP := $(VENV)/.installed-stamp
EXPERTS_DB := $(PROCESSED)/experts.sqlite
EXPERT_INPUTS := $(wildcard $(RAW)/experts/*.xlsx $(RAW)/experts/*.yaml $(RAW)/experts/*.yml $(RAW)/experts/*.json $(RAW)/reference/*.csv)
LAB_STAMP := $(VENV)/.lab-stamp
DATA_STAMP := $(PROCESSED)/.ingest-stamp
# The build's working folder sits beside the reports folder, never in it: the queue of stale reports, the lock that lets one
# build run at a time, scratch, failed notebooks, and a public build's reports staged until their audit passes.
WORK_DIR := $(REPORTS_DIR).work
QUEUE := $(WORK_DIR)/queue
# The languages of the last build of this folder: a change rebuilds the documents (the stamp changes only then).
LANGUAGES_STAMP := $(WORK_DIR)/languages

RAW_INPUTS := $(wildcard $(RAW)/self_assessment/*.csv $(RAW)/self_assessment/*.xlsx $(RAW)/self_assessment/*.md $(RAW)/reference/*.csv \
                $(RAW)/ta_activities/*.csv $(RAW)/ta_activities/*.xlsx $(RAW)/ta_activities/*.xml $(RAW)/ta_activities/*.md \
                $(RAW)/peer_review/*.csv $(RAW)/peer_review/*.xlsx $(RAW)/peer_review/*.md)
# The code each step runs, by layer (lib/io, lib/model, lib/analysis, lib/present, lib/pipeline): a change anywhere in a
# layer a step imports re-runs the step (tests/test_layers.py checks that the reports import nothing outside REPORT_LIB).
IO_LIB := $(wildcard lib/io/*.py lib/io/*.sql)
INGEST_LIB := $(IO_LIB)
PROCESSED_FILES := $(addprefix $(PROCESSED)/,states.parquet state_names.parquet checklist.parquet ta_forms.parquet names.parquet meetings.parquet \
                   resolutions.parquet \
                   sa_answers.parquet sa_answer_forms.parquet ta_activities.parquet ta_activity_targets.parquet \
                   reconciliation.csv manifest.json)
# The peer review tables: the review reports read them, and the background paper (the Working Group's register).
REVIEW_FILES := $(addprefix $(PROCESSED)/,review_mechanisms.parquet review_cycles.parquet review_membership.parquet \
                review_vocabulary.parquet review_events.parquet recommendations.parquet recommendation_assessments.parquet \
                rejects.csv)
# The data-quality annex of the background paper: submissions none of whose rows was accepted, values flagged in kept rows.
QUALITY_FILES := $(addprefix $(PROCESSED)/,rejected_submissions.csv flags.csv)
# The catalogs hold every sentence a report states: editing one re-runs the reports (the .po is read when no fresher .mo is).
CATALOGS := $(wildcard lib/present/locales/*/LC_MESSAGES/messages.po)
REPORT_LIB := $(IO_LIB) $(wildcard lib/model/*.py lib/analysis/*.py lib/present/*.py) $(CATALOGS) lib/pipeline/driver.py lib/pipeline/engine.py \
              lib/pipeline/plan.py $(wildcard templates/offline/*)
# Which reports a data folder calls for depends on who responded by each cut-off, known after the ingest: the
# ingest's output generates reports-BUILD.mk (REPORT_IDS and each country brief's own inputs), and make re-reads it.
REPORTS_MK := $(PROCESSED)/reports-$(BUILD).mk
ifneq ($(filter _reports,$(MAKECMDGOALS)),)
include $(REPORTS_MK)
endif
REPORT_HTML := $(addprefix $(REPORTS_DIR)/,$(addsuffix .html,$(REPORT_IDS)))
# A public build suppresses the counts its reports would disclose, decided once over all of them (lib.analysis.suppression): every
# public report depends on that plan, which depends on the data and the consents (restricted builds need none).
SUPPRESSION_PLAN := $(PROCESSED)/suppression-public.csv
PUBLIC_PLAN := $(if $(filter public,$(BUILD)),$(SUPPRESSION_PLAN))
# A country brief reads its State's and its group's answers (by_state/, by_group/), the reference tables and the supply.
BRIEF_INPUTS := $(addprefix $(PROCESSED)/,states.parquet state_names.parquet checklist.parquet ta_forms.parquet meetings.parquet resolutions.parquet \
                ta_activities.parquet ta_activity_targets.parquet)

.PHONY: help venv sample data reports _reports report _report experts lint catalogs check test FORCE lab hooks bench clean distclean lock

help: ## Show this list of targets
	@echo "UNCAC technical-assistance reports. Usage: make TARGET [DATA_DIR=...] [REPORTS_DIR=...] [BUILD=restricted|public] [JOBS=n]"
	@grep -hE '^[a-z][a-zA-Z_-]*:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  %-10s %s\n", $$1, $$2}'

venv: $(VENV_STAMP) ## Create the project virtualenv from the pinned lock (uv, compiled bytecode) and its kernel

# A conda environment made from environment.yml is used as it is: make ... VENV=$$CONDA_PREFIX
$(VENV_STAMP): requirements.lock pyproject.toml
	@if [ -d "$(VENV)/conda-meta" ]; then echo "Using the conda environment $(VENV) (environment.yml)."; else \
	  echo "Setting up the Python environment in $(VENV) from the pinned lock (once; about a minute)..."; \
	  set -e; $(PYTHON_SYS) -m venv $(VENV); \
	  $(VENV)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION); \
	  $(VENV)/bin/uv pip install --quiet --python $(PY) --compile-bytecode -r requirements.lock; \
	  $(VENV)/bin/uv pip install --quiet --python $(PY) --no-deps -e .; fi
	$(PY) -m ipykernel install --sys-prefix --name uncac-ta --display-name "Python 3 (uncac-ta)" > /dev/null
	@touch $@

sample: $(VENV_STAMP) ## Regenerate the committed synthetic sample (seeded, so nothing changes unless the generator did)
	$(PY) -m lib.sample.synthetic --data-dir $(DATA_DIR)

data: $(DATA_STAMP) ## Validate the raw exports into processed parquet, rejects.csv and the reconciliation

# The list of raw files is a prerequisite too: an export removed or renamed changes it (its modification time cannot).
INPUTS_LIST := $(PROCESSED)/.raw-inputs
ifneq ($(filter data _reports _report experts,$(MAKECMDGOALS)),)
  $(shell mkdir -p "$(PROCESSED)")
  ifneq ($(strip $(file < $(INPUTS_LIST))),$(strip $(sort $(RAW_INPUTS))))
    $(file > $(INPUTS_LIST),$(sort $(RAW_INPUTS)))
  endif
endif

# Builds of two folders may share one data folder: its writers take turns (flock).
$(DATA_STAMP): $(RAW_INPUTS) $(INPUTS_LIST) $(INGEST_LIB) | $(VENV_STAMP)
	@mkdir -p $(PROCESSED)
	@echo "Reading and checking the raw data of $(DATA_DIR_GIVEN)..."
	@flock "$(PROCESSED)/.lock" $(PY) -m lib.io.ingest --data-dir $(DATA_DIR)
	@touch $@

# The ingest rewrites a processed file only when its content changes, so reports rebuild only then.
$(PROCESSED_FILES) $(REVIEW_FILES) $(QUALITY_FILES): $(DATA_STAMP) ;
$(PROCESSED)/by_state/%.sha: $(DATA_STAMP) ;
$(PROCESSED)/by_group/%.sha: $(DATA_STAMP) ;

$(REPORTS_MK): $(DATA_STAMP) lib/pipeline/plan.py $(wildcard $(RAW)/reference/publication_consent.csv) $(PUBLIC_PLAN) | $(VENV_STAMP)
	@$(PY) -m lib.pipeline.plan makefile "$(RAW)" --build "$(BUILD)" > $@.$$$$.tmp && mv $@.$$$$.tmp $@

# One build at a time on a reports folder: a second `make reports` waits for the first (its queue is the first's otherwise).
reports: | $(VENV_STAMP) ## Build every report (HTML + CSV tables, .xlsx/.ics exports) and the index into reports/BUILD; only what is stale
	@mkdir -p "$(WORK_DIR)"
	@flock -n "$(WORK_DIR)/lock" true || echo "make reports: another build of $(REPORTS_DIR) is running; waiting for it to finish." >&2
	@flock "$(WORK_DIR)/lock" $(MAKE) --no-print-directory _reports

report: | $(VENV_STAMP) ## Build exactly one report (stale or not) and the index: make report ID=regional_needs--AFR--wg-ta-2009-09
	@test -n "$(ID)" || { echo "make report: say which one, e.g. make report ID=background_paper--wg-ta-2009-09 (make reports builds them all)." >&2; exit 2; }
	@mkdir -p "$(WORK_DIR)"
	@flock "$(WORK_DIR)/lock" $(MAKE) --no-print-directory _report ID="$(ID)"

_report: $(DATA_STAMP) $(EXPERTS_DB) $(PUBLIC_PLAN) | $(VENV_STAMP)
	@$(PY) -m lib.pipeline.plan check "$(RAW)" "$(ID)" --build "$(BUILD)"
	@status=0; $(PY) -m lib.pipeline.driver "$(ID)" --data-dir "$(DATA_DIR)" --reports-dir "$(REPORTS_DIR)" --jobs 1 --build "$(BUILD)" --languages "$(LANGUAGES)" || status=$$?; \
	 $(PY) -m lib.pipeline.site "$(REPORTS_DIR)" --quiet-if-unchanged --raw-dir "$(RAW)" --build "$(BUILD)" && exit $$status

_reports: $(REPORT_HTML) | $(VENV_STAMP)
	@test -n "$(REPORT_IDS)" || { echo "make reports: no report to build: $(RAW)/reference/meetings.csv is missing or empty." >&2; exit 2; }
	@status=0; if [ -s "$(QUEUE)" ]; then \
	   $(PY) -m lib.pipeline.driver --queue "$(QUEUE)" --data-dir "$(DATA_DIR)" --reports-dir "$(REPORTS_DIR)" --jobs $(JOBS) --build "$(BUILD)" --languages "$(LANGUAGES)" || status=$$?; \
	 fi; \
	 $(PY) -m lib.pipeline.site "$(REPORTS_DIR)" --quiet-if-unchanged --raw-dir "$(RAW)" --build "$(BUILD)" && exit $$status

$(LANGUAGES_STAMP): FORCE
	@mkdir -p "$(@D)"; echo "$(LANGUAGES)" | cmp -s - "$@" || echo "$(LANGUAGES)" > "$@"
FORCE:

# The recipe of a stale report: queue its id for the driver (under `make reports`); asked for directly, the page is not
# built by make alone, so say how to build it instead of reporting success.
define queue_report
	@if [ -n "$(filter _reports,$(MAKECMDGOALS))" ]; then mkdir -p "$(WORK_DIR)" && echo "$(1)" >> "$(QUEUE)"; \
	 else echo "make: build a report with make report ID=$(1) (or every stale one with make reports)." >&2; exit 2; fi
endef

# A stale report's recipe only queues its id (the HTML file is written by the driver, never touched here); the
# `reports` recipe then executes the whole queue in one driver process (pre-imported libraries, one exporter).
$(REPORTS_DIR)/background_paper--%.html: notebooks/background_paper.ipynb $(LANGUAGES_STAMP) $(REPORT_LIB) $(PUBLIC_PLAN) $(PROCESSED_FILES) $(REVIEW_FILES) $(QUALITY_FILES) | $(VENV_STAMP)
	$(call queue_report,background_paper--$*)

$(REPORTS_DIR)/regional_needs--%.html: notebooks/regional_needs.ipynb $(LANGUAGES_STAMP) $(REPORT_LIB) $(PUBLIC_PLAN) $(PROCESSED_FILES) | $(VENV_STAMP)
	$(call queue_report,regional_needs--$*)

$(REPORTS_DIR)/country_brief--%.html: notebooks/country_brief.ipynb $(LANGUAGES_STAMP) $(REPORT_LIB) $(PUBLIC_PLAN) $(BRIEF_INPUTS) $(EXPERTS_DB) | $(VENV_STAMP)
	$(call queue_report,country_brief--$*)

$(REPORTS_DIR)/expert_pool--%.html: notebooks/expert_pool.ipynb $(REPORT_LIB) $(PUBLIC_PLAN) $(PROCESSED_FILES) $(EXPERTS_DB) | $(VENV_STAMP)
	$(call queue_report,expert_pool--$*)

$(REPORTS_DIR)/ta_matrix--%.html: notebooks/ta_matrix.ipynb $(REPORT_LIB) $(PUBLIC_PLAN) $(PROCESSED_FILES) | $(VENV_STAMP)
	$(call queue_report,ta_matrix--$*)

$(REPORTS_DIR)/review_coordination--%.html: notebooks/review_coordination.ipynb $(REPORT_LIB) $(PUBLIC_PLAN) $(REVIEW_FILES) $(PROCESSED)/states.parquet $(PROCESSED)/state_names.parquet | $(VENV_STAMP)
	$(call queue_report,review_coordination--$*)

$(REPORTS_DIR)/recommendations_followup--%.html: notebooks/recommendations_followup.ipynb $(REPORT_LIB) $(PUBLIC_PLAN) $(REVIEW_FILES) $(PROCESSED_FILES) | $(VENV_STAMP)
	$(call queue_report,recommendations_followup--$*)

# The plan rewrites its file only when a decision changes, so public reports rebuild only then.
# A public build is a release: the register of releases (DATA_DIR/releases/, kept with the data, never cleaned) is part of
# what the plan protects against, so a new release re-plans.
RELEASE_REGISTER := $(wildcard $(DATA_DIR)/releases/register.csv)
$(SUPPRESSION_PLAN): $(DATA_STAMP) $(IO_LIB) $(wildcard lib/model/*.py lib/analysis/*.py) $(wildcard $(RAW)/reference/publication_consent.csv) $(RELEASE_REGISTER) | $(VENV_STAMP)
	flock "$(PROCESSED)/.lock" $(PY) -m lib.analysis.suppression --data-dir $(DATA_DIR)

experts: $(EXPERTS_DB) ## Rebuild the directory of experts (SQLite) from the CVs in raw/experts, with rejects and reconciliation

$(EXPERTS_DB): $(EXPERT_INPUTS) $(IO_LIB) | $(VENV_STAMP)
	@mkdir -p $(PROCESSED)
	flock "$(PROCESSED)/.lock" $(PY) -m lib.io.experts build --data-dir $(DATA_DIR)

# The checks of .pre-commit-config.yaml, the same commands: CI fails on what a commit hook would have refused.
lint: $(VENV_STAMP) ## Check the code: ruff (lint and format), the types of lib/ (mypy), notebooks without outputs, the layers of lib/, catalogs
	$(VENV)/bin/ruff check --quiet .
	$(VENV)/bin/ruff format --check --quiet .
	$(VENV)/bin/mypy
	$(VENV)/bin/nbstripout --keep-id --verify notebooks/*.ipynb
	$(VENV)/bin/lint-imports --no-cache --no-logo
	$(PY) -m lib.pipeline.catalogs

# The messages: extracted from lib/ into the template (no line numbers, so moving code changes nothing), merged into each
# language's catalog (a changed message comes back fuzzy: `make lint` fails until a translator confirms it), compiled.
LOCALES := lib/present/locales
catalogs: $(VENV_STAMP) ## Extract the messages of lib/ into the template, merge them into each language's catalog, compile them
	$(VENV)/bin/pybabel -q extract -F $(LOCALES)/babel.cfg --no-location --sort-output --project "UNCAC technical assistance" \
	  --copyright-holder "United Nations" --msgid-bugs-address "" -o $(LOCALES)/messages.pot .
	$(VENV)/bin/pybabel -q update -i $(LOCALES)/messages.pot -d $(LOCALES) --ignore-obsolete
	$(VENV)/bin/pybabel compile --statistics -d $(LOCALES)

# The inner loop while changing code: the checks a change most often fails, in under a minute. `make test` (what CI runs)
# adds the notebooks, the catalogs, the import contracts and every end-to-end test.
check: $(VENV_STAMP) ## The inner loop, under a minute: ruff, the type checker (mypy) and the unit tests; make test runs everything
	$(VENV)/bin/ruff check --quiet .
	$(VENV)/bin/ruff format --check --quiet .
	$(VENV)/bin/mypy
	$(PY) -m pytest tests -m "not integration" -o addopts="-ra" -q -p no:cacheprovider

test: lint ## Install what is needed, check the code (make lint), then run the whole test suite (unit, notebooks, end to end)
	$(PY) -m pytest

# JupyterLab serves the repository (notebooks/, lib/, docs/) and opens its file browser on notebooks/; new notebooks get
# the project kernel. LAB_ARGS reaches JupyterLab as it is: --allow-root in a container, --port, --no-browser, --ip.
LAB_ARGS ?=
lab: $(LAB_STAMP) ## Open JupyterLab at the repository root, notebooks/ first, on the project kernel; options: LAB_ARGS="--allow-root --port 8899"
	$(VENV)/bin/jupyter lab --ServerApp.root_dir="$(CURDIR)" --FileContentsManager.preferred_dir=notebooks \
	  --MappingKernelManager.default_kernel_name=uncac-ta $(LAB_ARGS)

$(LAB_STAMP): requirements-lab.lock $(VENV_STAMP)
	$(VENV)/bin/uv pip install --quiet --python $(PY) --compile-bytecode -r requirements-lab.lock
	@# rfc3987-syntax (pulled in by JupyterLab) adds ~3 s to every nbformat import; JupyterLab runs without it
	$(VENV)/bin/uv pip uninstall --quiet --python $(PY) rfc3987-syntax
	@touch $@

hooks: $(LAB_STAMP) ## Install the commit hooks of .pre-commit-config.yaml (ruff, nbstripout, the layers) into .git/hooks
	$(VENV)/bin/pre-commit install

bench: $(VENV_STAMP) ## Time the full build, a no-op build, each report, the plain-Python floor, and a scaled-up data set
	$(PY) -m lib.pipeline.bench

lock: ## Re-resolve requirements.lock and requirements-lab.lock from the top-level pins (needs the venv)
	$(VENV)/bin/uv pip compile requirements.txt --universal --python-version 3.11 -o requirements.lock -q
	$(VENV)/bin/uv pip compile requirements-lab.txt -c requirements.lock --universal --python-version 3.11 -o requirements-lab.lock -q

clean: ## Remove processed data and built reports (raw data and the venv stay)
	rm -rf $(PROCESSED)/*.parquet $(PROCESSED)/*.csv $(PROCESSED)/*.json $(PROCESSED)/*.sqlite $(PROCESSED)/by_state $(PROCESSED)/by_group \
	       $(PROCESSED)/reports-*.mk $(DATA_STAMP) $(REPORTS_DIR)/*.html \
	       $(REPORTS_DIR)/*--*/ $(REPORTS_DIR)/index.csv $(REPORTS_DIR)/.build $(WORK_DIR) $(INPUTS_LIST) $(PROCESSED)/.lock

distclean: clean ## Also remove the virtualenv
	rm -rf $(VENV)

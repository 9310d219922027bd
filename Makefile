# Build and test gates of the ipro.camera collection. `make test` on a fresh clone does the
# whole set-up: it creates .venv, links the collection and runs every gate.

PYTHON ?= python3
VENV := .venv
VENV_BIN := $(CURDIR)/$(VENV)/bin
VENV_STAMP := $(VENV)/.requirements-test.stamp

# ansible.cfg sets collections_path = .cache/collections, so this link makes the clone importable
# as ipro.camera.
COLLECTION_LINK := .cache/collections/ansible_collections/ipro/camera

# ansible-test only runs on a tree whose path ends in ansible_collections/<namespace>/<name>.
SANITY_ROOT := .cache/ansible-test/ansible_collections/ipro/camera
SANITY_PYTHON := 3.11
# Extra ansible-test options, for example: make sanity SANITY_OPTIONS='--test pep8'
SANITY_OPTIONS ?=
# The pytest harness is Python code that Ansible never loads, so the sanity tests written for
# plugins and roles skip it. pytest runs it in the unit and integration targets. ansible-test
# rejects an --exclude path that does not exist, so the recipe passes only those that do.
SANITY_EXCLUDE := tests/__init__.py tests/conftest.py tests/emulator/ tests/integration/ tests/support/ tests/unit/
ANSIBLE_TEST_CACHE := $(HOME)/.ansible/test/cache

# Each integration test that runs longer than this many seconds fails; the limit catches hangs
# and is not a performance check.
INTEGRATION_TIMEOUT := 900

# Recipes run the tools of .venv, also where a test starts ansible-playbook or ansible-test itself.
# The check keeps the sub-makes of `make test` from adding the directory again.
ifeq ($(filter $(VENV_BIN),$(subst :, ,$(PATH))),)
export PATH := $(VENV_BIN):$(PATH)
endif
export ANSIBLE_CONFIG := $(CURDIR)/ansible.cfg

.PHONY: venv collection sanity lint unit integration test demo bench clean build ee molecule docs \
	docs-check changelog

venv: $(VENV_STAMP)

# Reinstalls only when a requirements file is newer than the stamp of the last install.
$(VENV_STAMP): requirements.txt requirements-test.txt
	test -x $(VENV_BIN)/python || $(PYTHON) -m venv $(VENV)
	$(VENV_BIN)/python -m pip install --disable-pip-version-check --quiet -r requirements-test.txt
	touch $@

collection:
	@mkdir -p $(dir $(COLLECTION_LINK))
	@if [ -e $(COLLECTION_LINK) ] && [ ! -L $(COLLECTION_LINK) ]; then \
		echo "$(COLLECTION_LINK) is not a symbolic link; remove it and run make collection again" >&2; \
		exit 1; \
	fi
	ln -sfn ../../../.. $(COLLECTION_LINK)

# Copies the work tree (tracked and untracked files, less those .gitignore excludes) because
# ansible-test needs the ansible_collections/ipro/camera path, then runs the sanity tests.
# ansible-test lists the files to test with git from the nearest .git upwards. The copy gets a
# repository of its own because the clone's repository ignores .cache and so lists no file.
# ansible-test installs each test's tools into its own virtual environment under ~/.ansible/test.
# It bootstraps pip there with a get-pip.py script that it would otherwise download from a host
# outside the package registries, so the recipe puts tests/sanity/get_pip.py in its cache under
# the name of the pip version that ansible-test installs.
sanity: venv
	rm -rf $(SANITY_ROOT)
	mkdir -p $(SANITY_ROOT)
	git ls-files -z --cached --others --exclude-standard \
		| xargs -0 sh -c 'for f; do if [ -e "$$f" ]; then printf "%s\0" "$$f"; fi; done' sh \
		| tar --null --files-from=- -cf - | tar -xf - -C $(SANITY_ROOT)
	git -C $(SANITY_ROOT) init --quiet
	@pip_version=$$(sed -n "s/^ *pip='\([0-9.]*\)',\$$/\1/p" \
		$$($(VENV_BIN)/python -c 'import ansible_test, os; print(os.path.dirname(ansible_test.__file__))')/_internal/python_requirements.py); \
	if [ -z "$$pip_version" ]; then \
		echo "cannot find the pip version that ansible-test installs; update the sanity target of the Makefile" >&2; \
		exit 1; \
	fi; \
	mkdir -p $(ANSIBLE_TEST_CACHE); \
	echo "install tests/sanity/get_pip.py as $(ANSIBLE_TEST_CACHE)/get_pip_$$(echo $$pip_version | tr . _).py"; \
	cp tests/sanity/get_pip.py $(ANSIBLE_TEST_CACHE)/get_pip_$$(echo $$pip_version | tr . _).py
	cd $(SANITY_ROOT) && exclude_options=; \
	for path in $(SANITY_EXCLUDE); do \
		if [ -e $$path ]; then exclude_options="$$exclude_options --exclude $$path"; fi; \
	done; \
	ansible-test sanity --venv --python $(SANITY_PYTHON) --color no $$exclude_options $(SANITY_OPTIONS)

# ansible.cfg fails a run that parses no inventory, and ansible-lint's syntax check of each
# playbook runs ansible-playbook without one.
lint: venv collection
	ANSIBLE_INVENTORY_UNPARSED_FAILED=false ansible-lint

# pytest exits with status 5 when it collects no test, which fails this target on purpose.
unit: venv collection
	python -m pytest tests/unit

integration: venv collection
	python -m pytest -n 2 --timeout=$(INTEGRATION_TIMEOUT) tests/integration

# Molecule scenarios of the roles entry, standard and advanced, each against its own emulator.
# Settings in extensions/molecule/config.yml, playbooks in extensions/molecule/shared.
molecule: venv collection
	molecule test --all

# Module and role pages in docs/collection, generated by antsibull-docs from the documentation of
# the collection that the collection link exposes.
DOCS_DIR := docs/collection
DOCS_OPTIONS := --use-current --squash-hierarchy --output-format simplified-rst --fail-on-error \
	--no-add-antsibull-docs-version --cleanup everything

# antsibull-docs writes only into a folder that exists and that no one but its owner can write to.
docs: venv collection
	mkdir -p $(DOCS_DIR)
	chmod go-w $(DOCS_DIR)
	antsibull-docs collection $(DOCS_OPTIONS) --dest-dir $(DOCS_DIR) ipro.camera

# Lints the plugin and role documentation, then fails when docs/collection differs from what
# `make docs` would generate now.
docs-check: venv collection
	antsibull-docs lint-collection-docs --plugin-docs .
	rm -rf .cache/docs
	mkdir -p .cache/docs
	chmod go-w .cache/docs
	antsibull-docs collection $(DOCS_OPTIONS) --dest-dir .cache/docs ipro.camera
	@if ! diff -r $(DOCS_DIR) .cache/docs >/dev/null; then \
		diff -ru $(DOCS_DIR) .cache/docs | head -40; \
		echo "$(DOCS_DIR) is out of date; run make docs and commit the result" >&2; \
		exit 1; \
	fi

# Lints the changelog fragments and changelogs/changelog.yaml.
changelog: venv
	antsibull-changelog lint
	antsibull-changelog lint-changelog-yaml changelogs/changelog.yaml

# The cheap gates run first so that a broken change fails within a minute.
test:
	$(MAKE) lint
	$(MAKE) changelog
	$(MAKE) docs-check
	$(MAKE) unit
	$(MAKE) sanity
	$(MAKE) integration
	$(MAKE) molecule

# The Galaxy tarball, in build/; galaxy.yml's build_ignore lists what stays out of it.
build: venv
	rm -f build/ipro-camera-*.tar.gz
	ansible-galaxy collection build --output-path build

# The build context of the execution environment in build/ee-context. Building the image needs
# Podman or Docker, and network access to the base image, PyPI and Ansible Galaxy.
ee: build
	rm -rf build/ee-context
	ansible-builder create --context build/ee-context --output-filename Containerfile
	@echo "Build the image with: podman build -t ipro-camera-ee build/ee-context"

demo: venv collection
	./scripts/demo.sh

# Fleet sizes of the benchmark; `make bench BENCH_SIZES=5` runs a quick one. BENCH_OPTIONS takes
# more options of bench/run.py, for example BENCH_OPTIONS='--baseline-sizes 50,200'.
BENCH_SIZES ?= 50,200,500
BENCH_OPTIONS ?=

bench: venv collection
	python -m bench --sizes "$(BENCH_SIZES)" $(BENCH_OPTIONS)

# Keeps .venv; delete it by hand for a full reset.
clean:
	rm -rf .cache build tests/output .pytest_cache .ansible
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -exec rm -rf {} +

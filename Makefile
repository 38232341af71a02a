# Dockyard: `make start` runs the portal, `make test` runs everything CI runs.
# Every target does its own set-up through scripts/bootstrap.sh (Node, yarn, dependencies),
# which is a no-op when all is in place.
SHELL := /bin/bash
.DEFAULT_GOAL := help
ENV := .make-env

.PHONY: help bootstrap start test tsc lint openapi api-reports check-versions unit check show build publish require-package drift bump bump-behind e2e e2e-backend e2e-adopter pack bench bench-ingest bench-drift bench-overview

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(ENV): FORCE
	@tmp=$$(mktemp $(ENV).XXXXXX) && scripts/bootstrap.sh > $$tmp && mv $$tmp $(ENV) || { rm -f $$tmp; exit 1; }

bootstrap: $(ENV) ## Install Node, yarn and dependencies when missing

start: $(ENV) ## Run the portal: app on http://localhost:3000, backend on :7007
	@source $(ENV) && yarn start

test: tsc lint openapi api-reports check-versions check unit ## Type-check, lint, lint the REST API's OpenAPI file, check the API reports, check the Backstage release, validate the containers, run every package's tests

tsc: $(ENV) ## Type-check the whole repository
	@source $(ENV) && yarn tsc

lint: $(ENV) ## Lint every package
	@source $(ENV) && yarn backstage-cli repo lint

openapi: $(ENV) ## Lint the REST API's OpenAPI file with Backstage's rules (warnings fail too); check the router generated from it
	@source $(ENV) && yarn backstage-repo-tools repo schema openapi lint --strict
	@# validate imports the generated router.ts: Backstage's node transform lets Node load TypeScript.
	@source $(ENV) && NODE_OPTIONS=--require=@backstage/cli/config/nodeTransform.cjs \
	  yarn backstage-repo-tools repo schema openapi validate || { \
	  echo "Regenerate with: yarn workspace @dockyard/plugin-containers-backend generate-openapi" >&2; exit 1; }

# The published plugins (plugins/*; packages/cli is a command, not a library): api-extractor on
# their declarations. --tsc emits them afresh into dist-types/ (not incrementally): the member
# order of types inferred from zod differs between an incremental and a clean build, and the
# report must not. Left out, as in Backstage's own repository: undocumented members, and
# ae-wrong-input-file-type (workspace packages point `types` at src/).
API_REPORTS := yarn backstage-repo-tools api-reports --tsc --validate-release-tags \
  --omit-messages ae-undocumented,ae-wrong-input-file-type 'plugins/*'

api-reports: $(ENV) ## Check each published plugin's report.api.md against its exports (UPDATE=1 rewrites them)
ifdef UPDATE
	@source $(ENV) && $(API_REPORTS)
else
	@source $(ENV) && out=$$($(API_REPORTS) --ci 2>&1) || { echo "$$out" >&2; \
	  echo "Review the change, then update with: make api-reports UPDATE=1 (and commit the report*.api.md files)" >&2; exit 1; }
endif

check-versions: $(ENV) ## One Backstage release, pinned, each @backstage package installed once
	@source $(ENV) && node scripts/check-backstage-versions.js

unit: $(ENV) ## Run every package's tests
	@source $(ENV) && CI=true yarn backstage-cli repo test

e2e: $(ENV) ## The user journeys in Chromium against the portal as make start runs it (about 2 min; e2e-test-report/)
	@source $(ENV) && yarn workspace e2e journeys

e2e-backend: $(ENV) ## app-config.production.yaml and two backend replicas on PostgreSQL (about 4 min; a throwaway server unless DOCKYARD_POSTGRES_URL is set)
	@source $(ENV) && if [ -z "$${DOCKYARD_POSTGRES_URL:-}" ]; then \
	  eval "$$(scripts/postgres.sh start)" && trap 'scripts/postgres.sh stop' EXIT; fi && \
	  yarn workspace e2e backend

e2e-adopter: $(ENV) ## The packed plugins in two fresh create-app apps (this release, the newest), set up by the README's install section (about 11 min, yarn's cache warm; e2e-test-report/adopter/)
	@source $(ENV) && yarn workspace e2e adopter

pack: $(ENV) ## Build and pack every published package (plugins/*, packages/cli) into dist-packs/ (OUT=dir for another folder)
	@source $(ENV) && scripts/pack-packages.sh $(OUT)

check: $(ENV) ## Validate every containers/*/container.yaml (warnings fail too), the README's container table, and each container's static tests
	@source $(ENV) && yarn dockyard validate --strict && yarn dockyard readme --check && scripts/container-tests.sh

show: require-package $(ENV) ## Resolved metadata, build args and image tags of one container: make show PACKAGE=<slug>
	@source $(ENV) && yarn dockyard show $(PACKAGE) $(ARGS)

build: require-package $(ENV) ## Build one image with docker buildx: make build PACKAGE=<slug> [DRY_RUN=1]
	@source $(ENV) && yarn dockyard build $(PACKAGE) $(if $(DRY_RUN),--dry-run) $(ARGS)

publish: require-package $(ENV) ## Build, push and sign one image: make publish PACKAGE=<slug> [DRY_RUN=1]
	@source $(ENV) && yarn dockyard publish $(PACKAGE) $(if $(DRY_RUN),--dry-run) $(ARGS)

require-package:
	@if [ -z "$(PACKAGE)" ]; then \
	  echo "PACKAGE is missing: make $(firstword $(MAKECMDGOALS)) PACKAGE=<slug>, where <slug> is one of: $$(ls containers | grep -v '^[_.]' | tr '\n' ' ')" >&2; \
	  exit 2; \
	fi

bench-ingest: $(ENV) ## Benchmark catalog ingestion of N = 1,000 and 10,000 container.yaml files (several minutes)
	@source $(ENV) && LOG_LEVEL=warn node --require @backstage/cli/config/nodeTransform.cjs bench/ingest/src/run.ts $(N)

drift: $(ENV) ## Upstream version drift of every container under containers/ (ARGS="--json --fail-on behind")
	@source $(ENV) && yarn dockyard drift $(ARGS)

bump: require-package $(ENV) ## Bump one container to a version (container.yaml, Dockerfile ARGs, base image, README row): make bump PACKAGE=<slug> TO=<version> [DRY_RUN=1]
	@if [ -z "$(TO)" ]; then echo "TO is missing: make bump PACKAGE=<slug> TO=<version>" >&2; exit 2; fi
	@source $(ENV) && yarn dockyard bump $(PACKAGE) --to "$(TO)" $(if $(DRY_RUN),--dry-run) $(ARGS)

bump-behind: $(ENV) ## Bump every container that is behind to the latest in its lane [DRY_RUN=1] (ARGS="--pr-body pr-body.md")
	@source $(ENV) && yarn dockyard bump --behind $(if $(DRY_RUN),--dry-run) $(ARGS)

bench-drift: $(ENV) ## Benchmark drift: 1,000 containers with companions and base images over 600 upstreams on 127.0.0.1 (about 15 s); N=10000 adds 10,000 (about 2.5 min)
	@source $(ENV) && node --require @backstage/cli/config/nodeTransform.cjs bench/drift/src/run.ts $(N)

bench-overview: $(ENV) ## Benchmark the drift overview in Chromium with 1,000 and 5,000 containers on the production build (about 8 min; N="1000 5000")
	@source $(ENV) && node --require @backstage/cli/config/nodeTransform.cjs bench/overview/src/run.ts $(if $(N),"$(N)")

FORCE:

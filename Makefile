# Accord: `make run` starts a local stack with demo agencies; `make test` runs every test.
# Both install what is missing first (scripts/setup.sh).

STACK_DIR ?= .run/stack

.PHONY: setup build test run demo clean

setup:
	scripts/setup.sh

build: setup
	npm run build

test: build
	npm run typecheck
	npm run lint
	npm test

run: build
	node dist/cli/main.js stack up --dir $(STACK_DIR) --foreground --demo-agencies

demo: build
	node dist/scripts/demo.js

clean:
	rm -rf dist .run libs/proto/generated

# Accord: `make run` starts a local stack with demo agencies, nodes of three of them and the
# auditor console (scripts/run-local.ts); `make test` runs every test.
# Both install what is missing first (scripts/setup.sh).

# Everything `make run` starts lives here: the stack in RUN_DIR/stack, the nodes in RUN_DIR/nodes.
RUN_DIR ?= .run

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
	node dist/scripts/run-local.js --dir $(RUN_DIR)

demo: build
	node dist/scripts/demo.js

clean:
	rm -rf dist .run libs/proto/generated

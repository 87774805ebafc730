# Two commands set up everything on a fresh machine:
#   make demo   build .venv (if needed) and run the main job on the demo data
#   make test   build .venv (if needed) and run the test suite
PY := .venv/bin/python

.PHONY: env demo test clean

env:
	bash tools/setup_env.sh

demo: env
	$(PY) tools/study.py --preset main

test: env
	$(PY) -m pytest tests -q

clean:
	rm -rf work_dirs .pytest_cache

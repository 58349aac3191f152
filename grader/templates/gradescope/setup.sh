#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder image (as root, in /autograder/source).
set -euo pipefail
SOURCE="${AUTOGRADER:-/autograder}/source"
VENV="${AUTOGRADER:-/autograder}/venv"

if ! python3 -m venv --help >/dev/null 2>&1; then
    apt-get update
    apt-get install -y --no-install-recommends python3 python3-venv python3-pip
fi
python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --upgrade pip
"$VENV/bin/python" -m pip install "$SOURCE/grade"

# The learners' code runs as nobody: it must not read the course (references, hidden cases, the secret seed).
chmod -R go-rwx "$SOURCE"

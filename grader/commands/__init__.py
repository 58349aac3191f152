"""One module per command, each defining `command` (a click command) that returns an exit status.

The CLI (grader/cli.py) imports a command's module only when that command runs.
"""

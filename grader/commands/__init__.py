"""One module per command, each defining `command` (a click command) that returns an exit status.

The CLI (grader/cli.py, grader/commands/group.py) imports a command's module only when that command runs.
"""

# command name -> module under grader/commands/ defining `command`; "run" is `grade EXERCISE`
COMMANDS: dict[str, str] = {
    "run": "run",
    "all": "all",
    "list": "list",
    "hint": "hint",
    "validate": "validate",
    "batch": "batch",
    "bundle": "bundle",
    "watch": "watch",
    "progress": "progress",
    "notebook": "notebook",
    "new": "new",
    "doctor": "doctor",
}

"""`grade new ID --topic TOPIC [--args a,b]`: scaffold an exercise (definition, stub, reference) and say what
to fill in next."""

from __future__ import annotations

from pathlib import Path

import click

from grader.commands.options import EXERCISES_OPTION


@click.command("new")
@click.argument("exercise_id", metavar="ID")
@click.option("--topic", required=True, help="The topic folder under exercises/ (created if new).")
@click.option("--args", "args", default="x", show_default=True, help="The function's parameters, comma-separated.")
@click.option("--reference-module", default=None,
              help="Module (in the course root) the reference goes in; default: reference.TOPIC if the course has "
                   "a reference/ package, else course_reference.")
@EXERCISES_OPTION
def command(exercise_id: str, topic: str, args: str, reference_module: str | None, exercises_dir: str | None) -> int:
    """Write a new exercise's YAML (every key, commented), its stub and a reference function."""
    from grader import scaffold
    from grader.catalog import ENV, find_root
    from grader.errors import GradeError

    if exercises_dir and not Path(exercises_dir).exists():
        exercises = Path(exercises_dir).resolve()  # a new course where the option says
        click.echo(f"Starting a course in {exercises.parent}")
    else:
        try:
            exercises = find_root(exercises_dir)
        except GradeError:
            if exercises_dir:
                raise
            exercises = Path.cwd() / "exercises"  # a new course: the current folder becomes its root
            click.echo(f"No exercises folder here or above (nor {ENV}): starting a course in {Path.cwd()}")
    names = [a.strip() for a in args.split(",") if a.strip()]
    if not names:
        raise GradeError("--args names no parameter: give them comma-separated, such as --args a,b")
    made = scaffold.create(exercises, exercise_id, topic, names, reference_module)
    module_file = scaffold.shown(made.reference_file)
    click.echo(f"Created the exercise {exercise_id} (topic {topic}):")
    click.echo(f"  {scaffold.shown(made.definition)}  the definition, every key present and commented")
    click.echo(f"  {scaffold.shown(made.stub)}  the learner's stub")
    click.echo(f"  {module_file}  {exercise_id}({', '.join(names)}), the reference solution "
               f"({'new module' if made.module_created else 'appended'})")
    click.echo("Next:")
    click.echo(f"  1. Write the reference solution {exercise_id} in {module_file}.")
    click.echo(f"  2. In {made.definition.name}, replace each TODO (title, task, hints) and adapt `generate:` "
               "to the inputs.")
    click.echo(f"  3. State the task in the docstring of {made.stub.name}, the learner's stub.")
    click.echo("  4. Add edge cases, banned calls and known mistakes (commented examples in the YAML).")
    click.echo(f"  5. grade validate {scaffold.shown(made.definition)}   (it says what is still missing)")
    return 0

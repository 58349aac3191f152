"""`grade doctor`: what protects a grading on this machine."""

from __future__ import annotations

import click

from grader.sandbox import runner


@click.command("doctor")
def command() -> int:
    """Say which runner grades here, each defence (active or not, and why), and the Python, numpy and BLAS."""
    from grader import doctor

    features = doctor.runner_features()
    why = runner.why_portable()
    click.echo(f"runner: {runner.name()}" + (f" ({why})" if why else " (fork server)"))
    click.echo("defences:")
    for d in doctor.defences(features):
        mark = "active" if d.active else "not active"
        click.echo(f"  {d.name:<38} {mark:<11} {d.why}")
    click.echo("in use:")
    for name, value in doctor.environment():
        click.echo(f"  {name:<10} {value}")
    missing = doctor.missing_secret_defences(features)
    if missing:
        click.echo("secret seeds: not kept from learner code here (missing: "
                   + ", ".join(d.name for d in missing) + "); fine for grading your own work")
    else:
        click.echo("secret seeds: kept from learner code")
    return 0

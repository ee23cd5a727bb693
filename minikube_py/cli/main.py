"""The `mkpy` command line: one typer app, each command a thin shell over a part."""

from __future__ import annotations

import typer

from minikube_py import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True, help="minikube-py: a Kubernetes-compatible cluster.")


@app.command()
def version() -> None:
    """Print the minikube-py version."""
    typer.echo(__version__)


def main() -> None:
    app()

"""The `mkpy` command line: one typer app, each command a thin shell over a part."""

from __future__ import annotations

import ipaddress
import logging
from pathlib import Path

import typer

from minikube_py import __version__

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="minikube-py: a Kubernetes-compatible cluster."
)


@app.command()
def version() -> None:
    """Print the minikube-py version."""
    typer.echo(__version__)


@app.command()
def server(
    data_dir: Path = typer.Option(
        ..., "--data-dir", help="Where the state, PKI and kubeconfig live."
    ),
    bind: str = typer.Option("127.0.0.1", "--bind", help="Address to listen on."),
    port: int = typer.Option(6443, "--port", help="HTTPS port (0 picks a free one)."),
    store: str = typer.Option(
        "", "--store", help="Store URL; default sqlite:///DATA_DIR/state.db."
    ),
    service_cidr: str = typer.Option(
        "10.96.0.0/12", "--service-cidr", help="Range Service ClusterIPs come from."
    ),
    log_level: str = typer.Option("INFO", "--log-level"),
) -> None:
    """Run the control plane in the foreground until SIGTERM or SIGINT."""
    from minikube_py.api.server import ServerConfig
    from minikube_py.cluster.controlplane import run

    logging.basicConfig(
        level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if not 0 <= port <= 65535:
        raise typer.BadParameter("must be between 0 and 65535", param_hint="--port")
    try:
        ipaddress.ip_network(service_cidr)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--service-cidr") from exc
    if store and not store.startswith("sqlite://"):
        raise typer.BadParameter(
            "only sqlite:///path/to/file.db is supported", param_hint="--store"
        )
    try:
        run(
            ServerConfig(
                data_dir=data_dir, bind=bind, port=port, store_url=store, service_cidr=service_cidr
            )
        )
    except OSError as exc:
        typer.echo(f"mkpy server: {exc}", err=True)
        raise typer.Exit(1) from exc


def main() -> None:
    app()

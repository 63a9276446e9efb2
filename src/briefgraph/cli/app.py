"""The Typer application object that every command module registers on."""
import typer

app = typer.Typer(
    name="briefgraph",
    help="Build evidence-linked actor graphs from strategic assessments.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

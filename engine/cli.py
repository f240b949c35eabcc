"""The `comity` command line."""
from __future__ import annotations

import sys

import typer

from engine.cli_rules import register as register_rules

app = typer.Typer(help="Comity: is the requested assistance permissible, what must the request contain, "
                       "which deadlines apply — with reasons.", no_args_is_help=True, add_completion=False)
register_rules(app)

from engine.cli_assess import register as register_assess  # noqa: E402

register_assess(app)

# The report and server commands live with their packages.
from engine.report.cli import register as register_report  # noqa: E402
from api.cli import register as register_api  # noqa: E402

register_report(app)
register_api(app)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()

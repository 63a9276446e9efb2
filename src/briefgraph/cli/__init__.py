"""The `briefgraph` command line: each module registers its commands on one Typer app."""
from __future__ import annotations

import sys

from ..errors import BriefgraphError
from .app import app
from . import extract  # noqa: F401  (registers commands)
from . import store  # noqa: F401
from . import analysis  # noqa: F401
from . import export  # noqa: F401  (registers `export` and `import`)
from . import eval as _eval  # noqa: F401  (registers `eval`)
from . import learn  # noqa: F401  (registers `train`)
from . import review  # noqa: F401
from . import serve  # noqa: F401
from .common import error


def main() -> None:
    """Console entry point: library errors become one line and exit 1; a broken pipe exits quietly."""
    try:
        app()
    except BriefgraphError as exc:
        error(str(exc))
        sys.exit(1)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)


__all__ = ["app", "main"]

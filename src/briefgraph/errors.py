"""One exception hierarchy. The library raises these; the CLI turns each into one clear line."""


class BriefgraphError(Exception):
    """Base class of every error briefgraph reports to a user."""


class ReadError(BriefgraphError):
    """A file could not be read as a brief (binary, empty, undecodable, too large, unknown format)."""

    def __init__(self, path: str, reason: str):
        from .names import shown  # the path is shown escaped: a name may hold newlines or terminal escapes
        super().__init__(f"{shown(path)}: {reason}")
        self.path = path
        self.reason = reason


class ReadErrors(ReadError):
    """Some of the files given could not be read; `graph` holds what the readable ones gave."""

    def __init__(self, errors: list[ReadError], graph=None):
        first = errors[0]
        super().__init__(first.path, first.reason)
        if len(errors) > 1:
            self.args = (f"{len(errors)} files could not be read: " + "; ".join(str(e) for e in errors),)
        self.errors = errors
        self.graph = graph


class SettingsError(BriefgraphError):
    """A setting or option has a value that cannot be used (a size, a date, an output path)."""


class ModelError(BriefgraphError):
    """The spaCy model named in the settings cannot be loaded."""


class StoreError(BriefgraphError):
    """The SQLite store cannot be opened, migrated or written."""


class StoreDamaged(StoreError):
    """The store file is damaged (or not SQLite at all): nothing more can be written to it."""


class EngineError(BriefgraphError):
    """An extraction engine cannot run: bad settings, a worker that died, a cluster out of reach."""


class OntologyError(BriefgraphError):
    """An ontology YAML file is missing or malformed."""


class EvaluationError(BriefgraphError):
    """A gold or evaluation file cannot be read or has the wrong shape."""


class ReviewError(BriefgraphError):
    """A review decision names something that does not exist or cannot be done (e.g. merging an actor into itself)."""


class AssetError(BriefgraphError):
    """A file built from the source tree (the graph view's script) is missing from the package."""


class ExportError(BriefgraphError):
    """A graph cannot be exported as asked (bad option, missing optional library, unwritable output)."""

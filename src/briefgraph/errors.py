"""One exception hierarchy. The library raises these; the CLI turns each into one clear line."""


class BriefgraphError(Exception):
    """Base class of every error briefgraph reports to a user."""


class ReadError(BriefgraphError):
    """A file could not be read as a brief (binary, empty, undecodable, too large, unknown format)."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ModelError(BriefgraphError):
    """The spaCy model named in the settings cannot be loaded."""


class StoreError(BriefgraphError):
    """The SQLite store cannot be opened, migrated or written."""


class EngineError(BriefgraphError):
    """An extraction engine cannot run: bad settings, a worker that died, a cluster out of reach."""


class OntologyError(BriefgraphError):
    """An ontology YAML file is missing or malformed."""


class EvaluationError(BriefgraphError):
    """A gold or evaluation file cannot be read or has the wrong shape."""


class AssetError(BriefgraphError):
    """A file built from the source tree (the graph view's script) is missing from the package."""


class ExportError(BriefgraphError):
    """A graph cannot be exported as asked (bad option, missing optional library, unwritable output)."""

"""briefgraph: evidence-linked actor graphs from strategic assessments."""
from .model import Actor, Claim, Document, Graph, Modality, Relation, Span

__version__ = "0.1.0"


def extract(source=None, **kwargs):
    """Extract the actor graph of `text=...` or `path=...` (one or several; see `briefgraph.api.extract`)."""
    from .api import extract as _extract
    return _extract(source, **kwargs)


def __getattr__(name):
    if name == "Corpus":  # imported lazily so `import briefgraph` stays light
        from .api import Corpus
        return Corpus
    raise AttributeError(name)


__all__ = ["Actor", "Claim", "Corpus", "Document", "Graph", "Modality", "Relation", "Span", "extract"]

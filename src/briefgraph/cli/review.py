"""`briefgraph review ...`: correct the stored graph. Every decision is logged with who, when and why,
can be undone, and holds when more briefs are added."""
from __future__ import annotations

import contextlib
import json
from typing import TYPE_CHECKING, Annotated, Iterator, Optional

import typer

from ..settings import db_path
from .app import app
from .common import DbOpt, one_line_errors, output_stream

if TYPE_CHECKING:  # the review package and the store load when a review command runs
    from ..review import Review

review_app = typer.Typer(help="Confirm, reject, edit, merge, split, rename, undo: review decisions on a store.",
                         no_args_is_help=True)
app.add_typer(review_app, name="review")

WhyOpt = Annotated[str, typer.Option("--why", help="Why: kept in the audit log.")]
WhoOpt = Annotated[Optional[str], typer.Option("--who", help="Who decides (default: $BRIEFGRAPH_USER, else the login name).")]
RelArg = Annotated[str, typer.Argument(help="The relation's id (see: briefgraph review list).")]
ActorArg = Annotated[str, typer.Argument(help="An actor's name, alias or id.")]


@contextlib.contextmanager
def _review(db: str | None, who: str | None) -> Iterator[Review]:
    from ..review import Review
    from ..store.database import Store
    with one_line_errors(), Store(db_path(db), create=False) as store:
        yield Review(store, who)


def _done(decision) -> None:
    typer.echo(f"decision {decision.id}: {decision.action} (undo with: briefgraph review undo {decision.id})")


@review_app.command("list")
def list_cmd(db: DbOpt = None, actor: Annotated[Optional[str], typer.Option("--actor", help="Only relations with this actor.")] = None) -> None:
    """List relations with their ids and review verdicts, the ids the other review commands take.

    Example: briefgraph review list --db corpus.db --actor Taliban
    """
    with _review(db, None) as review:
        graph = review.store.graph()
        names = {a.id: a.name for a in graph.actors}
        wanted = review.store.actor(actor).id if actor else None
        for r in graph.relations:
            if wanted in (None, r.source, r.target):
                typer.echo(f"{r.id}  {names.get(r.source, r.source)} {r.type} {names.get(r.target, r.target)} "
                           f"[{r.modality.status}, sign {r.sign:+d}, confidence {r.confidence:.2f}]"
                           f"{'  ' + r.review if r.review else ''}")


@review_app.command("confirm")
def confirm_cmd(relation: RelArg, db: DbOpt = None, why: WhyOpt = "", who: WhoOpt = None) -> None:
    """Confirm a relation: its confidence becomes 1 and it is marked confirmed.

    Example: briefgraph review confirm 3f2a9c0d1e2b4a5c --db corpus.db --why "checked the source"
    """
    with _review(db, who) as review:
        _done(review.confirm(relation, why))


@review_app.command("reject")
def reject_cmd(relation: RelArg, db: DbOpt = None, why: WhyOpt = "", who: WhoOpt = None) -> None:
    """Reject a relation: it leaves the graph, analysis, report and exports, also after re-adding briefs.

    Example: briefgraph review reject 3f2a9c0d1e2b4a5c --db corpus.db --why "a denial, not a fact"
    """
    with _review(db, who) as review:
        _done(review.reject(relation, why))


@review_app.command("edit")
def edit_cmd(relation: RelArg, db: DbOpt = None, why: WhyOpt = "", who: WhoOpt = None,
             type_: Annotated[Optional[str], typer.Option("--type", help="New relation type, e.g. OPPOSE.")] = None,
             sign: Annotated[Optional[int], typer.Option("--sign", help="New sign: -1, 0 or 1.")] = None,
             reverse: Annotated[bool, typer.Option("--reverse", help="Swap source and target.")] = False,
             status: Annotated[Optional[str], typer.Option("--status", help="New modality, e.g. negated.")] = None) -> None:
    """Correct a relation's type, sign, direction or modality.

    Example: briefgraph review edit 3f2a9c0d1e2b4a5c --db corpus.db --status negated --why "denied in the text"
    """
    with _review(db, who) as review:
        _done(review.edit(relation, why, type=type_, sign=sign, reverse=reverse, status=status))


@review_app.command("add")
def add_cmd(source: ActorArg, type_: Annotated[str, typer.Argument(metavar="TYPE", help="Relation type, e.g. AID.")],
            target: ActorArg, doc: Annotated[str, typer.Option("--doc", help="The document id (see the web app or JSON).")],
            start: Annotated[int, typer.Option("--start", help="Evidence start offset in the document.")],
            end: Annotated[int, typer.Option("--end", help="Evidence end offset.")],
            status: Annotated[str, typer.Option("--status", help="Modality of the claim.")] = "asserted",
            db: DbOpt = None, why: WhyOpt = "", who: WhoOpt = None) -> None:
    """Add a relation the extraction missed, with the document span that says it.

    Example: briefgraph review add "M23" AID Rwanda --doc 9a1b... --start 120 --end 180 --db corpus.db
    """
    with _review(db, who) as review:
        _done(review.add(source, target, type_, doc, start, end, why, status=status))


@review_app.command("merge")
def merge_cmd(into: ActorArg, other: ActorArg, db: DbOpt = None, why: WhyOpt = "", who: WhoOpt = None) -> None:
    """Merge the second actor into the first: its names, mentions and ties move over.

    Example: briefgraph review merge "Turkistan Islamic Party" ETIM --db corpus.db --why "same group"
    """
    with _review(db, who) as review:
        _done(review.merge(into, other, why))


@review_app.command("split")
def split_cmd(actor: ActorArg, names: Annotated[list[str], typer.Argument(help="Aliases to split off as a new actor.")],
              type_: Annotated[Optional[str], typer.Option("--type", help="The new actor's type.")] = None,
              db: DbOpt = None, why: WhyOpt = "", who: WhoOpt = None) -> None:
    """Split aliases off an actor into a new one; claims whose sentence names it by them follow.

    Example: briefgraph review split "Congo" "Republic of the Congo" --db corpus.db
    """
    with _review(db, who) as review:
        _done(review.split(actor, names, why, type=type_))


@review_app.command("rename")
def rename_cmd(actor: ActorArg, name: Annotated[str, typer.Argument(help="The new canonical name.")],
               db: DbOpt = None, why: WhyOpt = "", who: WhoOpt = None) -> None:
    """Give an actor a new canonical name; the old one stays an alias.

    Example: briefgraph review rename ETIM "Turkistan Islamic Party" --db corpus.db
    """
    with _review(db, who) as review:
        _done(review.rename(actor, name, why))


@review_app.command("alias")
def alias_cmd(actor: ActorArg, alias: Annotated[str, typer.Argument(help="The alias.")],
              remove: Annotated[bool, typer.Option("--remove", help="Remove the alias instead of adding it.")] = False,
              db: DbOpt = None, why: WhyOpt = "", who: WhoOpt = None) -> None:
    """Add an alias to an actor, or remove one with --remove.

    Example: briefgraph review alias "March 23 Movement" M23 --db corpus.db
    """
    with _review(db, who) as review:
        _done(review.alias(actor, alias, why, remove=remove))


@review_app.command("retype")
def retype_cmd(actor: ActorArg, type_: Annotated[str, typer.Argument(metavar="TYPE", help="state, armed_group, place, ...")],
               db: DbOpt = None, why: WhyOpt = "", who: WhoOpt = None) -> None:
    """Change an actor's type (e.g. a town typed as a person).

    Example: briefgraph review retype Goma place --db corpus.db
    """
    with _review(db, who) as review:
        _done(review.retype(actor, type_, why))


@review_app.command("catalogue")
def catalogue_cmd(name: Annotated[str, typer.Argument(help="The actor's canonical name.")],
                  type_: Annotated[str, typer.Option("--type", help="Its type.")],
                  aliases: Annotated[list[str], typer.Option("--alias", help="Another name (repeatable).")] = [],
                  catalogue: Annotated[Optional[str], typer.Option("--catalog", help="The catalogue YAML "
                                       "(default: $BRIEFGRAPH_CATALOG, else actors.user.yaml); "
                                       "`briefgraph add --catalog` reads it.")] = None,
                  db: DbOpt = None, why: WhyOpt = "", who: WhoOpt = None) -> None:
    """Add an actor to the user catalogue that later extractions read beside the shipped one.

    Example: briefgraph review catalogue "March 23 Movement" --type armed_group --alias M23 --catalog my-actors.yaml --db corpus.db
    """
    from ..review.catalogue import catalogue_path
    with _review(db, who) as review:
        _done(review.catalogue(name, type_, str(catalogue_path(catalogue)), aliases, why))


@review_app.command("undo")
def undo_cmd(decision: Annotated[int, typer.Argument(help="The decision's number (see: briefgraph review log).")],
             db: DbOpt = None, why: WhyOpt = "", who: WhoOpt = None) -> None:
    """Revert a decision by logging an undo; undoing an undo puts the decision back.

    Example: briefgraph review undo 4 --db corpus.db --why "merged too early"
    """
    with _review(db, who) as review:
        _done(review.undo(decision, why))


@review_app.command("log")
def log_cmd(db: DbOpt = None, as_json: Annotated[bool, typer.Option("--json", help="JSON Lines.")] = False) -> None:
    """Show the audit log: every decision with who, when and why.

    Example: briefgraph review log --db corpus.db
    """
    with _review(db, None) as review:
        for d in review.log():
            if as_json:
                typer.echo(json.dumps(d.to_dict(), ensure_ascii=False))
            else:
                undo = f" (undoes {d.undoes})" if d.undoes else ""
                typer.echo(f"{d.id}  {d.at}  {d.who}  {d.action}{undo}  {json.dumps(d.payload, ensure_ascii=False)}"
                           f"{'  why: ' + d.why if d.why else ''}")


@review_app.command("export")
def export_cmd(db: DbOpt = None, output: Annotated[Optional[str], typer.Option("--output", "-o", help="File to write; - for stdout.")] = None) -> None:
    """Write the decisions in force as labelled examples (JSON Lines) for training the extraction.

    Example: briefgraph review export --db corpus.db --output labels.jsonl
    """
    from ..review import examples
    with _review(db, None) as review:
        reviewed = review.store.reviewed_graph()
        with output_stream(output) as out:
            for ex in examples(reviewed):
                out.write(json.dumps(ex, ensure_ascii=False) + "\n")

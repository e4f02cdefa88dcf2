"""Command line: `python -m ingest --help`.

    build                     database from the bundled data/ files
    bundle [--shared DIR]     regenerate data/ from the reference material
    openfootball PATH...      add matches from Football.TXT files
    article FILE [...]        import one article page (quotes, speakers, mentions)
    export TABLE --format csv|json   a whole table to stdout
"""

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

from ingest.errors import InputError
from ingest.teams import UnknownTeamError
from models import database_url, make_engine


def _build(args: argparse.Namespace) -> None:
    from ingest.load import DATA_DIR, build_database

    started = time.perf_counter()
    counts = build_database(make_engine(), Path(args.data) if args.data else DATA_DIR)
    took = time.perf_counter() - started
    print(f"Built {database_url()} in {took:.2f} s:")
    for table, count in counts.items():
        print(f"  {table:<12} {count:>7}")


def _bundle(args: argparse.Namespace) -> None:
    from ingest.bundle import DEFAULT_SHARED, make_bundle, write_bundle
    from ingest.load import DATA_DIR

    shared = Path(args.shared) if args.shared else DEFAULT_SHARED
    if not shared.is_dir():
        raise InputError(str(shared), None, None, "expected the reference folder (../shared)")
    out = Path(args.out) if args.out else DATA_DIR
    bundle = make_bundle(shared)
    for path in write_bundle(bundle, out):
        print(f"wrote {path}")
    from ingest.article_store import bundle_articles

    bundle_articles(shared, out)
    print(f"wrote {out / 'articles.json'}")
    print(f"{len(bundle.new_teams)} clubs not in the verified facts were added by name and country.")


def _openfootball(args: argparse.Namespace) -> None:
    from ingest.match_import import import_openfootball

    report = import_openfootball(make_engine(), [Path(p) for p in args.paths], allow_new_teams=args.new_teams)
    print(f"Added {report.added} matches; {report.already_present} were already present.")
    if report.new_teams:
        print(f"New clubs: {', '.join(report.new_teams)}")


def _article(args: argparse.Namespace) -> None:
    from ingest.article_store import import_article_file, record_to_json

    result = import_article_file(
        make_engine(), Path(args.file), reference_date=args.date, outlet=args.outlet, url=args.url,
    )
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.json:
        print(json.dumps(record_to_json(result.record), ensure_ascii=False, indent=2))
    else:
        state = "imported" if result.created else "already in the database"
        print(f"{args.file}: {state}; {len(result.record.quotes)} quotes.")


def _export(args: argparse.Namespace) -> None:
    from ingest.export import export_table

    export_table(make_engine(), args.table, args.format, sys.stdout)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m ingest", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="(re)build the database from data/ (DATABASE_URL or data/kairat.db)")
    b.add_argument("--data", help="folder of bundle files (default: data/)")
    b.set_defaults(run=_build)
    g = sub.add_parser("bundle", help="regenerate data/ from the reference folder")
    g.add_argument("--shared", help="reference folder (default: ../shared)")
    g.add_argument("--out", help="output folder (default: data/)")
    g.set_defaults(run=_bundle)
    o = sub.add_parser("openfootball", help="add matches from Football.TXT files (cl.txt, clq.txt, el.txt ...)")
    o.add_argument("paths", nargs="+", metavar="PATH")
    o.add_argument("--new-teams", action="store_true",
                   help="accept clubs not yet in the database as new clubs (otherwise they are reported)")
    o.set_defaults(run=_openfootball)
    a = sub.add_parser("article", help="import one article page saved as text")
    a.add_argument("file", metavar="FILE")
    a.add_argument("--date", type=dt.date.fromisoformat,
                   help="reference date for relative dates such as 'Oggi' (YYYY-MM-DD)")
    a.add_argument("--outlet", help="publisher, when the page does not say")
    a.add_argument("--url", help="address of the article")
    a.add_argument("--json", action="store_true", help="print the extracted record as JSON")
    a.set_defaults(run=_article)
    e = sub.add_parser("export", help="write a whole table to stdout")
    e.add_argument("table", metavar="TABLE", help="matches, teams, people, quotes, claims, ...")
    e.add_argument("--format", choices=["csv", "json"], default="csv")
    e.set_defaults(run=_export)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        args.run(args)
    except (InputError, UnknownTeamError, KeyError, FileNotFoundError) as exc:
        message = exc.args[0] if isinstance(exc, KeyError) else str(exc)
        print(f"error: {message}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

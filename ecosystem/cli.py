"""The ``ecosystem`` command: parse arguments, call the core, write the result.

Results go to standard output unless ``-o`` names a file; messages go to standard error.
Exit codes: 0 success, 1 bad input (every problem listed, file, row and column), 2 misuse
(an unknown option, wave, hub or weighting).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ecosystem import __version__
from ecosystem.codebook import RECONCILIATIONS, WEIGHTINGS
from ecosystem.errors import OptionError, SurveyError
from ecosystem.load import (
    DEMO_FILES,
    ILLUSTRATIVE_NOTE,
    load_survey,
    reading_notes,
    uses_demo,
)
from ecosystem.service import choose_wave

EXIT_OK, EXIT_BAD_INPUT, EXIT_MISUSE = 0, 1, 2


def _tabular(value: object) -> object:
    """A cell as a CSV or JSON value: tuples of labels joined, NaN as empty/null."""
    if isinstance(value, tuple | list | set):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float | np.floating) and np.isnan(value):
        return None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def write_table(frame: pd.DataFrame, fmt: str, output: Path | None) -> None:
    """Write a result table as CSV or JSON (a list of records) to a file or standard output."""
    records = frame.map(_tabular)
    if fmt == "json":
        text = json.dumps(records.to_dict("records"), indent=2, ensure_ascii=False) + "\n"
    else:
        text = records.to_csv(index=False, lineterminator="\n")
    _emit(text, output)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        print(f"wrote {output}", file=sys.stderr)


def _add_files(parser: argparse.ArgumentParser) -> None:
    _add_sources(parser)
    parser.add_argument(
        "--wave",
        help="the wave to analyse; files with no wave column belong to this wave "
        "(default: 'Wave 1' for such files; otherwise the latest wave)",
    )


def _add_sources(parser: argparse.ArgumentParser) -> None:
    """Survey files, or a workspace that holds earlier imports."""
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="survey files (CSV or XLSX): organisations, responses (tidy or a survey tool's "
        "wide export) or edges; each file's kind is recognised from its header",
    )
    parser.add_argument(
        "--workspace", type=Path, metavar="DIR", help="read the survey from this workspace"
    )


def _add_output(parser: argparse.ArgumentParser, formats: Sequence[str] = ("csv", "json")) -> None:
    parser.add_argument("--format", choices=formats, default=formats[0])
    parser.add_argument("-o", "--output", type=Path, help="write here instead of standard output")


def _add_network_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--hub", help="one hub's ecosystem: a hub name or the hub organisation's")
    parser.add_argument(
        "--weight",
        choices=list(WEIGHTINGS),
        default="frequency",
        help="how arcs are weighted (strengths; default: frequency)",
    )
    parser.add_argument(
        "--reconcile",
        choices=list(RECONCILIATIONS),
        default="mean",
        help="how two reports of one pair combine (default: mean)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ecosystem",
        description="Partner-mapping surveys of health-innovation ecosystems as networks.",
    )
    parser.add_argument("--version", action="version", version=f"ecosystem {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check survey files; list every problem")
    _add_files(validate)

    ties = commands.add_parser("ties", help="the reconciled arcs of one wave")
    _add_files(ties)
    _add_network_options(ties)
    _add_output(ties)

    metrics = commands.add_parser("metrics", help="measures per organisation for one wave")
    _add_files(metrics)
    _add_network_options(metrics)
    _add_output(metrics)

    summary = commands.add_parser(
        "summary", help="network-level measures per wave and hub, side by side"
    )
    _add_files(summary)
    _add_network_options(summary)
    _add_output(summary)

    compare = commands.add_parser(
        "compare", help="how the network changed between two waves, with honest statistics"
    )
    _add_sources(compare)
    compare.add_argument("--from", dest="wave_from", required=True, help="the earlier wave")
    compare.add_argument("--to", dest="wave_to", required=True, help="the later wave")
    compare.add_argument("--hub", help="one hub's ecosystem: a hub name or the hub organisation's")
    compare.add_argument(
        "--table",
        choices=COMPARE_TABLES,
        default="ties",
        help="with --format csv, the table to write (default: ties, one row per arc)",
    )
    compare.add_argument("--permutations", type=int, default=1000, help="QAP permutations")
    compare.add_argument("--samples", type=int, default=2000, help="bootstrap samples")
    compare.add_argument("--seed", type=int, default=2023, help="seed of QAP and bootstrap")
    _add_output(compare, formats=("json", "csv"))

    gaps = commands.add_parser(
        "gaps", help="missing connections around one hub: whom to see more, whom to introduce"
    )
    _add_files(gaps)
    _add_network_options(gaps)
    _add_output(gaps)

    export = commands.add_parser(
        "export", help="images, tables, graphs or a report, ready for a document"
    )
    _add_sources(export)
    export.add_argument("--wave", help="the wave to show (default: the latest)")
    export.add_argument("--from", dest="wave_from", help="the earlier wave of a comparison")
    export.add_argument("--to", dest="wave_to", help="the later wave (same as --wave)")
    export.add_argument("--hub", help="one hub's ecosystem: a hub name or the hub organisation's")
    export.add_argument("--view", choices=EXPORT_VIEWS, default="network")
    export.add_argument(
        "--format",
        choices=sorted({f for fs in EXPORT_VIEWS.values() for f in fs}),
        help="file format (default: from the file name, else the view's first)",
    )
    export.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    export.add_argument(
        "--anonymise",
        action="store_true",
        help="show organisations as type and number ('VCSE 3') everywhere",
    )
    export.add_argument("--title", help="the exhibit's title (default: scope and wave)")

    importing = commands.add_parser(
        "import", help="check survey files and add them to a workspace, all or nothing"
    )
    importing.add_argument("files", nargs="+", type=Path, metavar="FILE")
    importing.add_argument("--workspace", type=Path, metavar="DIR", required=True)
    importing.add_argument("--wave", help="the wave of files that have no wave column")

    waves = commands.add_parser("waves", help="list, rename or delete a workspace's waves")
    waves.add_argument("--workspace", type=Path, metavar="DIR", required=True)
    change = waves.add_mutually_exclusive_group()
    change.add_argument("--rename", nargs=2, metavar=("OLD", "NEW"))
    change.add_argument("--delete", metavar="WAVE")
    _add_output(waves)

    serve = commands.add_parser("serve", help="open the dashboard (demo data when no files)")
    _add_files(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default loopback)")
    serve.add_argument("--port", type=int, default=8050)
    serve.add_argument("--debug", action="store_true", help="Dash debug mode (off by default)")
    return parser


EXPORT_VIEWS: dict[str, tuple[str, ...]] = {
    **{view: ("png", "svg", "pdf") for view in (
        "network", "compare", "brokerage", "brokerage-matrix", "structural-holes", "gaps",
        "overview")},
    "tables": ("xlsx", "csv"),
    "graph": ("graphml", "gexf"),
    "report": ("html",),
}  # fmt: skip
"""What each view of ``ecosystem export`` can be written as (the first is the default)."""


def _export(args: argparse.Namespace) -> int:
    from ecosystem import exhibits
    from ecosystem.network import NetworkOptions

    fmt = exhibits.choose_format(args.view, args.format or args.output.suffix.lstrip("."))
    survey = _survey(args)
    demo = uses_demo(args.files)
    if demo:
        print(f"note: {ILLUSTRATIVE_NOTE}", file=sys.stderr)
    source = ", ".join(p.name for p in args.files)
    if demo:
        source += " (illustrative data)"
    selection = exhibits.Selection(
        wave=choose_wave(survey, args.wave_to or args.wave),
        options=NetworkOptions(hub=args.hub),
        wave_from=choose_wave(survey, args.wave_from) if args.wave_from else None,
        anonymise=args.anonymise,
        title=args.title,
        source=source,
    )
    args.output.write_bytes(exhibits.exhibit_bytes(survey, args.view, selection, fmt))
    print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


COMPARE_TABLES = ("ties", "organisations", "network", "catalysis", "type-pairs")


def _compare(args: argparse.Namespace) -> int:
    from ecosystem.analysis.change import compare_waves, comparison_summary, describe_changes
    from ecosystem.network import NetworkOptions

    survey = _survey(args)
    if uses_demo(args.files):
        print(f"note: {ILLUSTRATIVE_NOTE}", file=sys.stderr)
    wave_from, wave_to = choose_wave(survey, args.wave_from), choose_wave(survey, args.wave_to)
    if wave_from == wave_to:
        raise OptionError(f"--from and --to are both '{wave_from}'; choose two different waves")
    comparison = compare_waves(
        survey,
        wave_from,
        wave_to,
        NetworkOptions(hub=args.hub),
        permutations=args.permutations,
        samples=args.samples,
        seed=args.seed,
    )
    if args.format == "json":
        summary = comparison_summary(comparison)
        summary["findings"] = describe_changes(comparison)
        _emit(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", args.output)
        return EXIT_OK
    tables = {
        "ties": comparison.ties,
        "organisations": comparison.organisation_change.reset_index(),
        "network": comparison.network.reset_index(),
        "catalysis": comparison.catalysis,
        "type-pairs": comparison.by_type_pair,
    }
    write_table(tables[args.table], "csv", args.output)
    return EXIT_OK


def _survey(args: argparse.Namespace, wave: str | None = None):
    """The survey a command works on: from its files, or from its workspace."""
    if getattr(args, "workspace", None) is not None:
        if args.files:
            raise OptionError(
                "give survey files or --workspace, not both (add files to a workspace with "
                "'ecosystem import FILE... --workspace DIR')"
            )
        from ecosystem.store import Workspace

        with Workspace(args.workspace) as workspace:
            return workspace.survey()
    if not args.files:
        raise OptionError("no survey files given: name them, or a workspace with --workspace DIR")
    return load_survey(args.files, wave)


def _import(args: argparse.Namespace) -> int:
    from ecosystem.store import Workspace

    survey = load_survey(args.files, args.wave)  # every problem is found before any write
    for note in reading_notes(args.files, survey):
        print(f"note: {note}", file=sys.stderr)
    files = [(path.name, path.read_bytes()) for path in args.files]
    with Workspace(args.workspace) as workspace:
        report = workspace.import_survey(survey, files)
    print(
        f"imported into {args.workspace}: {report.added_organisations} organisations, "
        f"{report.added_aliases} aliases, {report.added_waves} waves, "
        f"{report.added_responses} responses, {report.added_edges} edge rows",
        file=sys.stderr,
    )
    for name in report.skipped_files:
        print(f"{name}: already imported, nothing added", file=sys.stderr)
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    return EXIT_OK


def _waves(args: argparse.Namespace) -> int:
    from ecosystem.store import Workspace

    with Workspace(args.workspace) as workspace:
        if args.rename:
            workspace.rename_wave(*args.rename)
            print(f"renamed wave '{args.rename[0]}' to '{args.rename[1]}'", file=sys.stderr)
        elif args.delete:
            workspace.delete_wave(args.delete)
            print(f"deleted wave '{args.delete}' and its responses", file=sys.stderr)
        write_table(workspace.waves(), args.format, args.output)
    return EXIT_OK


def _options(args: argparse.Namespace):
    from ecosystem.network import NetworkOptions

    return NetworkOptions(weighting=args.weight, reconciliation=args.reconcile, hub=args.hub)


def _run(args: argparse.Namespace) -> int:
    from ecosystem.analysis.tables import organisation_table
    from ecosystem.network import build_network, reconciled_ties
    from ecosystem.service import network_summary_table

    if args.command == "serve":
        from ecosystem.dashboard.app import create_app

        if args.workspace is not None:
            if args.files:
                raise OptionError("give survey files or --workspace, not both")
            app = create_app(workspace=args.workspace)
        else:
            files = args.files or list(DEMO_FILES)
            app = create_app(load_survey(files, args.wave), illustrative=uses_demo(files))
        if not args.debug:  # one line per request is noise for people using the dashboard
            logging.getLogger("werkzeug").setLevel(logging.WARNING)
        print(f"ecosystem dashboard on http://{args.host}:{args.port}", file=sys.stderr)
        app.run(host=args.host, port=args.port, debug=args.debug)
        return EXIT_OK

    if args.command == "import":
        return _import(args)
    if args.command == "waves":
        return _waves(args)
    if args.command == "compare":
        return _compare(args)
    if args.command == "export":
        return _export(args)

    survey = _survey(args, args.wave)
    if uses_demo(args.files):
        print(f"note: {ILLUSTRATIVE_NOTE}", file=sys.stderr)
    if args.command == "validate":
        for note in reading_notes(args.files, survey):
            print(f"note: {note}", file=sys.stderr)
        waves = ", ".join(survey.waves) or "none"
        print(
            f"ok: {len(args.files)} file(s), {len(survey.organisations)} organisations, "
            f"{len(survey.responses)} responses, {len(survey.edges)} edge rows; waves: {waves}",
            file=sys.stderr,
        )
        return EXIT_OK

    options = _options(args)
    if args.command == "gaps":
        from ecosystem.analysis.gaps import find_gaps

        if not args.hub:
            raise OptionError(
                "gaps needs --hub: a hub's name or the hub organisation's; hubs: "
                + (", ".join(survey.hubs) or "none")
            )
        wave = choose_wave(survey, args.wave)
        write_table(find_gaps(survey, args.hub, wave, options), args.format, args.output)
        return EXIT_OK

    if args.command == "summary":
        waves = [choose_wave(survey, args.wave)] if args.wave else survey.waves
        table = network_summary_table(survey, waves, options)
        write_table(table, args.format, args.output)
        return EXIT_OK

    wave = choose_wave(survey, args.wave)
    if args.wave is None and len(survey.waves) > 1:
        print(
            f"using wave '{wave}' of: {', '.join(survey.waves)} (choose with --wave)",
            file=sys.stderr,
        )
    if args.command == "ties":
        table = reconciled_ties(survey, wave, options)
        write_table(table, args.format, args.output)
    else:
        graph = build_network(survey, wave, options)
        write_table(organisation_table(graph).reset_index(), args.format, args.output)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ecosystem`` console script; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse has printed usage (misuse) or help/version
        return int(stop.code or 0)
    try:
        return _run(args)
    except SurveyError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        print(
            f"{count} problem{'s' if count != 1 else ''} found; nothing was analysed",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    except OptionError as error:
        print(f"ecosystem {args.command}: {error}", file=sys.stderr)
        return EXIT_MISUSE
    except OSError as error:
        print(f"ecosystem {args.command}: cannot write output: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())

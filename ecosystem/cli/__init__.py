"""The ``ecosystem`` command: parse arguments, call the core, write the result.

Each command is one small function ``(args) -> int`` registered with its subparser
(``set_defaults(func=...)``); :func:`main` parses, runs it and turns errors into exit codes.
Results go to standard output unless ``-o`` names a file; messages go to standard error.
Exit codes: 0 success, 1 bad input (every problem listed, file, row and column; a workspace
that is missing, read-only or damaged), 2 misuse (an unknown option, wave, hub or weighting).
Only ``import`` and ``workspace init`` create a workspace; commands that read one never do.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
from collections.abc import Sequence
from pathlib import Path

from ecosystem import __version__, exhibits
from ecosystem.cli.accounts import add_account_commands
from ecosystem.cli.base import EXIT_BAD_INPUT, EXIT_MISUSE, EXIT_OK, Commands, write_table
from ecosystem.cli.base import command as _command
from ecosystem.cli.base import emit as _emit
from ecosystem.cli.base import notes as _notes
from ecosystem.cli.base import tell as _tell
from ecosystem.cli.base import who as _who
from ecosystem.cli.functions import add_functions_command
from ecosystem.cli.robustness import add_robustness_command
from ecosystem.cli.sources import (
    HUB_HELP,
)
from ecosystem.cli.sources import (
    add_analysis as _add_analysis,
)
from ecosystem.cli.sources import (
    add_files as _add_files,
)
from ecosystem.cli.sources import (
    add_output as _add_output,
)
from ecosystem.cli.sources import (
    add_pairs as _add_pairs,
)
from ecosystem.cli.sources import (
    add_respondents_only as _add_respondents_only,
)
from ecosystem.cli.sources import (
    add_sources as _add_sources,
)
from ecosystem.cli.sources import (
    analysed as _analysed,
)
from ecosystem.cli.sources import (
    one_wave as _one_wave,
)
from ecosystem.cli.sources import (
    open_survey as _open_survey,
)
from ecosystem.cli.sustainability import (
    add_scenario_options,
    add_sustainability_commands,
    scenario_choice,
)
from ecosystem.errors import (
    WORKSPACE_DAMAGED,
    WORKSPACE_EXISTS,
    WORKSPACE_MISSING,
    OptionError,
    SurveyError,
    WorkspaceError,
)
from ecosystem.load import DEMO_FILES, load_survey, reading_notes, uses_demo
from ecosystem.network import NetworkOptions, build_network, reconciled_ties
from ecosystem.report.sustainability import SUSTAINABILITY_TABLES
from ecosystem.service import (
    DEFAULT_TABLE,
    PAIR_CHOICES,
    Selection,
    choose_wave,
    network_summary_table,
)
from ecosystem.service.measures import organisation_table
from ecosystem.settings import SETTINGS, option_help
from ecosystem.words import plural

# The commands: parse, call the core or the service layer, write.


def _validate(args: argparse.Namespace) -> int:
    """Check survey files: every problem (exit 1), or a one-line account of what was read."""
    survey = _open_survey(args, args.wave)
    _notes(reading_notes(args.files, survey))
    waves = ", ".join(survey.waves) or "none"
    _tell(
        f"ok: {len(args.files)} file(s), {len(survey.organisations)} organisations, "
        f"{len(survey.responses)} responses, {len(survey.edges)} edge rows; waves: {waves}"
    )
    return EXIT_OK


def _ties(args: argparse.Namespace) -> int:
    """The reconciled arcs of one wave."""
    survey, wave, options = _one_wave(args)
    write_table(reconciled_ties(survey, wave, options), args.format, args.output)
    return EXIT_OK


def _metrics(args: argparse.Namespace) -> int:
    """The measures of every organisation in one wave's network."""
    survey, wave, options = _one_wave(args)
    graph = build_network(survey, wave, options)
    write_table(organisation_table(graph).reset_index(), args.format, args.output)
    return EXIT_OK


def _summary(args: argparse.Namespace) -> int:
    """Network-level measures of every wave (or the one asked for) and hub, side by side."""
    survey, options = _analysed(args)
    waves = [choose_wave(survey, args.wave)] if args.wave else survey.waves
    write_table(network_summary_table(survey, waves, options), args.format, args.output)
    return EXIT_OK


def _gaps(args: argparse.Namespace) -> int:
    """One hub's missing connections, ranked, each with its reason and evidence."""
    from ecosystem.service import find_gaps

    survey, options = _analysed(args)
    if not args.hub:
        raise OptionError(
            "gaps needs --hub: a hub's name or the hub organisation's; hubs: "
            + (", ".join(survey.hubs) or "none")
        )
    wave = choose_wave(survey, args.wave)
    write_table(find_gaps(survey, args.hub, wave, options), args.format, args.output)
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    """One view as a file: an image, tables, the graph or the HTML report, as the screen has it."""
    fmt = exhibits.choose_format(args.view, args.format or args.output.suffix.lstrip("."))
    survey = _open_survey(args)
    source = ", ".join(p.name for p in args.files)
    if uses_demo(args.files):
        source += " (illustrative data)"
    selection = Selection(
        wave=choose_wave(survey, args.wave_to or args.wave),
        options=NetworkOptions(hub=args.hub, respondents_only=args.respondents_only),
        wave_from=choose_wave(survey, args.wave_from) if args.wave_from else None,
        anonymise=args.anonymise,
        title=args.title,
        source=source,
        table=args.table or DEFAULT_TABLE,
        scenario=scenario_choice(args),
        pairs=args.pairs,
    )
    if args.table and (fmt != "csv" or args.view not in ("tables", "sustainability")):
        _tell(f"note: --table chooses the table of a CSV of --view tables; ignored for {fmt}")
    data = exhibits.exhibit_bytes(survey, args.view, selection, fmt)
    args.output.write_bytes(data)
    _tell(f"Wrote {_what_was_written(args.view, fmt, selection, data)} to {args.output}")
    return EXIT_OK


def _what_was_written(view: str, fmt: str, selection: Selection, data: bytes) -> str:
    """What an export holds, in words: the table and its rows, the workbook, or the view."""
    if view != "tables":
        return f"the {view} view as {fmt.upper()}"
    if fmt == "csv":
        rows = sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8-sig")))) - 1
        title = exhibits.TABLES[selection.table].lower()
        return f"the {title} table ({plural(rows, 'row')})"
    return "a workbook of the tables (a sheet each, and definitions)"


COMPARE_TABLES = ("ties", "organisations", "network", "catalysis", "type-pairs")


def _compare(args: argparse.Namespace) -> int:
    """How the network changed between two waves: JSON summary and findings, or one table.

    By default over the pairs observed in both waves (``--pairs both-observed``), saying
    on standard error how many pairs it left out and why; ``--pairs all`` compares every
    pair. Where fewer than two organisations answered in both waves, it says that no
    like-with-like comparison is possible (exit 2) instead of printing numbers.
    """
    from ecosystem.service import NoComparisonError, compare_waves
    from ecosystem.service.measures import comparison_summary
    from ecosystem.service.words import describe_changes

    survey = _open_survey(args)
    wave_from, wave_to = choose_wave(survey, args.wave_from), choose_wave(survey, args.wave_to)
    if wave_from == wave_to:
        raise OptionError(f"--from and --to are both '{wave_from}'; choose two different waves")
    options = NetworkOptions(hub=args.hub, respondents_only=args.respondents_only)
    statistics = {"permutations": args.permutations, "samples": args.samples, "seed": args.seed}
    try:
        comparison = compare_waves(
            survey, wave_from, wave_to, options, **statistics, pairs=args.pairs
        )
    except NoComparisonError as error:
        raise OptionError(
            f"{error.result.sentence} To compare every pair regardless, use --pairs all."
        ) from None
    note = comparison.pairs_note
    if note is not None:
        for sentence in (note.rule, *note.sentences):
            _tell(sentence)
    else:
        _tell(f"Compared every pair: {PAIR_CHOICES['all']}.")
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


def _import(args: argparse.Namespace) -> int:
    """Check survey files, then add them to a workspace in one transaction (all or nothing)."""
    from ecosystem.service.workspace import Workspace, audit

    survey = load_survey(args.files, args.wave)  # every problem is found before any write
    _notes(reading_notes(args.files, survey))
    files = [(path.name, path.read_bytes()) for path in args.files]
    with Workspace(args.workspace) as workspace:
        report = workspace.import_survey(survey, files)
        if report.import_id is not None:
            waves = ", ".join(report.waves) or "none"
            detail = f"{', '.join(name for name, _ in files)} (waves: {waves}): {report}"
            workspace.record(_who(), audit.IMPORTED, detail)
    _tell(
        f"imported into {args.workspace}: {report.added_organisations} organisations, "
        f"{report.added_aliases} aliases, {report.added_waves} waves, "
        f"{report.added_responses} responses, {report.added_edges} edge rows"
    )
    for name in report.skipped_files:
        _tell(f"{name}: already imported, nothing added")
    _notes(report.notes)  # a skipped file's note says which wave holds it, and what to do
    if report.skipped_files:
        _tell(f"this workspace's waves: ecosystem waves --workspace {args.workspace}")
    return EXIT_OK


def _waves(args: argparse.Namespace) -> int:
    """List a workspace's waves, after renaming or deleting one when asked."""
    from ecosystem.service.workspace import Workspace, audit

    with Workspace(args.workspace, create=False) as workspace:
        if args.rename:
            workspace.rename_wave(*args.rename)
            _tell(f"renamed wave '{args.rename[0]}' to '{args.rename[1]}'")
            workspace.record(
                _who(), audit.RENAMED_WAVE, f"'{args.rename[0]}' to '{args.rename[1]}'"
            )
        elif args.delete:
            deleted = workspace.delete_wave(args.delete)
            _tell(f"deleted wave '{args.delete}' and its responses")
            counts = f"{deleted['responses']} responses, {deleted['edges']} edge rows"
            workspace.record(_who(), audit.DELETED_WAVE, f"'{args.delete}' ({counts})")
        write_table(workspace.waves(), args.format, args.output)
    return EXIT_OK


def _workspace_init(args: argparse.Namespace) -> int:
    """Create an empty workspace (or say that the folder holds one already)."""
    from ecosystem.service.workspace import DATABASE_NAME, Workspace

    existed = (args.folder / DATABASE_NAME).is_file()
    with Workspace(args.folder) as workspace:
        waves = len(workspace.waves())
    if existed:
        _tell(f"{args.folder} is a workspace already, with {waves} wave(s)")
    else:
        _tell(
            f"created an empty workspace at {args.folder}; add survey files with "
            f"`ecosystem import FILE... --workspace {args.folder}`"
        )
    return EXIT_OK


def _workspace_check(args: argparse.Namespace) -> int:
    """Check a workspace without changing it: sound (exit 0) or damaged (exit 1)."""
    from ecosystem.service.workspace import check_workspace

    check = check_workspace(args.workspace)
    _tell(str(check))
    return EXIT_OK if check.ok else EXIT_BAD_INPUT


def _workspace_backup(args: argparse.Namespace) -> int:
    """Copy a workspace into another folder, which then opens as a workspace."""
    from ecosystem.service.workspace import Workspace

    with Workspace(args.workspace, create=False) as workspace:
        workspace.backup(args.destination, overwrite=args.force)
    _tell(
        f"backed up {args.workspace} to {args.destination} "
        f"(open it with --workspace {args.destination})"
    )
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    """Serve the dashboard on a workspace, on survey files, or on the illustrative demo."""
    from ecosystem.dashboard import serve
    from ecosystem.dashboard.app import create_app
    from ecosystem.dashboard.signin import TeamOptions

    serve.check_debug(args.host, args.debug)  # refused before any work is done
    on_network = not serve.is_loopback(args.host)
    team = TeamOptions(require_accounts=on_network, behind_https=args.behind_https)
    if args.workspace is not None:
        if args.files:
            raise OptionError("give survey files or --workspace, not both")
        serve.check_accounts(args.host, args.workspace)
        app = create_app(
            workspace=args.workspace, upload_limit_mb=args.upload_limit_mb, team_options=team
        )
    else:
        serve.check_accounts(args.host, None)
        files = args.files or list(DEMO_FILES)
        app = create_app(
            load_survey(files, args.wave),
            illustrative=uses_demo(files),
            upload_limit_mb=args.upload_limit_mb,
        )
    if not args.debug:  # one line per request is noise for people using the dashboard
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
    options = serve.ServeOptions(args.host, args.port, args.threads, args.debug, args.allowed_host)
    for line in serve.announcement(options):
        _tell(line)
    serve.serve(app, options)
    return EXIT_OK


# The parser: one subparser per command, each naming the function that runs it.


def _add_compare(commands: Commands) -> None:
    help_text = "how the network changed between two waves, with honest statistics"
    compare = _command(commands, "compare", _compare, help_text)
    _add_sources(compare)
    compare.add_argument("--from", dest="wave_from", required=True, help="the earlier wave")
    compare.add_argument("--to", dest="wave_to", required=True, help="the later wave")
    compare.add_argument("--hub", help=HUB_HELP)
    _add_pairs(compare)
    _add_respondents_only(compare)
    compare.add_argument(
        "--table",
        choices=COMPARE_TABLES,
        default="ties",
        help="with --format csv, the table to write (default: ties, one row per arc)",
    )
    compare.add_argument(
        "--permutations",
        type=int,
        default=SETTINGS.permutations,
        help=option_help("permutations"),
    )
    compare.add_argument(
        "--samples", type=int, default=SETTINGS.samples, help=option_help("samples")
    )
    compare.add_argument("--seed", type=int, default=SETTINGS.seed, help=option_help("seed"))
    _add_output(compare, formats=("json", "csv"))


def _add_export(commands: Commands) -> None:
    export = _command(
        commands, "export", _export, "images, tables, graphs or a report, ready for a document"
    )
    _add_sources(export)
    export.add_argument("--wave", help="the wave to show (default: the latest)")
    export.add_argument("--from", dest="wave_from", help="the earlier wave of a comparison")
    export.add_argument("--to", dest="wave_to", help="the later wave (same as --wave)")
    export.add_argument("--hub", help=HUB_HELP)
    export.add_argument("--view", choices=exhibits.EXPORT_FORMATS, default="network")
    export.add_argument(
        "--format",
        choices=sorted({f for fs in exhibits.EXPORT_FORMATS.values() for f in fs}),
        help="file format (default: from the file name, else the view's first)",
    )
    export.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    export.add_argument(
        "--anonymise",
        action="store_true",
        help="show organisations as type and number ('VCSE 3') everywhere",
    )
    export.add_argument("--title", help="the exhibit's title (default: scope and wave)")
    _add_respondents_only(export)
    _add_pairs(export)
    add_scenario_options(export, required=False)  # the sustainability view's scenario
    export.add_argument(
        "--table",
        choices=[*exhibits.TABLES, *SUSTAINABILITY_TABLES],
        help="with --view tables as CSV, the table the file holds (default: "
        f"{DEFAULT_TABLE}, every organisation's measures); comparison: network "
        "measures before, after and their change between --from and --to; gaps: the findings. "
        "A workbook (xlsx) holds them all. With --view sustainability: "
        f"{', '.join(SUSTAINABILITY_TABLES)} (default: measures).",
    )


def _add_workspace_commands(commands: Commands) -> None:
    """``import`` (files into a workspace), ``waves`` (list, rename, delete) and ``workspace``
    (``init``, ``check``, ``backup``)."""
    help_text = "check survey files and add them to a workspace, all or nothing"
    importing = _command(commands, "import", _import, help_text)
    importing.add_argument("files", nargs="+", type=Path, metavar="FILE")
    importing.add_argument("--workspace", type=Path, metavar="DIR", required=True)
    importing.add_argument("--wave", help="the wave of files that have no wave column")

    waves = _command(commands, "waves", _waves, "list, rename or delete a workspace's waves")
    waves.add_argument("--workspace", type=Path, metavar="DIR", required=True)
    change = waves.add_mutually_exclusive_group()
    change.add_argument("--rename", nargs=2, metavar=("OLD", "NEW"))
    change.add_argument("--delete", metavar="WAVE")
    _add_output(waves)

    group = commands.add_parser("workspace", help="create, check or back up a workspace")
    actions = group.add_subparsers(dest="action", required=True, metavar="ACTION")
    init = _command(actions, "init", _workspace_init, "create an empty workspace")
    init.add_argument("folder", type=Path, metavar="DIR")
    check_help = "check a workspace for damage, without changing it (exit 1 when damaged)"
    check = _command(actions, "check", _workspace_check, check_help)
    check.add_argument("--workspace", type=Path, metavar="DIR", required=True)
    backup_help = "copy a workspace, safely while in use, into a new folder"
    backup = _command(actions, "backup", _workspace_backup, backup_help)
    backup.add_argument("destination", type=Path, metavar="DEST", help="the backup's folder")
    backup.add_argument("--workspace", type=Path, metavar="DIR", required=True)
    backup.add_argument("--force", action="store_true", help="replace a workspace at DEST")


def _add_serve(commands: Commands) -> None:
    serve = _command(commands, "serve", _serve, "open the dashboard (demo data when no files)")
    _add_files(serve)
    serve.add_argument("--host", default=SETTINGS.host, help=option_help("host"))
    serve.add_argument("--port", type=int, default=SETTINGS.port, help=option_help("port"))
    serve.add_argument("--debug", action="store_true", help="Flask's debugger: loopback only")
    serve.add_argument(
        "--allowed-host", action="append", default=[], metavar="NAME",
        help="a host name the dashboard is reached by, beside loopback and --host (repeatable)",
    )  # fmt: skip
    serve.add_argument("--threads", type=int, default=SETTINGS.threads, help=option_help("threads"))
    serve.add_argument(
        "--behind-https", action="store_true",
        help="an HTTPS reverse proxy is in front: Secure cookies, its X-Forwarded-For/-Proto",
    )  # fmt: skip
    serve.add_argument(
        "--upload-limit-mb", type=float, default=SETTINGS.upload_limit_mb, metavar="MB",
        help=option_help("upload_limit_mb"),
    )  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    """The ``ecosystem`` parser; each command's subparser names its function as ``func``."""
    parser = argparse.ArgumentParser(
        prog="ecosystem",
        description="Partner-mapping surveys of health-innovation ecosystems as networks.",
    )
    parser.add_argument("--version", action="version", version=f"ecosystem {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_files(_command(commands, "validate", _validate, "check survey files; list every problem"))
    _add_analysis(commands, "ties", _ties, "the reconciled arcs of one wave")
    _add_analysis(commands, "metrics", _metrics, "measures per organisation for one wave")
    _add_analysis(
        commands, "summary", _summary, "network-level measures per wave and hub, side by side"
    )
    _add_compare(commands)
    add_functions_command(commands)
    add_robustness_command(commands)
    gaps_help = "missing connections around one hub: whom to see more, whom to introduce"
    _add_analysis(commands, "gaps", _gaps, gaps_help)
    add_sustainability_commands(commands)
    _add_export(commands)
    _add_workspace_commands(commands)
    add_account_commands(commands)
    _add_serve(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ecosystem`` console script; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse has printed usage (misuse) or help/version
        return int(stop.code or 0)
    try:
        return args.func(args)
    except SurveyError as error:
        for problem in error.problems:
            _tell(str(problem))
        count = len(error.problems)
        _tell(f"{plural(count, 'problem')} found; nothing was analysed")
        return EXIT_BAD_INPUT
    except WorkspaceError as error:
        _tell(f"ecosystem {args.command}: {error}{_workspace_advice(error)}")
        return EXIT_BAD_INPUT
    except OptionError as error:
        _tell(f"ecosystem {args.command}: {error}")
        return EXIT_MISUSE
    except OSError as error:
        _tell(f"ecosystem {args.command}: cannot write output: {error}")
        return EXIT_BAD_INPUT


def _workspace_advice(error: WorkspaceError) -> str:
    """The command to type next about a workspace error, where there is one."""
    folder = error.path
    advice = {
        WORKSPACE_MISSING: f"create one with `ecosystem import FILE... --workspace {folder}` "
        f"or `ecosystem workspace init {folder}`",
        WORKSPACE_DAMAGED: f"see what is wrong with `ecosystem workspace check --workspace "
        f"{folder}`",
        WORKSPACE_EXISTS: "choose another folder, or replace it with --force",
    }.get(error.kind)
    return f"; {advice}" if advice else ""

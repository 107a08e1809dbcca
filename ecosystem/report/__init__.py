"""One self-contained HTML report of a hub's ecosystem (or every hub's) across two waves.

An evaluation report writer wants one file to read, quote from and send on: both networks
on the same positions, what changed said in plain words with its uncertainty, the
organisations that moved most, the missing connections with their reasons, every measure of
every organisation, and what each measure means. :func:`html_report` composes the core into
that file:

* the networks come from :func:`ecosystem.network.build_network` (through
  :func:`ecosystem.analysis.change.compare_waves`) and are drawn by
  :mod:`ecosystem.figures` on positions from :func:`ecosystem.service.positions` (every
  wave of the hub, every tie: the dashboard's), so an organisation sits in the same place
  in every picture, and where it sits on the screen;
* the findings are :func:`ecosystem.analysis.change.describe_changes` and the gaps
  :func:`ecosystem.analysis.gaps.find_gaps` (for the hub, or for each hub in turn);
* the tables are :func:`ecosystem.analysis.tables.organisation_table` of each wave, and the
  glossary is :data:`ecosystem.glossary.MEASURES`.

:mod:`ecosystem.report.sections` says what each section holds; the Jinja2 templates in
``ecosystem/report/templates`` (one per section, with autoescaping) say how it is laid out
(:mod:`ecosystem.report.render`).

The file opens with no internet connection: plotly.js is embedded once, inline, in the
first figure (later figures reuse it), the stylesheet is inline, and nothing links outside
the file. Figure ``div`` ids are numbered, so the same survey and choices give the same
text, byte for byte.

**Hiding names.** With ``anonymise=True`` every organisation appears as its type and a
number ("VCSE 3"), from :mod:`ecosystem.anonymise`: graphs are relabelled before they are
drawn (names, hover texts and click data all come from the labels), and every table and
sentence has its names and aliases replaced, longest first, case-insensitively and as whole
words. The labels are numbered within each type in name order over the whole survey, so one
organisation has the same label in every report of that survey. Hub names (the ``hub``
column of the organisations file, e.g. "Dorset") name the ecosystem that the report covers
and are kept, unless a hub name is also an organisation's name or alias.

Nothing here writes a file: a face (the command line, :mod:`ecosystem.exhibits`) writes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from ecosystem.anonymise import Anonymiser
from ecosystem.codebook import ALL_HUBS
from ecosystem.errors import OptionError
from ecosystem.figures import ILLUSTRATIVE_COLOUR, ILLUSTRATIVE_TEXT
from ecosystem.network import NetworkOptions, resolve_hub
from ecosystem.report.render import Charts, render
from ecosystem.report.sections import (
    MOVED_MEASURES,
    REPORT_SECTIONS,
    SECTIONS,
    Material,
    gaps_of,
)
from ecosystem.service import (
    DEFAULT_PAIRS,
    NoComparisonError,
    choose_wave,
    compare_waves,
    positions,
)
from ecosystem.settings import SETTINGS
from ecosystem.survey import Survey

__all__ = ["MOVED_MEASURES", "REPORT_SECTIONS", "html_report"]


def html_report(
    survey: Survey,
    hub: str | None,
    wave_from: str,
    wave_to: str,
    options: NetworkOptions | None = None,
    illustrative: bool = False,
    anonymise: bool = False,
    names: Mapping[str, str] | None = None,
    title: str | None = None,
    *,
    permutations: int = SETTINGS.permutations,
    samples: int = SETTINGS.samples,
    seed: int = SETTINGS.seed,
    pairs: str = DEFAULT_PAIRS,
) -> str:
    """A self-contained HTML report of one hub's ecosystem (or all hubs) across two waves.

    Sections (:data:`REPORT_SECTIONS`): what the report covers (scope, waves, the tie
    weighting and filters, the data and each wave's response rate); the two networks on
    shared positions; what changed, in plain sentences
    (:func:`~ecosystem.analysis.change.describe_changes`) with the difference map, the
    network measures of both waves and the partnerships each hub catalysed; the
    organisations whose measures (:data:`MOVED_MEASURES`) moved most; brokerage and
    structural holes in the later wave; the missing connections
    (:func:`~ecosystem.analysis.gaps.find_gaps`) of the hub, or of each hub, in the later
    wave with their reasons; every measure of every organisation in both waves; and the
    glossary (:data:`ecosystem.glossary.MEASURES`).

    Parameters
    ----------
    survey : Survey
        The validated survey. Never modified.
    hub : str or None
        A hub name or the hub organisation's name (as
        :func:`ecosystem.network.resolve_hub` accepts); ``None`` covers every
        organisation, with the gaps of each hub in turn. Replaces ``options.hub``.
    wave_from, wave_to : str
        The earlier and the later wave (matched case- and space-insensitively).
    options : NetworkOptions, optional
        How answers become ties (weighting, reconciliation, tie filters).
    illustrative : bool, optional
        Say "Illustrative data" at the top and on every figure (the demo's responses are
        synthetic).
    anonymise : bool, optional
        Hide every organisation's name and alias behind a label such as "VCSE 3" (see the
        module notes).
    names : mapping, optional
        Name -> label to use when ``anonymise`` is True; by default
        :func:`ecosystem.anonymise.anonymous_names` ("<short type> <n>", numbered within
        each type in order of name, ignoring case, over the whole survey). Aliases of a
        named organisation take its label; an organisation the mapping lacks gets an
        unused "Organisation <n>", so no name is ever left showing.
    title : str, optional
        The report's title; by default the scope and the two waves.
    permutations, samples, seed : int, optional
        Passed to :func:`~ecosystem.analysis.change.compare_waves`: QAP permutations,
        density bootstrap samples and their seed.
    pairs : str, optional
        Which pairs of organisations the comparison compares
        (:data:`~ecosystem.service.PAIR_CHOICES`): like with like by default, or "all".

    Returns
    -------
    str
        A complete HTML document (UTF-8 text) that needs no network connection: about
        5 MB, nearly all of it the plotly.js bundle, embedded once.

    Raises
    ------
    OptionError
        For an unknown wave or hub, or when both waves are the same.

    Notes
    -----
    The uncertainty in the findings comes from Krackhardt's (1987) QAP and Snijders and
    Borgatti's (1999) paired bootstrap; the measures' references are in the glossary.
    """
    # Long only for its numpydoc docstring: the sections and templates hold the content.
    first = choose_wave(survey, wave_from)
    second = choose_wave(survey, wave_to)
    if first == second:
        raise OptionError("a report compares two different waves; choose another wave")
    resolved = resolve_hub(survey, hub) if hub is not None else None
    options = replace(options or NetworkOptions(), hub=resolved)
    try:
        c = compare_waves(
            survey,
            first,
            second,
            options,
            permutations=permutations,
            samples=samples,
            seed=seed,
            pairs=pairs,
        )
    except NoComparisonError as error:  # no numbers: the reason, and the way to every pair
        raise OptionError(
            f"{error.result.sentence} A report of every pair is one switch away (pairs: all)."
        ) from None
    shown = Anonymiser.for_survey(
        survey.organisations, anonymise, names, others=[*c.before, *c.after]
    )
    scope = shown.text(resolved or ALL_HUBS)
    material = Material(
        survey=survey,
        c=c,
        names=shown,
        before=shown.graph(c.before),
        after=shown.graph(c.after),
        tables=(shown.table(c.tables_before), shown.table(c.tables_after)),
        positions=shown.positions(positions(survey, options)),
        scope=scope,
        gaps=gaps_of(survey, [resolved] if resolved is not None else survey.hubs, c),
        several_hubs=resolved is None,
        illustrative=illustrative,
        charts=Charts(),
        uncertainty=(permutations, samples, seed),
    )
    return render(
        "report.html",
        heading=shown.text(title or f"Partner-mapping report: {scope}, {first} to {second}"),
        scope=scope,
        first=first,
        second=second,
        illustrative=illustrative,
        illustrative_text=ILLUSTRATIVE_TEXT,
        illustrative_colour=ILLUSTRATIVE_COLOUR,
        contents=list(REPORT_SECTIONS.items()),
        sections=[
            (key, heading, SECTIONS[key](material)) for key, heading in REPORT_SECTIONS.items()
        ],
    )

"""The report's "Core functions" section: the hubs' three core functions across the two waves.

Central coordination, information dissemination and catalysing partnerships of the report's
hub (or of every hub), from the earlier to the later wave: the chart the dashboard's Core
functions view draws, each hub's findings in plain words, and every indicator with its
change (:func:`ecosystem.service.functions_by_hub`, the numbers of the command line and the
exports).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from ecosystem.anonymise import Anonymiser
from ecosystem.figures.functions import functions_figure, functions_text
from ecosystem.report.render import Charts, table
from ecosystem.service import functions_by_hub, functions_table
from ecosystem.survey import Survey

if TYPE_CHECKING:
    from ecosystem.analysis.change import WaveComparison


class _Material(Protocol):
    """What this section reads of :class:`ecosystem.report.sections.Material` (named here
    rather than imported, so the sections and this module do not import each other)."""

    # read-only, as the frozen Material's fields are
    @property
    def survey(self) -> Survey: ...
    @property
    def c(self) -> WaveComparison: ...
    @property
    def names(self) -> Anonymiser: ...
    @property
    def scope(self) -> str: ...
    @property
    def illustrative(self) -> bool: ...
    @property
    def charts(self) -> Charts: ...
    @property
    def uncertainty(self) -> tuple[int, int, int]: ...
    @property
    def waves(self) -> tuple[str, str]: ...


def functions_section(m: _Material) -> dict[str, Any]:
    """Each hub's indicators of its three core functions, their changes and findings."""
    c = m.c
    _, samples, seed = m.uncertainty
    results = functions_by_hub(
        m.survey, c.wave_to, c.options, c.wave_from, samples=samples, seed=seed
    )
    if not results:
        return {"chart": None, "findings": [], "table": None}
    indicators = functions_table(results)
    chart = m.charts(
        functions_figure(
            indicators,
            title=f"{m.scope}: the hubs' three core functions",
            illustrative=m.illustrative,
            waves=m.waves,
        ),
        "The hubs' three core functions",
    )
    shown = table(
        m.names.table(functions_text(indicators)),
        caption=f"Each hub's indicators, {c.wave_from} and {c.wave_to}",
        table_id="functions-table",
    )
    findings = [
        (m.names.text(result.hub), [m.names.text(sentence) for sentence in result.findings])
        for result in results
    ]
    return {"chart": chart, "findings": findings, "table": shown}

"""How to read this: a plain-language explanation of every measure, from the glossary."""

from __future__ import annotations

from dash import html

from ecosystem.codebook import FREQUENCY
from ecosystem.dashboard import ids
from ecosystem.glossary import MEASURES, NETWORK_KEYS, ORGANISATION_KEYS


def glossary_list(keys) -> html.Dl:
    """Measures with their plain-language explanations (one source: the glossary)."""
    entries = []
    for key in keys:
        measure = MEASURES[key]
        reference = f" ({measure.reference})" if measure.reference else ""
        entries += [html.Dt(measure.display), html.Dd(measure.explanation + reference)]
    return html.Dl(entries, className="glossary")


def guide_view() -> html.Div:
    """How to read this: a plain-language explanation of every measure."""
    lowest, highest = FREQUENCY.labels[1], FREQUENCY.labels[FREQUENCY.top]
    return html.Div(
        [
            html.P(
                "Ties come from the partner-mapping survey: a tie exists where a respondent "
                "reports any interaction; arcs follow the direction of support; weights are "
                f"how often the two interact (1 = {lowest.lower()}, {FREQUENCY.top} = "
                f"{highest.lower()}). "
                "Where both organisations answered, their reports are averaged.",
            ),
            html.Div(
                [
                    html.H2("Measures of each organisation"),
                    glossary_list(ORGANISATION_KEYS),
                    html.H2("Measures of the whole network"),
                    glossary_list(NETWORK_KEYS),
                ],
                id=ids.GUIDE_TEXT,
            ),
        ]
    )

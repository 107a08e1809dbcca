"""Missing connections: whom a hub should work with more, and whom it should introduce.

The first question a hub lead asks of the map. :func:`network_gaps` answers it for one
hub's network in one wave with a table of **findings**, one row each, of six kinds
(:data:`GAP_KINDS`, titled in :data:`GAP_TITLES`), one module each:

``relevance_gap`` (:func:`relevance_gaps`, ``relevance.py``)
    Partners rated Relevant or Highly relevant but met rarely or never; and, as a separate
    note (``detail`` ``"frequent_not_relevant"``), partners met monthly or more but rated
    Not relevant.
``introduction`` (:func:`introductions`, ``introductions.py``)
    Pairs of the hub's partners with no tie between them: open triads the hub spans [1]_
    (structural holes, in Burt's term [2]_), which the hub can close by introducing them
    (the report's "catalysing partnerships"); partners who already share partners rank
    higher, as in link prediction [3]_, [4]_, [5]_.
``missing_type`` (:func:`missing_types`, ``missing.py``)
    Kinds of organisation expected around a hub (:data:`EXPECTED_TYPES`) that are absent
    from its roster or only weakly tied to the hub.
``one_sided`` (:func:`one_sided_ties`, ``one_sided.py``)
    Support that flows only towards the hub, and ties that only one side reports.
``fragile`` (:func:`fragile_partners`, ``fragile.py``)
    Partners that hang on a single tie (a bridge [1]_): lose it and they are cut off from
    the hub.
``lost_tie`` (:func:`lost_ties`, ``lost.py``)
    Ties of the previous wave that are gone now.

The reasons' words (and the one-sentence actions) live in ``wording.py``, apart from the
scoring; what a hub lead reads first (counts per kind, the strongest actions across kinds)
in ``summary.py``; the table and the building blocks every kind shares in ``findings.py``.
The findings of a survey's hub in a wave chosen by name
(:func:`ecosystem.service.find_gaps`) and of every hub in turn
(:func:`ecosystem.service.find_gaps_by_hub`) are in the service layer, which builds the
networks and calls :func:`network_gaps`.

Every function returns the columns :data:`FINDING_COLUMNS`:

* ``hub``, ``wave``: the hub and wave of the network (its graph attributes);
* ``kind`` and ``detail``: the kind of finding and its variant (:data:`GAP_DETAILS`);
* ``organisation`` and ``other``: organisation names. ``organisation`` is the one the
  finding is about and ``other`` the one it relates to: the partner and the hub
  organisation (relevance gaps, support flowing to the hub, lost ties with the hub); the
  two partners in name order (introductions, lost ties between partners); the side that
  reports a tie and the side that does not (ties only one side reports); the partner cut
  off and the organisation it hangs on (fragile). A ``missing_type`` finding concerns a
  kind of organisation, not one organisation: its ``organisation`` is ``""`` and
  ``other`` holds the type's label ("Local council"), with the type key in
  ``other_type``;
* ``organisation_type``, ``other_type``: type keys (``""`` where not applicable);
* ``score`` in [0, 1], higher = more worth acting on, comparable within a kind (each
  function's Notes say how it is computed);
* ``reason``: one or two plain sentences addressed to the hub lead ("you" = the hub);
* ``evidence``: the numbers behind the finding, in a short factual string.

The hub organisation is the node (or nodes) of type ``"hub"`` of the hub's network. Weights
are **strengths**: a tie's strength is its weight over the top of the weighting's scale
(:func:`ecosystem.codebook.weighting_top`, :data:`WEIGHT_SCALES`), so a weekly tie has
strength 1 under the default weighting. The thresholds and tops of the answer scales come
from the codebook (:data:`ecosystem.codebook.RELEVANT`, :data:`ecosystem.codebook.RARELY`,
``RELEVANCE.top``, ``FREQUENCY.top``). Relevance and "Never" answers live in the
responses, not in the graph (a "Never" makes no tie), so the functions that need them take
the wave's responses too. Nothing here modifies the graph or the responses it is given.

References
----------
.. [1] Granovetter, M. S. (1973). The strength of weak ties. *American Journal of
   Sociology* 78(6), 1360-1380 (open triads, bridges).
.. [2] Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*. Harvard
   University Press (brokers spanning open triads).
.. [3] Liben-Nowell, D. and Kleinberg, J. (2007). The link-prediction problem for social
   networks. *Journal of the American Society for Information Science and Technology*
   58(7), 1019-1031.
.. [4] Adamic, L. A. and Adar, E. (2003). Friends and neighbors on the Web. *Social
   Networks* 25(3), 211-230.
.. [5] Zhou, T., Lü, L. and Zhang, Y.-C. (2009). Predicting missing links via local
   information. *European Physical Journal B* 71(4), 623-630 (resource allocation index).

Examples
--------
The hub rates a charity highly relevant but meets it rarely; the charity and a university
both work with the hub, not with each other:

>>> import networkx as nx
>>> import pandas as pd
>>> G = nx.DiGraph(hub="North", wave="W", weighting="frequency")
>>> G.add_nodes_from([("Hub", {"type": "hub"}), ("University", {"type": "university"}),
...                   ("Charity", {"type": "VCSE"})])
>>> G.add_edge("Hub", "University", weight=3.0, frequency=3.0, relevance=3.0)
>>> G.add_edge("Charity", "Hub", weight=1.0, frequency=1.0, relevance=3.0)
>>> responses = pd.DataFrame({"wave": ["W", "W"], "respondent": ["Hub", "Hub"],
...     "partner": ["University", "Charity"], "frequency": [3, 1], "relevance": [3.0, 3.0]})
>>> gaps = network_gaps(G, responses)
>>> gaps.loc[gaps["kind"] == "introduction", ["organisation", "other"]].values.tolist()
[['Charity', 'University']]
>>> print(gaps.loc[gaps["kind"] == "relevance_gap", "reason"].iloc[0])
You rate Charity as highly relevant but meet them less than quarterly. Consider meeting more \
often or working on something together.
"""

from ecosystem.analysis.gaps.combined import network_gaps
from ecosystem.analysis.gaps.findings import (
    FINDING_COLUMNS,
    GAP_DETAILS,
    GAP_KINDS,
    GAP_TITLES,
    WEIGHT_SCALES,
)
from ecosystem.analysis.gaps.fragile import fragile_partners
from ecosystem.analysis.gaps.introductions import (
    COMPLEMENTARY_TYPES,
    INTRODUCTION_WEIGHTS,
    introductions,
    link_prediction,
)
from ecosystem.analysis.gaps.lost import lost_ties
from ecosystem.analysis.gaps.missing import EXPECTED_TYPES, missing_types
from ecosystem.analysis.gaps.one_sided import one_sided_ties
from ecosystem.analysis.gaps.relevance import relevance_gaps
from ecosystem.analysis.gaps.summary import (
    STRONGEST,
    interleaved,
    kind_counts,
    strongest_actions,
)
from ecosystem.analysis.gaps.wording import ACTIONS, action_sentence

__all__ = [
    "ACTIONS",
    "COMPLEMENTARY_TYPES",
    "EXPECTED_TYPES",
    "FINDING_COLUMNS",
    "GAP_DETAILS",
    "GAP_KINDS",
    "GAP_TITLES",
    "INTRODUCTION_WEIGHTS",
    "STRONGEST",
    "WEIGHT_SCALES",
    "action_sentence",
    "fragile_partners",
    "interleaved",
    "introductions",
    "kind_counts",
    "link_prediction",
    "lost_ties",
    "missing_types",
    "network_gaps",
    "one_sided_ties",
    "relevance_gaps",
    "strongest_actions",
]

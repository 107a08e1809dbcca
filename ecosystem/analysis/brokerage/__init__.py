"""Gould & Fernandez brokerage by organisation type, as R's ``sna::brokerage`` computes it.

Gould and Fernandez [1]_ class brokerage by the groups of the three organisations involved;
R's ``sna`` package [2]_ computes their counts and their null model, and this package
reproduces ``sna``'s numbers.

An organisation *b* brokers the ordered pair (*a*, *c*) when there are arcs a -> b and
b -> c but no arc a -> c (*a*, *b* and *c* distinct). Each such open two-path is given one of
five roles according to the organisation types of the three organisations:

==============  =====================  ==================================
role            types                  R ``sna`` column (UCINET name)
==============  =====================  ==================================
coordinator     G(a) = G(b) = G(c)     ``w_I``
gatekeeper      G(a) != G(b) = G(c)    ``b_OI``
representative  G(a) = G(b) != G(c)    ``b_IO``
consultant      G(a) = G(c) != G(b)    ``w_O`` (itinerant broker)
liaison         all three differ       ``b_O``
==============  =====================  ==================================

For a hub this separates "brings partners of its own kind together" (coordinator) from
"lets outsiders reach its own kind" (gatekeeper), "speaks for its own kind to others"
(representative), "links two partners of another kind" (consultant) and "links two different
kinds, neither its own" (liaison): the report's "catalysing partnerships" function.

Only arcs count: tie weights are ignored, and a self-tie brokers nothing. An undirected tie
counts as arcs both ways, so each brokered unordered pair counts twice, as in ``sna``.

The null model (``brokerage_expectations``, ``brokerage_summary``) is ``sna``'s: arcs present
independently with probability equal to the density, types held fixed; expectations and
standard deviations are Gould & Fernandez's closed forms [1]_ as coded in ``sna`` 2.8 [2]_.

See Also
--------
ecosystem.analysis.centrality.betweenness : standing between others, whatever their types.
ecosystem.analysis.structural_holes.constraint : room to broker among one's own partners.

References
----------
.. [1] Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation: a formal approach
   to brokerage in transaction networks. *Sociological Methodology* 19, 89-126.
.. [2] Butts, C. T. (2008). Social network analysis with sna. *Journal of Statistical
   Software* 24(6), 1-51; R package ``sna`` 2.8, function ``brokerage``.
"""

from ecosystem.analysis.brokerage.expectations import brokerage_expectations, brokerage_summary
from ecosystem.analysis.brokerage.pairs import brokerage_type_matrix, brokered_pairs
from ecosystem.analysis.brokerage.roles import ROLES, brokerage_roles

__all__ = [
    "ROLES",
    "brokerage_expectations",
    "brokerage_roles",
    "brokerage_summary",
    "brokerage_type_matrix",
    "brokered_pairs",
]

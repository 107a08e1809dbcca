"""How an ecosystem changed between two survey waves, and whether a change is more than noise.

An evaluator comparing the formative and the summative wave asks three questions, and this
package answers each with a table and, where chance could explain a difference, a measure
of uncertainty:

* **What changed, tie by tie?** (``ties.py``) :func:`tie_changes` lists every arc of either
  wave as kept, gained or lost, whether a kept arc became stronger or weaker, and whether a
  pair's direction of support changed; :func:`organisation_presence` flags organisations
  that are in one wave only (their arcs still count as gained or lost, never silently
  dropped); :func:`change_by_organisation` and :func:`change_by_type_pair` add the changes
  up; :func:`organisation_change` (``organisations.py``) sets every measure and rank of the
  two waves side by side.
* **Did the network keep its shape?** :func:`jaccard_index` and :func:`hamming_distance`
  (``stability.py``: Snijders' stability measures, as RSiena reports them) and :func:`qap`
  / :func:`qap_weighted` (``correlation.py``: the correlation of the two waves' ties, with
  Krackhardt's permutation test).
* **Did it become denser, beyond noise?** :func:`density_change` (``density.py``), a paired
  bootstrap over organisations (Snijders and Borgatti 1999; UCINET's "Compare densities
  (paired)").

:func:`catalysed_pairs` (``catalysis.py``) looks at one of the hub functions the
programme's evaluation names, **catalysing partnerships**: of the pairs of a hub's partners
that were not tied to each other in the earlier wave, how many were tied in the later one.
:func:`compare_networks` (``comparison.py``) runs everything on two networks;
:func:`comparison_summary` gives JSON-ready numbers and :func:`describe_changes`
(``wording.py``) plain sentences for a report. Two waves of a survey, chosen by name, are
compared by :func:`ecosystem.service.compare_waves`, which builds the networks.

Conventions: graphs are :class:`networkx.DiGraph` with arcs in the direction of support, a
``weight`` that is a **strength** (higher = closer; 1 where missing) and a node attribute
``type``; nothing here modifies a graph or table it is given. Measures of stability and
density compare only the organisations **present in both waves** (as RSiena counts only the
cells observed at both waves), so an organisation joining or leaving is not mistaken for
ties changing; the tie tables keep every arc. An organisation's type is taken from the later
wave where it is there, else from the earlier one (``UNKNOWN_TYPE`` of the codebook where
neither gives one).

References
----------
Krackhardt, D. (1987). QAP partialling as a test of spuriousness. *Social Networks* 9,
171-186.

Snijders, T. A. B. and Borgatti, S. P. (1999). Non-parametric standard errors and tests for
network statistics. *Connections* 22(2), 61-70.

Snijders, T. A. B., van de Bunt, G. G. and Steglich, C. E. G. (2010). Introduction to
stochastic actor-based models for network dynamics. *Social Networks* 32, 44-60 (Jaccard
index); Ripley, R. M., Snijders, T. A. B. et al., *Manual for RSiena* (distance, Jaccard).

Phipson, B. and Smyth, G. K. (2010). Permutation p-values should never be zero.
*Statistical Applications in Genetics and Molecular Biology* 9(1), article 39.
"""

from ecosystem.analysis.change.catalysis import catalysed_pairs
from ecosystem.analysis.change.comparison import (
    WaveComparison,
    compare_networks,
    comparison_summary,
)
from ecosystem.analysis.change.correlation import QAPResult, qap, qap_weighted
from ecosystem.analysis.change.density import DensityChange, density_change
from ecosystem.analysis.change.organisations import (
    CHANGE_MEASURES,
    LOWER_RANKS_FIRST,
    organisation_change,
)
from ecosystem.analysis.change.stability import hamming_distance, jaccard_index
from ecosystem.analysis.change.ties import (
    TIE_CHANGE_COLUMNS,
    change_by_organisation,
    change_by_type_pair,
    organisation_presence,
    tie_changes,
)
from ecosystem.analysis.change.wording import describe_changes

__all__ = [
    "CHANGE_MEASURES",
    "LOWER_RANKS_FIRST",
    "TIE_CHANGE_COLUMNS",
    "DensityChange",
    "QAPResult",
    "WaveComparison",
    "catalysed_pairs",
    "change_by_organisation",
    "change_by_type_pair",
    "compare_networks",
    "comparison_summary",
    "density_change",
    "describe_changes",
    "hamming_distance",
    "jaccard_index",
    "organisation_change",
    "organisation_presence",
    "qap",
    "qap_weighted",
    "tie_changes",
]

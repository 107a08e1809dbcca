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
  (``stability.py``: Snijders' stability measures [1]_, as RSiena reports them [2]_) and
  :func:`qap` / :func:`qap_weighted` (``correlation.py``: the correlation of the two waves'
  ties, with Krackhardt's permutation test [3]_, whose p-value is never 0 [4]_).
* **Did it become denser, beyond noise?** :func:`density_change` (``density.py``), a paired
  bootstrap over organisations (Snijders and Borgatti [5]_; UCINET's "Compare densities
  (paired)" [6]_).

:func:`catalysed_pairs` (``catalysis.py``) looks at one of the hub functions the
programme's evaluation names, **catalysing partnerships**: of the pairs of a hub's partners
that were not tied to each other in the earlier wave, how many were tied in the later one.
:func:`compare_networks` (``comparison.py``) runs everything on two networks;
:func:`comparison_summary` gives JSON-ready numbers and :func:`describe_changes`
(``wording.py``) plain sentences for a report. Two waves of a survey, chosen by name, are
compared by :func:`ecosystem.service.compare_waves`, which builds the networks.

**Like with like** (``pairs.py``): every measure of change takes ``pairs=``, the pairs
observed in both waves (:func:`compared_pairs`), so that a tie first seen where one side
answered only in the later wave is not counted as gained; :func:`compare_networks` takes
``pairs="both-observed"`` and says how many pairs it left out, and why.

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
.. [1] Snijders, T. A. B., van de Bunt, G. G. and Steglich, C. E. G. (2010). Introduction to
   stochastic actor-based models for network dynamics. *Social Networks* 32(1), 44-60.
.. [2] Ripley, R. M., Snijders, T. A. B. et al. *Manual for RSiena*. University of Oxford,
   Department of Statistics; Nuffield College (distance, Jaccard index).
.. [3] Krackhardt, D. (1987). QAP partialling as a test of spuriousness. *Social Networks*
   9(2), 171-186.
.. [4] Phipson, B. and Smyth, G. K. (2010). Permutation p-values should never be zero:
   calculating exact p-values when permutations are randomly drawn. *Statistical
   Applications in Genetics and Molecular Biology* 9(1), article 39.
.. [5] Snijders, T. A. B. and Borgatti, S. P. (1999). Non-parametric standard errors and
   tests for network statistics. *Connections* 22(2), 161-170.
.. [6] Borgatti, S. P., Everett, M. G. and Freeman, L. C. (2002). *Ucinet for Windows:
   Software for Social Network Analysis*. Analytic Technologies.
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
from ecosystem.analysis.change.pairs import (
    PAIR_RULES,
    ComparedPairs,
    NoComparisonError,
    NotComparable,
    PairsNote,
    compared_pairs,
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
    "PAIR_RULES",
    "TIE_CHANGE_COLUMNS",
    "ComparedPairs",
    "DensityChange",
    "NoComparisonError",
    "NotComparable",
    "PairsNote",
    "QAPResult",
    "WaveComparison",
    "catalysed_pairs",
    "change_by_organisation",
    "change_by_type_pair",
    "compare_networks",
    "compared_pairs",
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

"""Networks as files for other tools: GraphML and GEXF, every node, arc and attribute kept.

:func:`write_graphml` and :func:`write_gexf` (and their bytes, :func:`graphml_bytes` and
:func:`gexf_bytes`) keep every organisation, arc and attribute, for Gephi, yEd, igraph or
networkx; ``networkx.read_graphml`` and ``networkx.read_gexf`` give the same network back.

References
----------
Brandes, U., Eiglsperger, M., Lerner, J. and Pich, C. (2013). Graph markup language
(GraphML). In R. Tamassia (ed.), *Handbook of Graph Drawing and Visualization*, 517-541.

GEXF Working Group (2009). *GEXF 1.2draft primer*. https://gexf.net/
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import networkx as nx
import numpy as np
import pandas as pd

__all__ = [
    "GEXF_RENAMED_EDGE",
    "GEXF_RENAMED_NODE",
    "gexf_bytes",
    "graphml_bytes",
    "write_gexf",
    "write_graphml",
]


def _attribute(value: Any) -> Any:
    """An attribute value GraphML and GEXF can hold, or ``None`` to leave it out."""
    if isinstance(value, tuple | list | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return "; ".join(str(v) for v in items)
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _clean(attributes: Mapping[Any, Any], renamed: Mapping[str, str] | None = None) -> dict:
    cleaned = {}
    for key, value in attributes.items():
        kept = _attribute(value)
        if kept is not None:
            cleaned[(renamed or {}).get(str(key), str(key))] = kept
    return cleaned


def _interchange_graph(
    G: nx.DiGraph,
    node_renamed: Mapping[str, str] | None = None,
    edge_renamed: Mapping[str, str] | None = None,
) -> nx.DiGraph:
    H = G.__class__()
    H.graph.update(_clean(G.graph))
    for node, data in G.nodes(data=True):
        H.add_node(str(node), **_clean(data, node_renamed))
    for u, v, data in G.edges(data=True):
        H.add_edge(str(u), str(v), **_clean(data, edge_renamed))
    return H


def graphml_bytes(G: nx.DiGraph) -> bytes:
    """A network as a GraphML file's bytes, with every node, arc and graph attribute.

    GraphML holds text, numbers and true/false; lists (natures) become ``"; "``-joined
    text, and missing values (no hub, no relevance answer) are left out. Integer and
    decimal values of one attribute are written as decimals, as GraphML needs one type per
    attribute. ``networkx.read_graphml`` gives back the same organisations, arcs and
    weights.

    Parameters
    ----------
    G : networkx.DiGraph
        A network of :func:`ecosystem.network.build_network`. Not modified.
    """
    buffer = io.BytesIO()
    nx.write_graphml(_interchange_graph(G), buffer, infer_numeric_types=True)
    return buffer.getvalue()


def write_graphml(G: nx.DiGraph, path: Path | str) -> Path:
    """Write a network to a GraphML file (see :func:`graphml_bytes`); returns the path."""
    target = Path(path)
    target.write_bytes(graphml_bytes(G))
    return target


_GEXF_RESERVED: Final = ("id", "label", "type", "start", "end", "pid", "viz", "spells")
GEXF_RENAMED_EDGE: Final = {word: f"tie_{word}" for word in _GEXF_RESERVED}
"""Arc attributes whose names GEXF keeps for itself (``type`` means directed or not),
written under another name."""
GEXF_RENAMED_NODE: Final = {
    word: f"organisation_{word}" for word in _GEXF_RESERVED if word != "type"
}
"""Organisation attributes whose names GEXF keeps for itself, written under another name."""


def gexf_bytes(G: nx.DiGraph) -> bytes:
    """A network as a GEXF 1.2 file's bytes (Gephi's format), every node and arc attribute.

    As :func:`graphml_bytes`; attributes named with words GEXF keeps for itself (an arc's
    ``type`` means directed or undirected there) are written as ``tie_type``,
    ``organisation_label`` and so on. GEXF has no place for other graph attributes, so the
    hub and wave become the graph's name ("Dorset, Summative 2024"). ``networkx.read_gexf``
    gives back the same organisations, arcs and weights.

    Parameters
    ----------
    G : networkx.DiGraph
        A network of :func:`ecosystem.network.build_network`. Not modified.
    """
    H = _interchange_graph(G, GEXF_RENAMED_NODE, GEXF_RENAMED_EDGE)
    scope = [str(G.graph[key]) for key in ("hub", "wave") if _attribute(G.graph.get(key))]
    H.graph.clear()
    if scope:
        H.graph["name"] = ", ".join(scope)
    buffer = io.BytesIO()
    nx.write_gexf(H, buffer)
    return buffer.getvalue()


def write_gexf(G: nx.DiGraph, path: Path | str) -> Path:
    """Write a network to a GEXF 1.2 file (see :func:`gexf_bytes`); returns the path."""
    target = Path(path)
    target.write_bytes(gexf_bytes(G))
    return target

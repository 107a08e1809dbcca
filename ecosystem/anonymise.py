"""Hide organisations' names behind labels of their type and a number ("VCSE 3", "Trust 2").

Evaluation reports often must not name partners, yet a reader should still follow the
story ("the ICB", "a VCSE"). This is the one module that decides the labels and applies
them, so every figure, table, file and report of one survey shows each organisation under
the same label.

Labels
    :func:`anonymous_names` numbers the organisations of a survey from 1 within each type
    in name order (case-insensitive); the word a label starts with is the type's short
    name in the codebook (:func:`ecosystem.codebook.type_short`), "Organisation" for a
    type not given or not coded. :func:`with_aliases` and :func:`anonymous_lookup` add the
    aliases (former names, abbreviations), so text written with either spelling is hidden;
    :func:`with_fallback_labels` gives any other name an unused "Organisation <n>", so no
    name is ever left showing.
Applying them
    :func:`anonymise_text` (whole phrases, any case, longest first, one pass),
    :func:`anonymise_table` and :func:`anonymise_graph`; :class:`Anonymiser` bundles a
    lookup with all three and shows names unchanged when nothing is hidden.

Everything here is pure: inputs are never modified; new values are returned.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from functools import lru_cache
from typing import Any, Final

import networkx as nx
import pandas as pd

from ecosystem.codebook import UNKNOWN_TYPE, type_short

__all__ = [
    "DROPPED_NODE_ATTRIBUTES",
    "Anonymiser",
    "anonymise_graph",
    "anonymise_table",
    "anonymise_text",
    "anonymous_lookup",
    "anonymous_names",
    "with_aliases",
    "with_fallback_labels",
]

FALLBACK_WORD: Final = type_short(UNKNOWN_TYPE)
"""The word of a label for a type not given or not in the codebook: "Organisation"."""


def _name_order(name: str) -> tuple[str, str]:
    return (name.casefold(), name)


def anonymous_names(organisations: pd.DataFrame) -> dict[str, str]:
    """Label every organisation by its type and a number: "VCSE 3", "Trust 2", "Hub 1".

    Reports often must not name partners; a label that keeps the type still lets a reader
    follow the story ("the ICB", "a VCSE"). Organisations are numbered from 1 within their
    type in name order (case-insensitive), so the same survey always gets the same labels
    and every figure, table and file of one run agrees.

    Parameters
    ----------
    organisations : pandas.DataFrame
        ``Survey.organisations``: indexed by name, with a ``type`` column of codebook keys.
        Not modified.

    Returns
    -------
    dict
        Organisation name -> label. Types outside the codebook, and "type not given", are
        labelled "Organisation n".

    See Also
    --------
    anonymous_lookup : the same labels, reachable from aliases too.

    Examples
    --------
    >>> table = pd.DataFrame({"type": ["VCSE", "trust", "VCSE", "charity?"]},
    ...                      index=pd.Index(["Zeta Trust", "Alpha", "Beta", "X"], name="name"))
    >>> anonymous_names(table)
    {'Alpha': 'Trust 1', 'Beta': 'VCSE 1', 'X': 'Organisation 1', 'Zeta Trust': 'VCSE 2'}
    """
    types = organisations["type"] if "type" in organisations else pd.Series(dtype=object)
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    for name in sorted((str(n) for n in organisations.index), key=_name_order):
        if name in labels:
            continue
        kind = types.get(name)
        short = type_short(kind) if isinstance(kind, str) else FALLBACK_WORD
        counts[short] = counts.get(short, 0) + 1
        labels[name] = f"{short} {counts[short]}"
    return labels


def with_aliases(labels: Mapping[str, str], organisations: pd.DataFrame) -> dict[str, str]:
    """Labels of organisations, reachable from their aliases too.

    Free text, tables from other tools and answers keep the spelling their writer used
    ("Wessex AHSN" for "Health Innovation Wessex"), so hiding the canonical name alone would
    leak the alias. Every alias of a labelled organisation takes that organisation's label,
    and so does its short name ("HI Wessex"), which identifies it as well as a name does;
    a spelling that is already a key (another organisation's name, or an alias met earlier
    in name order) keeps its label.

    Parameters
    ----------
    labels : mapping
        Organisation name -> label, e.g. :func:`anonymous_names`. Not modified.
    organisations : pandas.DataFrame
        ``Survey.organisations``, with an ``aliases`` column (a tuple of names, or a
        ``;``-separated text, per organisation) and optionally ``short_name``. Not modified.

    Returns
    -------
    dict
        Name or alias -> label.

    Examples
    --------
    >>> table = pd.DataFrame({"aliases": [("Wessex AHSN",)]},
    ...                      index=pd.Index(["Health Innovation Wessex"], name="name"))
    >>> with_aliases({"Health Innovation Wessex": "Partner 1"}, table)
    {'Health Innovation Wessex': 'Partner 1', 'Wessex AHSN': 'Partner 1'}
    """
    lookup = {str(name): str(label) for name, label in labels.items()}
    for name in sorted(lookup, key=_name_order):
        if name not in organisations.index:
            continue
        aliases = organisations.loc[name].get("aliases", ())
        if isinstance(aliases, str):
            aliases = tuple(a.strip() for a in aliases.split(";"))
        if not isinstance(aliases, tuple | list):
            aliases = ()
        short = organisations.loc[name].get("short_name", "")
        for alias in (*aliases, short if isinstance(short, str) else ""):
            alias = str(alias).strip()
            if alias and alias not in lookup:
                lookup[alias] = lookup[name]
    return lookup


def anonymous_lookup(organisations: pd.DataFrame) -> dict[str, str]:
    """Every name and alias of every organisation -> its anonymous label.

    :func:`anonymous_names` with :func:`with_aliases`: the labels of the survey, reachable
    from any spelling of an organisation that the organisations file gives.

    Parameters
    ----------
    organisations : pandas.DataFrame
        ``Survey.organisations`` (``type`` and ``aliases``, a tuple of names, per
        organisation). Not modified.

    Returns
    -------
    dict
        Name or alias -> label of :func:`anonymous_names`.

    Examples
    --------
    >>> table = pd.DataFrame({"type": ["HIN"], "aliases": [("Wessex AHSN",)]},
    ...                      index=pd.Index(["Health Innovation Wessex"], name="name"))
    >>> anonymous_lookup(table)
    {'Health Innovation Wessex': 'HIN 1', 'Wessex AHSN': 'HIN 1'}
    """
    return with_aliases(anonymous_names(organisations), organisations)


def with_fallback_labels(lookup: Mapping[str, str], names: Iterable[object]) -> dict[str, str]:
    """``lookup`` with an unused "Organisation <n>" label for each name it lacks.

    A caller may give its own labels for some organisations only, and a network may hold
    an organisation that the organisations file lacks; giving those a label of their own
    keeps every name hidden. Numbers are taken in name order (case-insensitive), skipping
    any label already in use.

    Examples
    --------
    >>> with_fallback_labels({"A": "Organisation 2"}, ["A", "B", "C"])
    {'A': 'Organisation 2', 'B': 'Organisation 1', 'C': 'Organisation 3'}
    """
    complete = dict(lookup)
    used = set(complete.values())
    number = 0
    for name in sorted({str(n) for n in names} - set(complete), key=_name_order):
        number += 1
        while f"{FALLBACK_WORD} {number}" in used:
            number += 1
        complete[name] = f"{FALLBACK_WORD} {number}"
        used.add(complete[name])
    return complete


class _Replacer:
    """Whole-phrase, case-insensitive replacement of names in one pass, longest first."""

    def __init__(self, names: tuple[tuple[str, str], ...]):
        self.exact = dict(names)
        self.folded: dict[str, str] = {}
        for name, label in names:
            self.folded.setdefault(name.casefold(), label)
        phrases = sorted({name for name, _ in names if name.strip()}, key=lambda n: (-len(n), n))
        self.pattern = (
            re.compile(
                r"(?<!\w)(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)",
                re.IGNORECASE,
            )
            if phrases
            else None
        )

    def _label(self, match: re.Match[str]) -> str:
        found = match.group(0)
        return self.exact.get(found) or self.folded.get(found.casefold(), found)

    def text(self, text: str) -> str:
        if self.pattern is None or not text:
            return text
        return self.pattern.sub(self._label, text)

    def value(self, value: Any) -> Any:
        """A cell or attribute: text replaced, tuples and lists element by element."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, tuple):
            return tuple(self.value(v) for v in value)
        if isinstance(value, list):
            return [self.value(v) for v in value]
        return value


@lru_cache(maxsize=16)
def _cached_replacer(names: tuple[tuple[str, str], ...]) -> _Replacer:
    return _Replacer(names)


def _replacer(names: Mapping[str, str]) -> _Replacer:
    return _cached_replacer(tuple(sorted((str(k), str(v)) for k, v in names.items())))


def anonymise_text(text: str, names: Mapping[str, str]) -> str:
    """Replace every name in a text by its label: whole phrases, any case, longest first.

    Reasons, evidence and findings mention organisations in running text. A name is
    replaced only where it stands as a whole phrase (not inside a longer word), so "MFT"
    is hidden but "MFTs" or "Dorset" inside "Dorsetshire" would not be touched; a longer
    name wins over a shorter one it contains ("NHS Dorset patient engagement group" before
    "NHS Dorset"). Matching ignores case, erring on the side of hiding. One pass, so a
    label is never itself rewritten.

    Parameters
    ----------
    text : str
        Any text. Not modified (strings are immutable; a new string is returned).
    names : mapping
        Name or alias -> label, e.g. :func:`anonymous_lookup`.

    Examples
    --------
    >>> names = {"NHS Dorset": "ICB 1", "Dorset ICB": "ICB 1", "Dorset Council": "Council 1"}
    >>> anonymise_text("Introduce NHS Dorset's team to dorset council (Dorset ICB).", names)
    "Introduce ICB 1's team to Council 1 (ICB 1)."
    """
    return _replacer(names).text(text)


def _relabelled(G: nx.DiGraph, names: Mapping[str, str]) -> dict[Hashable, str]:
    mapping: dict[Hashable, str] = {}
    folded = {str(k).casefold(): v for k, v in names.items()}
    missing = []
    for node in G:
        label = names.get(node) if isinstance(node, str) else None
        if label is None:
            label = folded.get(str(node).casefold())
        if label is None:
            missing.append(node)
        else:
            mapping[node] = label
    if missing:
        raise ValueError(
            f"{len(missing)} organisation(s) have no anonymous label, e.g. '{missing[0]}': "
            "make the labels from the same survey's organisations (anonymous_lookup)"
        )
    taken: dict[str, Hashable] = {}
    for node, label in mapping.items():
        if label in taken:
            raise ValueError(
                f"'{taken[label]}' and '{node}' would both be shown as '{label}': "
                "they are one organisation under two names; merge them in the survey"
            )
        taken[label] = node
    return mapping


def _label_order(label: str) -> tuple[str, int, str]:
    """Sort key of anonymous labels: by type word, then by number ("Trust 2" < "Trust 10")."""
    word, _, number = label.rpartition(" ")
    return (word, int(number), label) if number.isdigit() else (label, 0, label)


DROPPED_NODE_ATTRIBUTES: Final = frozenset({"region"})
"""Node attributes left out of an anonymised graph: a region can single an organisation out.
A ``short_name`` identifies it as its name does, so it is blanked: pictures then draw the
label."""


def anonymise_graph(G: nx.DiGraph, names: Mapping[str, str]) -> nx.DiGraph:
    """A copy of a network with every organisation shown by its anonymous label.

    Node attributes are kept except ``region``, which can identify an organisation, and
    ``short_name``, which is left blank (a picture then draws the label); hub
    names (the programme's places, not organisations) stay. Every text attribute of nodes,
    arcs and the graph is passed through :func:`anonymise_text` too, so a hub column that
    names a hub organisation is hidden as well. Organisations come out in label order
    ("Council 1", "Council 2", ..., "VCSE 2"), so a file's node order does not betray
    the names' alphabetical order.

    Parameters
    ----------
    G : networkx.DiGraph
        A network of :func:`ecosystem.network.build_network`. Not modified.
    names : mapping
        Name (or alias) -> label, e.g. :func:`anonymous_lookup` of the same survey.

    Returns
    -------
    networkx.DiGraph
        A new graph of the same class, with the same arcs and weights.

    Raises
    ------
    ValueError
        Where an organisation has no label (names from another survey): better no file
        than one that names it.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_node("NHS Dorset", type="ICB", hubs="Dorset", region="South West")
    >>> G.add_node("Dorset Innovation Hub", type="hub", hubs="Dorset", region="South West")
    >>> G.add_edge("NHS Dorset", "Dorset Innovation Hub", weight=3.0)
    >>> H = anonymise_graph(G, {"NHS Dorset": "ICB 1", "Dorset Innovation Hub": "Hub 1"})
    >>> sorted(H.edges(data="weight")), H.nodes["ICB 1"]
    ([('ICB 1', 'Hub 1', 3.0)], {'type': 'ICB', 'hubs': 'Dorset'})
    """
    mapping = _relabelled(G, names)
    replace = _replacer(names)
    H = G.__class__()
    H.graph.update({key: replace.value(value) for key, value in G.graph.items()})
    for node in sorted(G, key=lambda n: _label_order(mapping[n])):
        attributes = {
            key: "" if key == "short_name" else replace.value(value)
            for key, value in G.nodes[node].items()
            if key not in DROPPED_NODE_ATTRIBUTES
        }
        H.add_node(mapping[node], **attributes)
    arcs = sorted(
        G.edges(data=True),
        key=lambda arc: (_label_order(mapping[arc[0]]), _label_order(mapping[arc[1]])),
    )
    for u, v, data in arcs:
        H.add_edge(
            mapping[u], mapping[v], **{key: replace.value(value) for key, value in data.items()}
        )
    return H


def _is_text_column(column: pd.Series) -> bool:
    return pd.api.types.is_object_dtype(column.dtype) or pd.api.types.is_string_dtype(column.dtype)


def _map_index(index: pd.Index, function: Callable[[Any], Any]) -> pd.Index:
    if isinstance(index, pd.MultiIndex):
        return index.set_levels(
            [
                level.map(function) if _is_text_column(level.to_series()) else level
                for level in index.levels
            ]
        )
    if not _is_text_column(index.to_series()):
        return index.copy()
    return index.map(function)


def anonymise_table(frame: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """A copy of a table with organisation names hidden everywhere they appear.

    The index (organisation tables are indexed by name), column headings, cells that hold
    a name (``organisation``, ``other``, ``source``, ``target``), tuples of names, and names
    inside free text (``reason``, ``evidence``) all pass through :func:`anonymise_text`:
    whole phrases, any case, aliases included, longest first. Numbers are untouched.

    Parameters
    ----------
    frame : pandas.DataFrame
        Any table. Not modified.
    names : mapping
        Name or alias -> label, e.g. :func:`anonymous_lookup`.

    Examples
    --------
    >>> names = {"NHS Dorset": "ICB 1", "Dorset ICB": "ICB 1", "BCP Council": "Council 1"}
    >>> gaps = pd.DataFrame({"organisation": ["BCP Council"], "other": ["NHS Dorset"],
    ...                      "reason": ["BCP Council and Dorset ICB meet."]})
    >>> anonymise_table(gaps, names).iloc[0].tolist()
    ['Council 1', 'ICB 1', 'Council 1 and ICB 1 meet.']
    """
    replace = _replacer(names)
    result = frame.copy()
    for position in range(result.shape[1]):
        column = result.iloc[:, position]
        if _is_text_column(column):
            result.isetitem(position, column.map(replace.value))
    result.index = _map_index(result.index, replace.value)
    result.columns = _map_index(result.columns, replace.value)
    return result


class Anonymiser:
    """Shows organisations by name, or hides them behind their labels, in every exhibit.

    An empty lookup shows names unchanged, so callers need not branch on anonymising.

    >>> hide = Anonymiser({"NHS Dorset": "ICB 1"})
    >>> hide.text("Meet NHS Dorset"), Anonymiser({}).text("Meet NHS Dorset")
    ('Meet ICB 1', 'Meet NHS Dorset')
    """

    def __init__(self, lookup: Mapping[str, str]):
        self.lookup = {str(name): str(label) for name, label in lookup.items() if str(name)}

    @classmethod
    def for_survey(
        cls,
        organisations: pd.DataFrame,
        anonymise: bool = True,
        names: Mapping[str, str] | None = None,
        others: Iterable[object] = (),
    ) -> Anonymiser:
        """The anonymiser of a survey: every organisation, alias and other name hidden.

        Parameters
        ----------
        organisations : pandas.DataFrame
            ``Survey.organisations``. Not modified.
        anonymise : bool
            False shows every name unchanged.
        names : mapping, optional
            Name -> label to use instead of :func:`anonymous_names`; an organisation it
            lacks gets an unused "Organisation <n>" (:func:`with_fallback_labels`), and
            aliases take their organisation's label (:func:`with_aliases`).
        others : iterable of str, optional
            Further names to hide (e.g. the organisations of a network); any of them
            without a label gets an unused "Organisation <n>" too.

        Examples
        --------
        >>> table = pd.DataFrame({"type": ["HIN"], "aliases": [("Wessex AHSN",)]},
        ...                      index=pd.Index(["Health Innovation Wessex"], name="name"))
        >>> Anonymiser.for_survey(table, others=["Acme"]).lookup
        {'Health Innovation Wessex': 'HIN 1', 'Wessex AHSN': 'HIN 1', 'Acme': 'Organisation 1'}
        >>> Anonymiser.for_survey(table, anonymise=False).hidden
        False
        """
        if not anonymise:
            return cls({})
        labels = anonymous_names(organisations) if names is None else names
        # Every organisation labelled before its aliases are added, so that an alias of an
        # organisation the given names lack is hidden too; strays last.
        labels = with_fallback_labels(labels, organisations.index)
        return cls(with_fallback_labels(with_aliases(labels, organisations), others))

    @property
    def hidden(self) -> bool:
        """True when names are hidden (the lookup is not empty)."""
        return bool(self.lookup)

    def text(self, value: object) -> str:
        """A sentence with every name and alias replaced by its label (one pass)."""
        return anonymise_text(str(value), self.lookup) if self.lookup else str(value)

    def name(self, value: object) -> object:
        """One name's label (text with names in it is anonymised; other values pass)."""
        if not self.lookup or not isinstance(value, str):
            return value
        return self.lookup.get(value, self.text(value))

    def graph(self, G: nx.DiGraph) -> nx.DiGraph:
        """:func:`anonymise_graph`, or the same graph when nothing is hidden."""
        return anonymise_graph(G, self.lookup) if self.lookup else G

    def table(self, frame: pd.DataFrame) -> pd.DataFrame:
        """:func:`anonymise_table`, or the same table when nothing is hidden."""
        return anonymise_table(frame, self.lookup) if self.lookup else frame

    def positions(
        self, positions: Mapping[str, tuple[float, float]]
    ) -> dict[str, tuple[float, float]]:
        """Node positions keyed by the labels the graph shows."""
        return {str(self.name(name)): xy for name, xy in positions.items()}

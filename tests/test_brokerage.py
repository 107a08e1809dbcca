"""Tests for ecosystem.analysis.brokerage (Gould & Fernandez brokerage, as R sna computes it).

Oracles, strongest first:

* R ``sna::brokerage`` 2.8 on 24 seeded random graphs, published in the public repository
  statistical-network-analysis-with-Julia/SNA.jl, file test/fixtures/sna_inference.toml,
  commit e9bea6e80fb65eda72a3a87ad66e32e0d62583bd ("computed by R sna 2.8"; R 4.6.1, script
  test/fixtures/r/sna_inference.R). Ten of those cases are copied below.
* A plain triple loop over (a, b, c), written here from the definition and sharing no code
  with the product (``brokerage_roles_bruteforce``), run on every directed real dataset and on
  random graphs.
* Regression totals for the Knoke, Krackhardt and Indiana data (derived with the same
  definition when the datasets were collected; not an independent oracle).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from ecosystem.analysis.brokerage import (
    ROLES,
    brokerage_expectations,
    brokerage_roles,
    brokerage_summary,
    brokerage_type_matrix,
    brokered_pairs,
)
from ecosystem.errors import OptionError

COLUMNS = [*ROLES, "total"]
# R sna's column order (w_I, w_O, b_IO, b_OI, b_O, t) in our role names.
SNA_COLUMNS = ["coordinator", "consultant", "representative", "gatekeeper", "liaison", "total"]
NAN = float("nan")


# --------------------------------------------------------------------------------------------
# The independent reference: a plain triple loop, straight from the definition


def brokerage_roles_bruteforce(G: nx.DiGraph, attribute: str = "type") -> pd.DataFrame:
    """Count roles by looping over every broker b, every a -> b and every b -> c."""
    counts = {node: dict.fromkeys(COLUMNS, 0) for node in G}
    kind = {node: G.nodes[node][attribute] for node in G}
    for b in G:
        for a in G.predecessors(b):
            for c in G.successors(b):
                if len({a, b, c}) < 3 or G.has_edge(a, c):
                    continue
                ga, gb, gc = kind[a], kind[b], kind[c]
                if ga == gb == gc:
                    role = "coordinator"
                elif ga == gb:
                    role = "representative"
                elif gb == gc:
                    role = "gatekeeper"
                elif ga == gc:
                    role = "consultant"
                else:
                    role = "liaison"
                counts[b][role] += 1
                counts[b]["total"] += 1
    table = pd.DataFrame.from_dict(counts, orient="index", columns=COLUMNS).astype(np.int64)
    table.index.name = "organisation"
    return table


# --------------------------------------------------------------------------------------------
# R sna 2.8 reference cases
#
# Copied from statistical-network-analysis-with-Julia/SNA.jl, test/fixtures/sna_inference.toml,
# commit e9bea6e80fb65eda72a3a87ad66e32e0d62583bd, computed by R sna 2.8 (brokerage(g, cl)).
# Node ids are 1-based as given; "directed" is the second entry of gK_meta; undirected edges
# are listed once and stand for a symmetric matrix. raw_nli and z_nli are n x 6 matrices
# flattened column-major; exp_grp / sd_grp are (types x 6) column-major with rows in clid
# order; every 6-column block is in sna's order (w_I, w_O, b_IO, b_OI, b_O, t).

# fmt: off
SNA_CASES: dict[str, dict] = {
    "g1": {
        "n": 11,
        "directed": False,
        "edges": [2, 5, 5, 8, 3, 9, 5, 9, 7, 9, 8, 9, 8, 10, 9, 10],
        "cl": [2, 2, 3, 2, 1, 2, 2, 3, 1, 3, 3],
        "raw_nli": [
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 1,
            0, 0, 1, 3, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 3, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 6, 0,
            0, 0, 0, 0, 0, 4, 0, 0, 2, 16, 0, 0,
        ],
        "z_nli": [
            -0.39270874949223117, -0.39270874949223117, -0.30137247635852416,
            -0.39270874949223117, NAN, -0.39270874949223117, -0.39270874949223117,
            -0.30137247635852416, NAN, -0.30137247635852416, -0.30137247635852416,
            -0.4336315672356128, -0.4336315672356128, -0.50473607543941867,
            -0.4336315672356128, -0.6130148055377993, -0.4336315672356128,
            -0.4336315672356128, -0.50473607543941867, 3.6252805016160981,
            -0.50473607543941867, -0.50473607543941867, -0.48671829108226605,
            -0.48671829108226605, -0.45528327227648752, -0.48671829108226605,
            1.5336753217307433, -0.48671829108226605, -0.48671829108226605,
            0.74386430917299029, 5.1971316960077134, -0.45528327227648752,
            -0.45528327227648752, -0.48671829108226605, -0.48671829108226605,
            -0.45528327227648752, -0.48671829108226605, 1.5336753217307433,
            -0.48671829108226605, -0.48671829108226605, 0.74386430917299029,
            5.1971316960077134, -0.45528327227648752, -0.45528327227648752,
            -0.45346100446492199, -0.45346100446492199, -0.48886507703967103,
            -0.45346100446492199, 1.1430159123352914, -0.45346100446492199,
            -0.45346100446492199, -0.48886507703967103, 4.7238523745070005,
            -0.48886507703967103, -0.48886507703967103, -0.77899525203524289,
            -0.77899525203524289, -0.77899525203524289, -0.77899525203524289,
            1.1359771926657554, -0.77899525203524289, -0.77899525203524289,
            0.17849097031525624, 6.88089452676875, -0.77899525203524289,
            -0.77899525203524289,
        ],
        "raw_gli": [0, 4, 5, 5, 8, 22],
        "exp_gli": [
            1.5186897069872274, 4.0136799398948151, 4.0136799398948151, 4.0136799398948151,
            4.3391134485349356, 17.898842975206609,
        ],
        "sd_gli": [
            1.6552125602343504, 2.8937269924345643, 2.7168157028231059, 2.7168157028231059,
            3.0233318317789912, 8.5029740377892296,
        ],
        "z_gli": [
            -0.91751944340744152, -0.0047274466218065071, 0.36304268231381209,
            0.36304268231381209, 1.2108781818074277, 0.48232030423318695,
        ],
        "exp_grp": [
            0.21695567242674679, 0.1084778362133734, 0, 0.25311495116453792,
            0.39775206611570241, 0.57854845980465808, 0.43391134485349359,
            0.3796724267468069, 0.16271675432006008, 0.43391134485349359,
            0.3796724267468069, 0.16271675432006008, 0.28927422990232904,
            0.36159278737791128, 0.72318557475582257, 1.6271675432006008,
            1.6271675432006008, 1.6271675432006008,
        ],
        "sd_grp": [
            0.55245948226839481, 0.3599460625074602, 0, 0.58370969802345696,
            0.78803970128234457, 0.94377567161219889, 0.89150408522484126,
            0.83392571145516814, 0.54593252810188719, 0.89150408522484126,
            0.83392571145516814, 0.54593252810188719, 0.63792526160803797,
            0.73965763635140647, 1.1170574367906418, 2.0888029021349994,
            2.0888029021349994, 2.0888029021349994,
        ],
        "clid": [2, 3, 1],
    },
    "g2": {
        "n": 5,
        "directed": True,
        "edges": [3, 1, 1, 2, 4, 2, 1, 3, 2, 3, 4, 3, 5, 3, 2, 4, 5, 4, 1, 5, 2, 5, 3, 5, 4, 5],
        "cl": [3, 3, 1, 3, 3],
        "raw_nli": [
            0, 1, 0, 1, 1, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1,
            3, 1, 2,
        ],
        "z_nli": [
            -0.9366274829933221, 0.1190247942603516, NAN, 0.1190247942603516,
            0.1190247942603516, NAN, NAN, 0.85028871737281964, NAN, NAN,
            -0.66229564467026569, -0.66229564467026569, NAN, -0.66229564467026569,
            -0.66229564467026569, 0.83062212297192228, -0.66229564467026569, NAN,
            -0.66229564467026569, 0.83062212297192228, NAN, NAN, NAN, NAN, NAN,
            -0.53737136809893848, -0.53737136809893848, 0.85028871737281964,
            -0.53737136809893848, 0.15645867463694058,
        ],
        "raw_gli": [3, 3, 0, 2, 0, 8],
        "exp_gli": [
            3.5490000000000004, 1.7745000000000002, 1.7745000000000002, 1.7745000000000002,
            0, 8.8725000000000005,
        ],
        "sd_gli": [
            1.8960846500090656, 1.4412751515585078, 1.6641301218654749, 1.6641301218654749,
            0, 3.0003766951001336,
        ],
        "z_gli": [
            -0.28954403486013958, 0.85028871737281964, -1.0663228654324228,
            0.13550623057481606, NAN, -0.29079681942099672,
        ],
        "exp_grp": [
            0.88725000000000009, -0.0, 0, 1.7745000000000002, 0.44362500000000005, 0,
            0.44362500000000005, 0, 0, 0, 1.7745000000000002, 1.7745000000000002,
        ],
        "sd_grp": [
            0.94728162061237098, 0, 0, 1.4412751515585078, 0.66982925762838996, 0,
            0.66982925762838996, 0, 0, 0, 1.4412751515585078, 1.4412751515585078,
        ],
        "clid": [3, 1],
    },
    "g3": {
        "n": 9,
        "directed": True,
        "edges": [6, 1, 4, 2, 2, 3, 3, 5, 6, 5, 3, 6, 2, 7, 9, 7, 2, 8, 1, 9],
        "cl": [2, 4, 3, 3, 3, 4, 3, 2, 4],
        "raw_nli": [
            0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 1, 3, 2, 0, 0, 1, 0, 0, 1,
        ],
        "raw_gli": [0, 4, 0, 1, 3, 8],
        "exp_gli": [
            0.49832818930041162, 1.8272033607681759, 1.8272033607681759, 1.8272033607681759,
            2.3919753086419759, 8.3719135802469165,
        ],
        "sd_gli": [
            0.8552794706033755, 1.7584256488863526, 1.7125631641137544, 1.7125631641137544,
            2.1050352071145406, 5.2390069462811555,
        ],
        "z_gli": [
            -0.58264953904348382, 1.2356488547627253, -1.0669407114766172,
            -0.4830206430349393, 0.28884300333934498, -0.070989327569209421,
        ],
        "exp_grp": [
            0, 0.033221879286694109, 0.099665637860082326, 0.29899691358024699,
            0.23255315500685875, 0.13288751714677643, 0.11627657750342937,
            0.19933127572016465, 0.24916409465020584, 0.11627657750342937,
            0.19933127572016465, 0.24916409465020584, 0.3986625514403293,
            0.26577503429355287, 0.19933127572016465, 0.93021262002743499,
            0.93021262002743499, 0.93021262002743499,
        ],
        "sd_grp": [
            0, 0.18074853430947724, 0.34429463060464766, 0.62982042471311472,
            0.55749888553937188, 0.38885578987359187, 0.43150381891241446,
            0.56497111795104482, 0.63165691253129397, 0.43150381891241446,
            0.56497111795104482, 0.63165691253129397, 0.77286954839835087,
            0.60897178338859836, 0.50754928827109935, 1.4367908050357523,
            1.4367908050357523, 1.4367908050357523,
        ],
        "clid": [2, 4, 3],
    },
    "g8": {
        "n": 9,
        "directed": False,
        "edges": [
            1, 2, 2, 3, 1, 4, 2, 4, 3, 4, 1, 5, 2, 5, 4, 5, 1, 6, 2, 6, 4, 6, 2, 7, 3, 7, 4,
            7, 5, 7, 6, 7, 1, 8, 2, 8, 4, 8, 5, 8, 7, 8, 1, 9, 2, 9, 3, 9, 4, 9, 5, 9, 6, 9,
            8, 9,
        ],
        "cl": [2, 1, 2, 2, 2, 1, 1, 2, 1],
        "raw_nli": [
            0, 2, 0, 6, 0, 2, 0, 0, 0, 0, 6, 2, 2, 2, 0, 4, 2, 6, 2, 4, 0, 4, 1, 1, 3, 1, 3,
            2, 4, 0, 4, 1, 1, 3, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 16, 2, 16, 4, 4, 10, 4,
            12,
        ],
        "raw_gli": [10, 24, 19, 19, 0, 72],
        "exp_gli": [
            11.292181069958849, 18.820301783264746, 18.820301783264746, 18.820301783264746,
            0, 67.753086419753089,
        ],
        "sd_gli": [
            3.5092048174448536, 7.4380760231837959, 6.5876934873876456, 6.5876934873876456,
            0, 9.9489118206811256,
        ],
        "z_gli": [
            -0.36822617578067746, 0.69637607905466592, 0.027277865474356386,
            0.027277865474356386, NAN, 0.42687217022254775,
        ],
        "exp_grp": [
            1.6131687242798356, 0.8065843621399178, 1.6131687242798356, 2.6886145404663924,
            2.150891632373114, 2.0164609053497942, 2.150891632373114, 2.0164609053497942, 0,
            0, 7.5281207133058992, 7.5281207133058992,
        ],
        "sd_grp": [
            1.2822435981164906, 0.87184544570329958, 1.2822435981164906, 1.7166189285114493,
            1.5353906462457809, 1.4866356007081383, 1.5353906462457809, 1.4866356007081383,
            0, 0, 3.1600413103876326, 3.1600413103876326,
        ],
        "clid": [2, 1],
    },
    "g9": {
        "n": 7,
        "directed": True,
        "edges": [
            2, 1, 6, 1, 3, 2, 5, 2, 6, 2, 7, 3, 1, 4, 2, 4, 5, 4, 6, 4, 1, 5, 2, 5, 2, 6, 7,
            6, 6, 7,
        ],
        "cl": [4, 2, 3, 4, 1, 2, 2],
        "raw_nli": [
            0, 0, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 1, 0, 2, 0, 0, 0, 0,
            0, 1, 4, 0, 0, 1, 0, 0, 1, 7, 1, 0, 1, 4, 1,
        ],
        "raw_gli": [2, 1, 4, 2, 6, 15],
        "exp_gli": [
            0.49198250728862969, 2.787900874635568, 2.787900874635568, 2.787900874635568,
            8.363702623906704, 17.219387755102037,
        ],
        "sd_gli": [
            0.77257326418217398, 2.0345707613609756, 2.0724059071721377, 2.0724059071721377,
            3.8253512343281511, 6.488520712632261,
        ],
        "z_gli": [
            1.9519410813519653, -0.87876072368188174, 0.58487534761873894,
            -0.38018656089949254, -0.61790473060229789, -0.34204834251067323,
        ],
        "exp_grp": [
            0, 0.1639941690962099, -0.0, -0.0, 0.49198250728862969, 0.1639941690962099,
            0.65597667638483959, 0.65597667638483959, 0.40998542274052474,
            0.65597667638483959, 0, 0, 0.40998542274052474, 0.65597667638483959, 0, 0,
            1.1479591836734693, 0.81997084548104948, 1.8039358600583089, 1.8039358600583089,
            2.4599125364431487, 2.4599125364431487, 2.4599125364431487, 2.4599125364431487,
        ],
        "sd_grp": [
            0, 0.38800402748867407, 0, 0, 0.77257326418217398, 0.38800402748867407,
            0.86453257537037376, 0.86453257537037376, 0.7863934135320475,
            0.99471772948637927, 0, 0, 0.7863934135320475, 0.99471772948637927, 0, 0,
            1.3341552532842802, 1.067712736039975, 1.776712824624562, 1.776712824624562,
            2.2721726012668042, 2.2721726012668042, 2.2721726012668042, 2.2721726012668042,
        ],
        "clid": [4, 2, 3, 1],
    },
    "g13": {
        "n": 5,
        "directed": False,
        "edges": [2, 3, 2, 4, 2, 5],
        "cl": [3, 4, 1, 3, 2],
        "raw_nli": [
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6, 0, 0, 0, 0, 6,
            0, 0, 0,
        ],
        "raw_gli": [0, 0, 0, 0, 6, 6],
        "exp_gli": [0, 0.378, 0.378, 0.378, 2.6459999999999999, 3.7800000000000002],
        "sd_gli": [
            0, 0.61204411605700448, 0.68214221391143948, 0.68214221391143948,
            2.0726721882632568, 2.7198272003934365,
        ],
        "z_gli": [
            NAN, -0.6176025389071691, -0.55413664818151043, -0.55413664818151043,
            1.6182008997816484, 0.81622832497552256,
        ],
        "exp_grp": [
            0, -0.0, -0.0, -0.0, 0, 0.126, 0.126, 0.126, 0.189, 0, 0, 0, 0.189, 0, 0, 0,
            0.378, 0.63, 0.63, 0.63, 0.75600000000000001, 0.75600000000000001,
            0.75600000000000001, 0.75600000000000001,
        ],
        "sd_grp": [
            0, 0, 0, 0, 0, 0.34360151338432726, 0.34360151338432726, 0.34360151338432726,
            0.48234738519038328, 0, 0, 0, 0.48234738519038328, 0, 0, 0,
            0.68214221391143948, 0.94162731481196948, 0.94162731481196948,
            0.94162731481196948, 1.0737318100903968, 1.0737318100903968,
            1.0737318100903968, 1.0737318100903968,
        ],
        "clid": [3, 4, 1, 2],
    },
    "g16": {
        "n": 8,
        "directed": True,
        "edges": [
            7, 1, 8, 1, 3, 2, 5, 2, 1, 3, 2, 3, 6, 3, 8, 3, 6, 4, 7, 4, 2, 5, 4, 5, 7, 5, 4,
            6, 6, 7, 8, 7, 3, 8, 4, 8, 5, 8,
        ],
        "cl": [4, 1, 2, 4, 2, 2, 3, 1],
        "raw_nli": [
            0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 1, 1, 0, 1, 2, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 1, 0, 0, 1, 0, 2, 3, 3, 1, 3, 6, 1, 2, 6, 4, 4, 2, 4, 8,
        ],
        "raw_gli": [0, 9, 2, 1, 19, 31],
        "exp_gli": [
            0.45634794096209919, 4.1071314686588929, 4.1071314686588929, 4.1071314686588929,
            12.777742346938776, 25.555484693877553,
        ],
        "sd_gli": [
            0.74620445817012415, 2.5387596461228643, 2.6316278441376122, 2.6316278441376122,
            5.0394756176885158, 8.544035145415652,
        ],
        "z_gli": [
            -0.61155885088274053, 1.9272673326178726, -0.80069508055741168,
            -1.1806880199951311, 1.2347033947780506, 0.63722997546934612,
        ],
        "exp_grp": [
            0, 0, 0.15211598032069973, -0.0, 0.60846392128279891, 0.60846392128279891,
            0.30423196064139946, 0.76057990160349864, 0.45634794096209919,
            0.45634794096209919, 0.76057990160349864, 0, 0.45634794096209919,
            0.45634794096209919, 0.76057990160349864, 0, 1.673275783527697,
            1.673275783527697, 1.2169278425655978, 2.4338556851311957, 3.1944355867346941,
            3.1944355867346941, 3.1944355867346941, 3.1944355867346941,
        ],
        "sd_grp": [
            0, 0, 0.37489511144616966, 0, 0.83508528784741776, 0.83508528784741776,
            0.53018175107454601, 0.91537630653488111, 0.87154700552773379,
            0.87154700552773379, 1.1251623459486189, 0, 0.87154700552773379,
            0.87154700552773379, 1.1251623459486189, 0, 1.7154856668990144,
            1.7154856668990144, 1.3912092274332613, 2.2050535895926617, 2.7717946034131171,
            2.7717946034131171, 2.7717946034131171, 2.7717946034131171,
        ],
        "clid": [4, 1, 2, 3],
    },
    "g18": {
        "n": 11,
        "directed": True,
        "edges": [
            3, 1, 4, 1, 5, 1, 10, 1, 4, 2, 7, 2, 11, 2, 1, 3, 4, 3, 6, 3, 8, 3, 9, 3, 11, 3,
            5, 4, 7, 4, 10, 4, 1, 5, 3, 5, 6, 5, 8, 5, 5, 6, 7, 6, 9, 6, 11, 6, 2, 7, 3, 7,
            4, 7, 5, 7, 1, 8, 5, 8, 9, 8, 1, 9, 1, 10, 4, 10, 5, 10, 8, 10, 11, 10, 1, 11, 3,
            11, 4, 11, 5, 11, 9, 11, 10, 11,
        ],
        "cl": [2, 3, 2, 1, 1, 3, 3, 1, 2, 3, 1],
        "raw_nli": [
            1, 0, 1, 0, 2, 0, 1, 0, 0, 0, 0, 2, 0, 4, 3, 2, 1, 0, 0, 0, 3, 2, 2, 0, 3, 2, 3,
            2, 1, 1, 1, 0, 3, 5, 1, 3, 1, 6, 0, 4, 1, 0, 0, 0, 2, 0, 3, 3, 5, 2, 1, 1, 0, 3,
            8, 12, 1, 14, 9, 18, 5, 7, 3, 1, 6, 13,
        ],
        "raw_gli": [5, 17, 18, 21, 28, 89],
        "exp_gli": [
            5.026057099924869, 20.104228399699476, 20.104228399699476, 20.104228399699476,
            26.805637866265968, 92.144380165289277,
        ],
        "sd_gli": [
            2.6853817301855663, 7.1848340204330334, 6.6100505649640002, 6.6100505649640002,
            6.7984760822987109, 17.535841430890109,
        ],
        "z_gli": [
            -0.0097033131759142622, -0.43205290350080805, -0.31833771603091154,
            0.135516603314426, 0.17568086131005292, -0.17931162172522397,
        ],
        "exp_grp": [
            0.18615026296018033, 0.558450788880541, 0.558450788880541, 2.233803155522164,
            1.675352366641623, 1.675352366641623, 1.4892021036814427, 1.9545777610818935,
            1.9545777610818935, 1.4892021036814427, 1.9545777610818935, 1.9545777610818935,
            2.9784042073628854, 2.233803155522164, 2.233803155522164, 8.3767618332081142,
            8.3767618332081142, 8.3767618332081142,
        ],
        "sd_grp": [
            0.41088234661531542, 0.81758821523163483, 0.81758821523163483,
            1.8225565243261739, 1.5262066150648155, 1.5262066150648155, 1.7545242347725889,
            2.0100600286199652, 2.0100600286199652, 1.7545242347725889, 2.0100600286199652,
            2.0100600286199652, 2.3006151670035866, 1.9093630998776934, 1.9093630998776934,
            5.1994618368484966, 5.1994618368484966, 5.1994618368484966,
        ],
        "clid": [2, 3, 1],
    },
    "g21": {
        "n": 10,
        "directed": False,
        "edges": [1, 5, 2, 5, 1, 6, 3, 6, 4, 6, 7, 8, 1, 9, 5, 9, 6, 9, 7, 9, 1, 10],
        "cl": [3, 1, 1, 2, 1, 3, 3, 2, 2, 1],
        "raw_nli": [
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 2, 0, 4, 0, 2, 0, 0, 0, 2, 2, 0,
            0, 0, 0, 2, 0, 0, 0, 2, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 4, 0, 0, 4, 0, 8, 0, 0, 0,
            4, 10, 2, 0, 8, 0,
        ],
        "raw_gli": [0, 10, 6, 6, 10, 32],
        "exp_gli": [
            1.6252839506172838, 7.0428971193415633, 7.0428971193415633, 7.0428971193415633,
            9.7517037037037024, 32.505679012345674,
        ],
        "sd_gli": [
            1.5589937969387373, 3.8345096903111364, 3.7087557862930396, 3.7087557862930396,
            4.4806894005092337, 11.373243357987558,
        ],
        "z_gli": [
            -1.0425211144577451, 0.77118148589643909, -0.28119864974554054,
            -0.28119864974554054, 0.055414752977092877, -0.044462164083610277,
        ],
        "exp_grp": [
            0.090293552812071326, 0.27088065843621401, 0.090293552812071326,
            0.81264197530864191, 0.54176131687242801, 0.81264197530864191,
            0.63205486968449931, 0.81264197530864202, 0.63205486968449931,
            0.63205486968449931, 0.81264197530864202, 0.63205486968449931,
            1.083522633744856, 0.81264197530864191, 1.083522633744856, 3.2505679012345676,
            3.2505679012345676, 3.2505679012345676,
        ],
        "sd_grp": [
            0.29362746801407758, 0.57814455477606064, 0.29362746801407758,
            1.0742220865593382, 0.81761987037645978, 1.0742220865593382, 1.1049517891100991,
            1.2528975620148042, 1.1049517891100991, 1.1049517891100991, 1.2528975620148042,
            1.1049517891100991, 1.3381343888674437, 1.1088520855154815, 1.3381343888674437,
            3.0747687991483565, 3.0747687991483565, 3.0747687991483565,
        ],
        "clid": [3, 1, 2],
    },
    "g24": {
        "n": 7,
        "directed": True,
        "edges": [
            2, 1, 4, 1, 4, 2, 7, 2, 1, 4, 2, 4, 3, 4, 7, 4, 3, 6, 5, 6, 1, 7, 3, 7, 4, 7, 6, 7,
        ],
        "cl": [2, 1, 2, 1, 4, 4, 1],
        "raw_nli": [
            0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 2, 0, 0,
            4, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 5, 0, 1, 4,
        ],
        "raw_gli": [1, 2, 3, 6, 0, 12],
        "exp_gli": [
            0.44444444444444453, 3.2592592592592595, 3.2592592592592595, 3.2592592592592595,
            5.3333333333333339, 15.555555555555557,
        ],
        "sd_gli": [
            0.73702773119008891, 2.2783046665525482, 2.2394394752342186, 2.2394394752342186,
            2.8458329944145997, 6.3050048707160489,
        ],
        "z_gli": [
            0.75377836144440891, -0.55271767544800188, -0.11576971028973404,
            1.2238512230629013, -1.8740851426632728, -0.56392590148019328,
        ],
        "exp_grp": [
            0, 0.14814814814814817, 0, 0.59259259259259267, 0.29629629629629634,
            0.59259259259259267, 0.37037037037037041, 0.59259259259259267,
            0.37037037037037041, 0.37037037037037041, 0.59259259259259267,
            0.37037037037037041, 0.88888888888888906, 0.59259259259259267,
            0.88888888888888906, 2.2222222222222228, 2.2222222222222228, 2.2222222222222228,
        ],
        "sd_grp": [
            0, 0.37037037037037041, 0, 0.82485397967852192, 0.52378280087892415,
            0.82485397967852192, 0.74994284190061433, 0.94861099813819993,
            0.74994284190061433, 0.74994284190061433, 0.94861099813819993,
            0.74994284190061433, 1.1036788463519511, 0.85104631800563391,
            1.1036788463519511, 2.1659542988464366, 2.1659542988464366, 2.1659542988464366,
        ],
        "clid": [2, 1, 4],
    },
}
# fmt: on


def _sna_graph(case: dict) -> nx.DiGraph:
    """The case's graph, nodes 1..n in order; an undirected edge becomes two arcs."""
    G = nx.DiGraph()
    for node, kind in enumerate(case["cl"], start=1):
        G.add_node(node, type=kind)
    pairs = list(zip(case["edges"][::2], case["edges"][1::2], strict=True))
    for u, v in pairs:
        G.add_edge(u, v)
        if not case["directed"]:
            G.add_edge(v, u)
    return G


def _column_major(values: list[float], rows: int) -> np.ndarray:
    """An R matrix flattened column-major, back as rows x 6, reordered to our columns."""
    matrix = np.asarray(values, dtype=float).reshape(6, rows).T
    return matrix[:, [SNA_COLUMNS.index(column) for column in COLUMNS]]


def _ours(values: list[float]) -> np.ndarray:
    """A length-6 vector in sna's order, reordered to our columns."""
    return np.asarray(values, dtype=float)[[SNA_COLUMNS.index(column) for column in COLUMNS]]


def _assert_close(actual, expected) -> None:
    np.testing.assert_allclose(
        np.asarray(actual, dtype=float), expected, rtol=1e-9, atol=1e-12, equal_nan=True
    )


@pytest.mark.parametrize("name", sorted(SNA_CASES, key=lambda key: int(key[1:])))
def test_role_counts_equal_r_sna_raw_nli(name):
    case = SNA_CASES[name]
    G = _sna_graph(case)
    expected = _column_major(case["raw_nli"], case["n"]).astype(np.int64)
    result = brokerage_roles(G)
    assert list(result.index) == list(range(1, case["n"] + 1))
    assert list(result.columns) == COLUMNS
    np.testing.assert_array_equal(result.to_numpy(), expected)


@pytest.mark.parametrize("name", sorted(SNA_CASES, key=lambda key: int(key[1:])))
def test_summary_equals_r_sna_raw_exp_sd_z_gli(name):
    case = SNA_CASES[name]
    summary = brokerage_summary(_sna_graph(case))
    assert list(summary.index) == COLUMNS
    np.testing.assert_array_equal(summary["observed"].to_numpy(), _ours(case["raw_gli"]))
    _assert_close(summary["expected"], _ours(case["exp_gli"]))
    _assert_close(summary["sd"], _ours(case["sd_gli"]))
    _assert_close(summary["z"], _ours(case["z_gli"]))


@pytest.mark.parametrize("name", sorted(SNA_CASES, key=lambda key: int(key[1:])))
def test_expectations_equal_r_sna_exp_and_sd_by_broker_type(name):
    case = SNA_CASES[name]
    table = brokerage_expectations(_sna_graph(case))
    types = len(case["clid"])
    expected_by_type = _column_major(case["exp_grp"], types)
    sd_by_type = _column_major(case["sd_grp"], types)
    row_of = [case["clid"].index(kind) for kind in case["cl"]]
    _assert_close(table[[f"{c}_expected" for c in COLUMNS]], expected_by_type[row_of])
    _assert_close(table[[f"{c}_sd" for c in COLUMNS]], sd_by_type[row_of])


@pytest.mark.parametrize("name", ["g1", "g2"])
def test_z_scores_equal_r_sna_z_nli_with_nan_where_sd_is_zero(name):
    case = SNA_CASES[name]
    table = brokerage_expectations(_sna_graph(case))
    _assert_close(table[[f"{c}_z" for c in COLUMNS]], _column_major(case["z_nli"], case["n"]))


def test_g1_nonzero_rows_match_the_published_table():
    # REFERENCE_VALUES A3 (R sna 2.8): rows 5, 8, 9 of raw.nli (w_I,w_O,b_IO,b_OI,b_O,t).
    result = brokerage_roles(_sna_graph(SNA_CASES["g1"]))[SNA_COLUMNS]
    assert result.loc[5].tolist() == [0, 0, 1, 1, 2, 4]
    assert result.loc[8].tolist() == [0, 0, 1, 1, 0, 2]
    assert result.loc[9].tolist() == [0, 4, 3, 3, 6, 16]
    assert result.drop(index=[5, 8, 9]).to_numpy().sum() == 0


# --------------------------------------------------------------------------------------------
# Real datasets


def _manifest(datasets_dir: Path) -> dict:
    return json.loads((datasets_dir / "manifest.json").read_text())


def _dataset_graphs(datasets_dir: Path, name: str, ties: str = "ties.csv") -> dict:
    """One DiGraph per wave, every organisation of nodes.csv present, ``type`` = group."""
    folder = datasets_dir / name
    nodes = pd.read_csv(folder / "nodes.csv", dtype=str)
    arcs = pd.read_csv(folder / ties, dtype={"wave": str, "source": str, "target": str})
    directed = _manifest(datasets_dir)[name]["tie_files"][ties]["directed"]
    graphs = {}
    for wave, rows in arcs.groupby("wave", sort=True):
        G = nx.DiGraph()
        G.add_nodes_from((row.id, {"type": row.group}) for row in nodes.itertuples())
        for source, target in zip(rows["source"], rows["target"], strict=True):
            G.add_edge(source, target)
            if not directed:
                G.add_edge(target, source)
        graphs[wave] = G
    return graphs


DIRECTED_DATASETS = [
    ("s50_teenage_friends", "ties.csv"),
    ("krackhardt_hightech", "ties.csv"),
    ("knoke_bureaucracies", "ties.csv"),
    ("knoke_bureaucracies", "ties_money.csv"),
    ("sampson_monastery", "ties.csv"),
    ("kapferer_tailor", "ties.csv"),
    ("freeman_eies", "ties.csv"),
    ("freeman_eies", "ties_messages.csv"),
    ("knecht_classroom", "ties.csv"),
]


@pytest.mark.datasets
@pytest.mark.parametrize(("name", "ties"), DIRECTED_DATASETS)
def test_vectorised_counts_equal_the_triple_loop_on_real_directed_networks(
    datasets_dir, name, ties
):
    assert _manifest(datasets_dir)[name]["tie_files"][ties]["directed"]
    graphs = _dataset_graphs(datasets_dir, name, ties)
    assert graphs
    for wave, G in graphs.items():
        expected = brokerage_roles_bruteforce(G)
        assert expected["total"].sum() > 0, (name, wave)
        pd.testing.assert_frame_equal(brokerage_roles(G), expected, check_index_type=False)


@pytest.mark.datasets
def test_knoke_information_by_sector(datasets_dir):
    # REFERENCE_VALUES C (derived with the A3 definition; regression values), sna order.
    expected = {
        "COUN": [0, 0, 0, 2, 0, 2],
        "COMM": [1, 5, 3, 5, 7, 21],
        "EDUC": [0, 5, 1, 1, 2, 9],
        "INDU": [0, 1, 1, 0, 0, 2],
        "MAYR": [5, 3, 7, 7, 5, 27],
        "WRO": [0, 1, 0, 0, 0, 1],
        "NEWS": [0, 1, 0, 4, 1, 6],
        "UWAY": [0, 0, 0, 0, 0, 0],
        "WELF": [0, 1, 0, 1, 0, 2],
        "WEST": [0, 1, 0, 0, 0, 1],
    }
    (G,) = _dataset_graphs(datasets_dir, "knoke_bureaucracies").values()
    result = brokerage_roles(G)[SNA_COLUMNS]
    assert {org: result.loc[org].tolist() for org in expected} == expected
    assert result.sum().tolist() == [6, 18, 12, 20, 15, 71]


@pytest.mark.datasets
def test_krackhardt_advice_by_department_totals(datasets_dir):
    # REFERENCE_VALUES C (regression values), sna order w_I, w_O, b_IO, b_OI, b_O, t.
    (G,) = _dataset_graphs(datasets_dir, "krackhardt_hightech").values()
    assert brokerage_roles(G)[SNA_COLUMNS].sum().tolist() == [28, 69, 95, 62, 246, 500]
    observed = brokerage_summary(G).loc[SNA_COLUMNS, "observed"].tolist()
    assert observed == [28, 69, 95, 62, 246, 500]


@pytest.mark.datasets
def test_indiana_collaboration_by_agency_type_totals_undirected(datasets_dir):
    # REFERENCE_VALUES C (regression values); the tie file is undirected and symmetrised.
    (G,) = _dataset_graphs(datasets_dir, "tobacco_control_indiana").values()
    assert brokerage_roles(G)[SNA_COLUMNS].sum().tolist() == [144, 178, 286, 286, 618, 1512]
    # The same ties as an undirected networkx Graph give the same counts.
    undirected = nx.Graph(G)
    pd.testing.assert_frame_equal(brokerage_roles(undirected), brokerage_roles(G))


# --------------------------------------------------------------------------------------------
# Random graphs


@st.composite
def typed_digraphs(draw) -> nx.DiGraph:
    n = draw(st.integers(min_value=0, max_value=9))
    kinds = draw(st.integers(min_value=1, max_value=4))
    types = draw(st.lists(st.sampled_from("ABCD"[:kinds]), min_size=n, max_size=n))
    pairs = [(u, v) for u in range(n) for v in range(n)]  # self-ties included: must not count
    arcs = draw(st.lists(st.sampled_from(pairs), unique=True)) if pairs else []
    G = nx.DiGraph()
    G.add_nodes_from((i, {"type": t}) for i, t in enumerate(types))
    G.add_edges_from(arcs)
    return G


@settings(max_examples=150, deadline=None)
@given(typed_digraphs())
def test_vectorised_counts_equal_the_triple_loop_on_random_digraphs(G):
    pd.testing.assert_frame_equal(
        brokerage_roles(G), brokerage_roles_bruteforce(G), check_index_type=False
    )


def _expected_by_enumeration(G: nx.DiGraph) -> pd.DataFrame:
    """d^2 (1 - d) times the number of ordered (a, c) pairs fitting each role, per broker."""
    n = G.number_of_nodes()
    arcs = sum(1 for u, v in G.edges() if u != v)
    d = arcs / (n * (n - 1)) if n > 1 else 0.0
    kind = nx.get_node_attributes(G, "type")
    rows = {}
    for b in G:
        pairs = dict.fromkeys(COLUMNS, 0)
        for a in G:
            for c in G:
                if len({a, b, c}) < 3:
                    continue
                ga, gb, gc = kind[a], kind[b], kind[c]
                if ga == gb == gc:
                    pairs["coordinator"] += 1
                elif ga == gb:
                    pairs["representative"] += 1
                elif gb == gc:
                    pairs["gatekeeper"] += 1
                elif ga == gc:
                    pairs["consultant"] += 1
                else:
                    pairs["liaison"] += 1
                pairs["total"] += 1
        rows[b] = {role: count * d**2 * (1 - d) for role, count in pairs.items()}
    return pd.DataFrame.from_dict(rows, orient="index", columns=COLUMNS)


@settings(max_examples=60, deadline=None)
@given(typed_digraphs())
def test_expectations_equal_open_two_path_probability_times_fitting_pairs(G):
    expected = _expected_by_enumeration(G)
    table = brokerage_expectations(G)
    _assert_close(table[[f"{c}_expected" for c in COLUMNS]], expected.to_numpy(dtype=float))
    # The whole-network expectation is the sum over brokers.
    _assert_close(brokerage_summary(G)["expected"], expected.sum().to_numpy(dtype=float))


def test_totals_on_a_large_graph_equal_a_sparse_matrix_count():
    # Per broker b: in(b) * out(b) pairs, minus a = c (reciprocated arcs), minus closed pairs
    # a -> c; the closed ones are (A * (A @ A.T)) summed over a, computed with scipy.sparse.
    rng = np.random.default_rng(20240501)
    n, m = 2000, 20000
    G = nx.gnm_random_graph(n, m, seed=7, directed=True)
    nx.set_node_attributes(G, {v: int(rng.integers(5)) for v in G}, "type")
    A = nx.to_scipy_sparse_array(G, nodelist=list(G), format="csr", dtype=np.int64)
    indegree = np.asarray(A.sum(axis=0)).ravel()
    outdegree = np.asarray(A.sum(axis=1)).ravel()
    reciprocated = np.asarray(A.multiply(A.T).sum(axis=0)).ravel()
    closed = np.asarray(A.multiply(sp.csr_array(A @ A.T)).sum(axis=0)).ravel()
    expected_total = indegree * outdegree - reciprocated - closed
    result = brokerage_roles(G)
    np.testing.assert_array_equal(result["total"].to_numpy(), expected_total)
    np.testing.assert_array_equal(result[list(ROLES)].sum(axis=1), result["total"])


# --------------------------------------------------------------------------------------------
# Edges of the domain


def test_isolates_and_non_brokers_get_zeros():
    G = nx.DiGraph([("hub", "trust"), ("university", "hub"), ("university", "trust")])
    G.add_node("council")
    nx.set_node_attributes(
        G, {"hub": "hub", "trust": "NHS", "university": "academic", "council": "council"}, "type"
    )
    result = brokerage_roles(G)
    assert list(result.index) == ["hub", "trust", "university", "council"]
    assert result.index.name == "organisation"
    assert (result.dtypes == np.int64).all()
    # university -> trust is tied directly, so the hub brokers nothing either.
    assert result.to_numpy().sum() == 0
    expectations = brokerage_expectations(G)
    assert expectations.loc["council", "total_expected"] > 0  # a chance, not an observation
    assert expectations.loc["council", "total_z"] < 0


def test_inputs_are_not_mutated():
    G = _sna_graph(SNA_CASES["g2"])
    nx.set_edge_attributes(G, 2.5, "weight")
    before_nodes = copy.deepcopy(dict(G.nodes(data=True)))
    before_edges = copy.deepcopy(list(G.edges(data=True)))
    brokerage_roles(G)
    brokerage_expectations(G)
    brokerage_summary(G)
    assert dict(G.nodes(data=True)) == before_nodes
    assert list(G.edges(data=True)) == before_edges


def test_weights_and_self_ties_do_not_count():
    G = _sna_graph(SNA_CASES["g2"])
    weighted = G.copy()
    nx.set_edge_attributes(weighted, {e: 10.0 * (i + 1) for i, e in enumerate(G.edges)}, "weight")
    weighted.add_edge(3, 3)
    pd.testing.assert_frame_equal(brokerage_roles(weighted), brokerage_roles(G))
    pd.testing.assert_frame_equal(brokerage_summary(weighted), brokerage_summary(G))


def test_missing_type_is_reported_by_organisation():
    G = nx.DiGraph([("hub", "trust")])
    G.nodes["hub"]["type"] = "hub"
    with pytest.raises(ValueError, match="'trust'"):
        brokerage_roles(G)


def test_empty_network_gives_empty_tables_and_nan_z():
    assert brokerage_roles(nx.DiGraph()).shape == (0, len(COLUMNS))
    assert brokerage_expectations(nx.DiGraph()).shape == (0, 3 * len(COLUMNS))
    summary = brokerage_summary(nx.DiGraph())
    assert summary["observed"].tolist() == [0] * len(COLUMNS)
    assert summary["z"].isna().all()


# --------------------------------------------------------------------------------------------
# Whom the brokers connect: brokered_pairs and brokerage_type_matrix

PAIR_COLUMNS = ["broker_type", "from_type", "to_type", "role", "count"]


def brokered_pairs_bruteforce(G: nx.DiGraph, attribute: str = "type") -> dict:
    """{(broker type, from type, to type, role): count}, by a plain loop over every triple."""
    kind = {node: G.nodes[node][attribute] for node in G}
    counts: dict = {}
    for a in G:
        for b in G:
            for c in G:
                if len({a, b, c}) < 3:
                    continue
                if not (G.has_edge(a, b) and G.has_edge(b, c)) or G.has_edge(a, c):
                    continue
                ga, gb, gc = kind[a], kind[b], kind[c]
                if ga == gb == gc:
                    role = "coordinator"
                elif ga == gb:
                    role = "representative"
                elif gb == gc:
                    role = "gatekeeper"
                elif ga == gc:
                    role = "consultant"
                else:
                    role = "liaison"
                key = (gb, ga, gc, role)
                counts[key] = counts.get(key, 0) + 1
    return counts


def type_matrix_bruteforce(G: nx.DiGraph, broker_type=None) -> dict:
    """{(from type, to type): count} of brokered two-paths, summed from the triple loop."""
    matrix: dict = {}
    for (gb, ga, gc, _), count in brokered_pairs_bruteforce(G).items():
        if broker_type is None or gb == broker_type:
            matrix[(ga, gc)] = matrix.get((ga, gc), 0) + count
    return matrix


def _as_counts(pairs: pd.DataFrame) -> dict:
    columns = ["broker_type", "from_type", "to_type", "role"]
    keys = pairs[columns].itertuples(index=False, name=None)
    return dict(zip(keys, pairs["count"].tolist(), strict=True))


def _nonzero_cells(matrix: pd.DataFrame) -> dict:
    stacked = matrix.stack()
    return {key: int(value) for key, value in stacked.items() if value}


def _check_pairs_and_matrices(G: nx.DiGraph) -> None:
    pairs = brokered_pairs(G)
    assert list(pairs.columns) == PAIR_COLUMNS
    assert pairs["count"].dtype == np.int64
    assert (pairs["count"] > 0).all()
    assert not pairs.duplicated(["broker_type", "from_type", "to_type"]).any()
    assert _as_counts(pairs) == brokered_pairs_bruteforce(G)
    roles = brokerage_roles(G)
    assert pairs["count"].sum() == roles["total"].sum()

    matrix = brokerage_type_matrix(G)
    assert matrix.index.name == "from_type" and matrix.columns.name == "to_type"
    assert list(matrix.index) == list(matrix.columns)
    assert set(matrix.index) == {G.nodes[node]["type"] for node in G}
    assert _nonzero_cells(matrix) == type_matrix_bruteforce(G)
    assert matrix.to_numpy().sum() == roles["total"].sum()

    kind = pd.Series({node: G.nodes[node]["type"] for node in G})
    for broker_type in set(kind):
        restricted = brokerage_type_matrix(G, broker_type=broker_type)
        assert list(restricted.index) == list(matrix.index)
        assert _nonzero_cells(restricted) == type_matrix_bruteforce(G, broker_type)
        brokers = kind.index[kind == broker_type]
        assert restricted.to_numpy().sum() == roles.loc[brokers, "total"].sum()
        # Role totals of this broker type, from the long table, equal brokerage_roles'.
        of_type = pairs[pairs["broker_type"] == broker_type].groupby("role")["count"].sum()
        for role in ROLES:
            assert of_type.get(role, 0) == roles.loc[brokers, role].sum()


@settings(max_examples=100, deadline=None)
@given(typed_digraphs())
def test_brokered_pairs_and_type_matrix_equal_the_triple_loop_on_random_digraphs(G):
    _check_pairs_and_matrices(G)


@pytest.mark.datasets
def test_brokered_pairs_and_type_matrix_equal_the_triple_loop_on_knoke(datasets_dir):
    (G,) = _dataset_graphs(datasets_dir, "knoke_bureaucracies").values()
    _check_pairs_and_matrices(G)
    # 71 brokered two-paths in all (test_knoke_information_by_sector, sna's t column).
    assert brokered_pairs(G)["count"].sum() == 71


def test_type_matrix_orders_codebook_types_then_others_alphabetically():
    # Arcs: u -> h -> v (a university reaches a VCSE only through the hub, liaison),
    # z -> h -> a (two non-codebook types, liaison) and v -> a -> u (the other "alpha" brokers
    # a VCSE to a university). Types present: hub, university, VCSE, alpha, zeta, unknown.
    G = nx.DiGraph([("u", "h"), ("h", "v"), ("z", "h"), ("h", "a"), ("v", "a"), ("a", "u")])
    G.add_node("q")
    nx.set_node_attributes(
        G,
        {"u": "university", "h": "hub", "v": "VCSE", "z": "zeta", "a": "alpha", "q": "unknown"},
        "type",
    )
    matrix = brokerage_type_matrix(G)
    order = ["hub", "university", "VCSE", "alpha", "zeta", "unknown"]
    assert list(matrix.index) == order and list(matrix.columns) == order
    # Open two-paths (no arc a -> c for any of them):
    #   broker h: u->h->v, u->h->a, z->h->v, z->h->a   (h -> v, h -> a; u, z -> h)
    #   broker a: h->a->u, v->a->u                      (h, v -> a; a -> u)
    #   broker v: h->v->a                               (h -> v; v -> a; but h -> a: closed)
    #   broker u: a->u->h                               (a -> u; u -> h; a -> h? no: open)
    # So: university->VCSE 1, university->alpha 1, zeta->VCSE 1, zeta->alpha 1 (hub brokers),
    # hub->university 1, VCSE->university 1 (alpha broker), alpha->hub 1 (university broker).
    expected = {
        ("university", "VCSE"): 1,
        ("university", "alpha"): 1,
        ("zeta", "VCSE"): 1,
        ("zeta", "alpha"): 1,
        ("hub", "university"): 1,
        ("VCSE", "university"): 1,
        ("alpha", "hub"): 1,
    }
    assert _nonzero_cells(matrix) == expected
    hub_only = brokerage_type_matrix(G, broker_type="hub")
    assert _nonzero_cells(hub_only) == {
        key: 1
        for key in [
            ("university", "VCSE"),
            ("university", "alpha"),
            ("zeta", "VCSE"),
            ("zeta", "alpha"),
        ]
    }
    pairs = brokered_pairs(G)
    assert pairs["broker_type"].tolist() == ["hub"] * 4 + ["university", "alpha", "alpha"]
    assert pairs[["from_type", "to_type"]].values.tolist()[:4] == [
        ["university", "VCSE"],
        ["university", "alpha"],
        ["zeta", "VCSE"],
        ["zeta", "alpha"],
    ]


def test_type_matrix_unknown_broker_type_is_an_option_error():
    G = nx.DiGraph([("a", "b"), ("b", "c")])
    nx.set_node_attributes(G, {"a": "hub", "b": "trust", "c": "council"}, "type")
    with pytest.raises(OptionError, match=r"'university'.*types: hub, trust, council"):
        brokerage_type_matrix(G, broker_type="university")


def test_pairs_and_matrix_of_empty_and_tieless_networks():
    assert brokered_pairs(nx.DiGraph()).shape == (0, len(PAIR_COLUMNS))
    assert brokerage_type_matrix(nx.DiGraph()).shape == (0, 0)
    G = nx.DiGraph()
    G.add_nodes_from([("x", {"type": "hub"}), ("y", {"type": "trust"})])
    assert brokered_pairs(G).empty
    matrix = brokerage_type_matrix(G)
    assert list(matrix.index) == ["hub", "trust"] and matrix.to_numpy().sum() == 0


def test_pairs_and_matrix_do_not_mutate_the_graph():
    G = _sna_graph(SNA_CASES["g2"])
    nx.set_edge_attributes(G, 2.5, "weight")
    before_nodes = copy.deepcopy(dict(G.nodes(data=True)))
    before_edges = copy.deepcopy(list(G.edges(data=True)))
    brokered_pairs(G)
    brokerage_type_matrix(G)
    brokerage_type_matrix(G, broker_type=G.nodes[1]["type"])
    assert dict(G.nodes(data=True)) == before_nodes
    assert list(G.edges(data=True)) == before_edges

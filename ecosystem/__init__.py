"""ecosystem: partner-mapping surveys of local health-innovation ecosystems as networks.

The pure core reads survey files (:mod:`ecosystem.readers`), validates them against the
codebook (:mod:`ecosystem.validate`), builds one weighted, directed, typed network per wave
(:mod:`ecosystem.network`) and measures it (:mod:`ecosystem.analysis`). The faces (the CLI
and the Dash dashboard) only parse, call the core and render.
"""

__version__ = "0.1.0"

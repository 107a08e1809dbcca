"""The Dash dashboard: a thin face over the core (layout, callbacks, ids)."""

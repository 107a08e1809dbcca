"""Serve the dashboard on the bundled illustrative demo survey (``make run`` does this)."""

from ecosystem.dashboard.app import create_app
from ecosystem.load import DEMO_FILES, load_survey

if __name__ == "__main__":
    create_app(load_survey(DEMO_FILES), illustrative=True).run(host="127.0.0.1", port=8050)

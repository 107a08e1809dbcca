"""Serve the dashboard on the bundled illustrative demo survey, as ``make run`` does: with
waitress on 127.0.0.1:8050, behind the same host, origin and header checks."""

from ecosystem.dashboard.app import create_app
from ecosystem.dashboard.serve import ServeOptions, serve
from ecosystem.load import DEMO_FILES, load_survey

if __name__ == "__main__":
    serve(create_app(load_survey(DEMO_FILES), illustrative=True), ServeOptions())

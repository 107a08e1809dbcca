"""``python -m ecosystem.cli``: the ``ecosystem`` command, for when the script is not on PATH."""

import sys

from ecosystem.cli import main

sys.exit(main())

"""``python -m ecosystem.bench``: the benchmark's figures, one per line (see the package)."""

from ecosystem.bench import main

main()

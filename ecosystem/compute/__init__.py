"""The compute stage: how the costliest measures of a large network are shared out.

:mod:`ecosystem.compute.workers` keeps a small pool of worker processes and decides what
runs first (what a person waits for goes ahead of what is measured in the background). It
knows how to run a computation, not what a measure means: the analysis modules hand it their
work, and the faces reach it through :mod:`ecosystem.service`.
"""

"""Measures computed on partner networks: one DataFrame per measure, indexed by organisation."""

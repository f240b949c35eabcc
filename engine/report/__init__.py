"""Harmonization comparison reports."""

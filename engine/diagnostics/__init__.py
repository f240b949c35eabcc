"""Diagnostics are data (codes.py, diagnostic.py); rendering is separate (render.py)."""
from engine.diagnostics.diagnostic import Diagnostic, Severity, Diagnostics

__all__ = ["Diagnostic", "Severity", "Diagnostics"]

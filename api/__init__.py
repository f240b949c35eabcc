"""The HTTP API for case-management systems."""

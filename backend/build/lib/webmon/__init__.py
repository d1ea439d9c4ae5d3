"""Webmon: a self-hosted website monitor."""

__version__ = "0.1.0"

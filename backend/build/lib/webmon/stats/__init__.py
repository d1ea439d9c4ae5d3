"""Uptime, response times and charts, read from the hourly rollups (and raw checks for the last day)."""

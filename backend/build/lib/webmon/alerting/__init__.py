"""Alerting: the pure decision of when to alert, and the text of the alerts.

``policy`` decides (no I/O, no clock reads); ``messages`` renders Telegram HTML.
The service that loads a website's state, applies :func:`policy.decide` with a
compare-and-set update and sends through :mod:`webmon.notifiers` lives elsewhere.
"""

"""Counters shared by every process that checks or alerts, and the Prometheus `/metrics` view.

`webmon serve` keeps counters in memory; in the multi-service mode workers add to a Redis hash
and any API process reads it at scrape time, so the figures are right with several uvicorn
workers and several Celery workers.
"""

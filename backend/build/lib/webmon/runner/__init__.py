"""The one pipeline both runners use: claim due sites -> check a batch -> store -> alert.

`webmon serve` drives it from an asyncio task (`scheduler.py`); the Celery worker drives it from
thin tasks (`webmon.worker.tasks`). Nothing here knows which one is calling.
"""

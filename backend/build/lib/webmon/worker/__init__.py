"""The Celery app: `celery -A webmon.worker worker|beat` (or `webmon worker|beat`)."""

from webmon.config import get_settings
from webmon.worker.celery_app import create_celery

app = create_celery(get_settings())

__all__ = ["app"]

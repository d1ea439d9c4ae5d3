"""Engine test fixtures live in engine_targets.py (a plainly named module the tests import from)."""

from engine_targets import target, tls_target  # noqa: F401  (fixtures)

"""Constants every part of the harness shares."""

from __future__ import annotations

import os
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent
REPO = BENCH.parent
RESULTS = BENCH / "results"
PYTHON = sys.executable
TICKS = os.sysconf("SC_CLK_TCK")
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
SECRET = "bench-secret-key-" + "x" * 40
PASSWORD = "a long bench password"
EMAIL = "bench@example.com"
WORD = "Welcome"

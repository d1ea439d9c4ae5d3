"""The scale goals: 100,000 sites every 60 s on two cores."""

GOAL_LAG_P99_S = 2.0
GOAL_BYTES_PER_CHECK = 60
GOAL_SITES = 100_000
GOAL_INTERVAL = 60
GOAL_RATE = GOAL_SITES / GOAL_INTERVAL  # 1,667 checks/s

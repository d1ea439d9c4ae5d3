"""What happened to a website: its checks, state changes and notifications (read-only)."""

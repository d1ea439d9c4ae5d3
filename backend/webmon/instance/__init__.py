"""The instance as a whole: its administrator, the settings they change from the dashboard,
registration and invitations, and the public `/meta`."""

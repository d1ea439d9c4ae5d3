"""Fakes of outside services for tests, run over real sockets."""

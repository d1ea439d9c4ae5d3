"""What the test suite and the benchmarks both need to run Webmon for real: free ports, the
`webmon` command's environment, and a private PostgreSQL and Redis. Neither imports the other;
both import this. Not part of the product (nothing in backend/ imports it)."""

"""The built dashboard (a Vue SPA), served by `webmon serve` beside the API."""

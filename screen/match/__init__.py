"""Matching: normalizers, per-signal features, the candidate index and the scorer."""

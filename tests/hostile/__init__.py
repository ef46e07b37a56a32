"""Hostile inputs for the batch tests, generated at test time (nothing big is committed)."""

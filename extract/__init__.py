"""Readers: one input file → Document (grid model in model.py)."""

"""Reuse of unchanged work between builds: fingerprints of the inputs and the page store."""

"""plansite: the public website of the Smolensk regional branch of VSMS, generated from data.

The package core (loading, validation, period grammar, calendar, feeds, exports) imports
nothing from MkDocs; ``hooks/plansite_hooks.py`` adapts it to MkDocs events.
"""

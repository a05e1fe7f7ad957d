"""Helpers every app may use and that import no app: abstract models, admin bases, HTTP.

Nothing here knows about notes, insights or units; a module that needs an app's model
belongs to that app instead.
"""

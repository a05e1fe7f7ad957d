"""The feedback app: from a client's words in an encounter to "you said, we did".

Each concern is a package: notes (capture), insights (grouping and curation), actions,
public (no login), privacy and demo; models/ holds them all. Dependencies run one way:
actions → public → insights → notes → privacy → models.
"""

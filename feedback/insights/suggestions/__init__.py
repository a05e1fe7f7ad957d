"""The grouping job's suggestions in the managers' workspace: accept or reject in one click.

The job writes a Suggestion when it is not sure where a note belongs; a manager of the
note's unit accepts it (the note moves there as the manager's placement) or rejects it
(the job never suggests that pair again).
"""

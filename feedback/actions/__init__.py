"""Actions: what managers decide to do about insights, and publishing it to clients.

Create an action, move its status on (with "not possible now" explained), preview the
public text through the privacy guard and publish or unpublish it.
"""

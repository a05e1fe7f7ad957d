"""Insights: many notes about one matter, grouped by a job and curated by managers.

The grouping job (grouping/) places notes and keeps each insight's figures; the
workspace's views let a manager merge, split, move, rename, lock and summarise them.
"""

"""Notes: what a worker captures of a client's words during an encounter, here and now.

Capture with its idempotency and receipt codes (and their QR), the workers' own lists,
how a note's status follows the action on its insight, and status e-mails to clients.
"""

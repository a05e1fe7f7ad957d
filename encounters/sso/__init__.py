"""Staff sign-in through the organisation's OpenID Connect provider (single sign-on).

- `selectors.py`: what a set of groups gives, from the GroupMapping rows an admin edits.
- `services.py`: finds the user by issuer and subject, recomputes the memberships,
  service-area managements and organisation admin right that come from groups; what an
  admin granted by hand is kept.
"""

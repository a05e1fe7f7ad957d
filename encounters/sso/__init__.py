"""Staff sign-in through the organisation's OpenID Connect provider (single sign-on).

mozilla-django-oidc runs the authorization code flow (PKCE, state, nonce); this package
adds what Kumppanuus needs around it:

- `backends.py`: checks the ID token fully (signature, issuer, audience, expiry, nonce: the
  library leaves audience and issuer unchecked and lets an expired token through as an
  error page of its own), then hands the claims to `services.user_sign_in`; and the password
  backend that honours LOCAL_LOGIN / LOCAL_LOGIN_USERS (the break-glass admin).
- `services.py`: finds the user by issuer and subject, recomputes the memberships, service-area
  managements and organisation admin right that come from groups (GroupMapping rows an admin
  edits); what an admin granted by hand is kept.
- `middleware.py`: re-checks a signed-in session with the provider once per
  OIDC_RECHECK_MINUTES (default: the session idle limit), so a user removed from a group or
  from the provider loses it at the first request after that, even while active.
- `views.py`: the login page, the start and end of the flow, a translated page for every
  refusal, and sign-out that also ends the session at the provider.

Off while OIDC_RP_CLIENT_ID is empty: then the password login works as before.
"""

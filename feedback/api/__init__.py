"""The Integration API's feedback side: keys and their refusal rule (auth.py), notes from
patient-record systems (notes.py, capture.py), staff reads (staff.py) and the public read
API (public.py). Wired into /api/v1/ by kumppanuus/api.py."""

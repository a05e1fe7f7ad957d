"""Everything a client reaches without a login: "you said, we did", feeds, the poster,
and the receipt page where a code shows the note's path, withdraws it or asks for e-mail.

Its page cache and the rate limit of receipt lookups live here too.
"""

"""Privacy: the guard that blocks identity codes and flags other personal details, the
validators of free text, the encryption of clients' e-mail addresses, the audit log of
staff reading notes, and retention (erasing old texts, purging old audit rows).
"""

"""A Fingertips-compatible API: the national profiles' endpoints over Trustboard's public data."""

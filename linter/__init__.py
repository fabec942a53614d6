"""hedgelint: finds the sentences where a writer claims more than the evidence allows."""

__version__ = "0.2.0"

"""hedgelint: finds the sentences where a writer claims more than the evidence allows."""

__version__ = "0.2.0"


def scan(paths_or_records, **options):
    """Scan an archive from Python (a notebook, a pipeline): yields the records
    `hedgelint scan` writes to findings.jsonl. See linter.archive.run.scan."""
    from linter.archive.run import scan as run

    return run(paths_or_records, **options)

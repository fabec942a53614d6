"""`hedgelint serve`: the local web page and LanguageTool's HTTP API, one door.

A front end only: requests become engine calls through the same check layer
as `hedgelint check` (config, suppressions, fixes, Word comments), findings
become JSON. Nothing here decides what a finding is.
"""

from linter.web.app import create_app

__all__ = ["create_app"]

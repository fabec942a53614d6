"""The editor door: `hedgelint lsp`, a language server over stdio.

server.py     pygls handlers and the worker thread that owns the engine
session.py    per-document configuration, the editor's settings, check's filters
documents.py  warm incremental checking: only changed paragraphs reach the engine
convert.py    findings as diagnostics, edits and hover text; position encodings
actions.py    quick fixes, fix-all, the suppression comment
"""

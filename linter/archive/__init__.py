"""Archive scans (`hedgelint scan`, `linter.scan`): article records, cache, worker jobs, outputs and the report, around the same engine and check layer as `check`."""

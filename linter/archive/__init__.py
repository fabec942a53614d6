"""Archive scans: inputs, cache, worker jobs and the report, around the same engine as check."""

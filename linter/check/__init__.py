"""One check run around the core: configuration, suppressions, baseline, filters and fixes."""

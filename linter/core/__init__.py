"""The core that decides: parse, triggers, scope, suggestions. Imports no reader, format or door."""

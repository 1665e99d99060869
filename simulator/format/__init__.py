"""Scenario files: the format (one declarative table, `spec`), reading untrusted YAML
node by node (`schema`), the typed scenario it becomes (`scenario`), loading (`loader`)
and converting format 1 files (`migrate`)."""

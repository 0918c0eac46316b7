"""Built-in redaction profiles (the YAML files in this folder), found by name."""

"""UNCAC technical-assistance analysis: ingest, validation, tables, charts and report rendering."""

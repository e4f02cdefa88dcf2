"""Importers: parse, validate and reconcile source files, then load them into the database."""

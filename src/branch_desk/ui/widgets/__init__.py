"""Shared UI parts: form fields, layouts, record tables, filter proxy, settings, import preview, files."""

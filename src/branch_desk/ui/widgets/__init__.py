"""Shared UI parts: form fields, record tables, filter proxy, settings, import preview, file choice."""

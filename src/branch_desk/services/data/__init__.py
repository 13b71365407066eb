"""The data directory's own data: the exchange file, attachments, the audit log, preferences."""

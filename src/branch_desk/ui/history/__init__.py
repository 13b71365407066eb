"""修改记录: the audit-log view with its filters."""

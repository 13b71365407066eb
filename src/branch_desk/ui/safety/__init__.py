"""数据安全: backups, restore, the damaged-database dialog and the integrity check."""

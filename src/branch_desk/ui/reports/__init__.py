"""The 报告归档 section: the year-end summary and the inspection archive."""

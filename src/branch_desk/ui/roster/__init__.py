"""The 党员 section: roster table, member dialogs, import and export."""

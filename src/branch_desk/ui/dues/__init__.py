"""The 党费 section: ledger grid, 党费日, payments, assessments, remittances, import/export."""

"""Writers of .docx/.xlsx/.zip documents, fed by plain data objects (no database, no Qt)."""

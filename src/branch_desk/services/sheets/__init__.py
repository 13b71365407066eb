"""Reading the .xlsx workbooks secretaries keep: typed cells, headers found by Chinese names."""

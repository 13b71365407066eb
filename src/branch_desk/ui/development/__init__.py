"""The 发展党员 section: board, list, candidate page, step editors and exports."""

"""Limits on files and text from outside, in one place (documented in README "安全限制").

Every entry point (GUI, CLI, sheet importers, exchange files, backups) checks against these
same numbers, so what one path accepts another never refuses.
"""

from __future__ import annotations

MB = 1024 * 1024

# Text typed, imported from a sheet or read from an exchange file.
MAX_FIELD_CHARS = 10_000  # one-line fields: 工作单位, 主题, 地点, names of units…
MAX_LONG_TEXT_CHARS = 200_000  # free text: 会议记录, 备注, 决议, 说明…

# An amount of money (a base, a payment, a remittance), in fen: 1 亿元, far above any real one
# and far below what SQLite's 64-bit INTEGER holds.
MAX_AMOUNT_FEN = 100_000_000 * 100

# Attachments and exchange files.
MAX_ATTACHMENT_BYTES = 500 * MB
MAX_EXCHANGE_BYTES = 2048 * MB
MAX_STORED_NAME_CHARS = 255  # an attachment's original file name
MAX_NUMBER_DIGITS = 30  # a number in an exchange file (64-bit integers have 19 digits)

# Backups (.bdbackup) read before and while restoring.
MAX_MANIFEST_BYTES = 1 * MB
MAX_BACKUP_ENTRIES = 100_000
MAX_DATABASE_BYTES = 4096 * MB
MAX_BACKUP_TOTAL_BYTES = 64 * 1024 * MB
MAX_EXPANSION_RATIO = 200  # uncompressed ÷ compressed size of one entry…
RATIO_FLOOR_BYTES = 16 * MB  # …checked for entries larger than this

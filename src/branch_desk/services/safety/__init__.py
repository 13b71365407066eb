"""The safety area: backups, restore, encryption, automatic copies and start-up clean-up."""

"""The password and key operations the GUI needs, reached through services (ui/ never imports
storage/): whether a data dir is encrypted, checking a password, deriving and setting its key."""

from ...storage.cipher import WrongPassword, check_password, key_for, needs_password, set_key

__all__ = ["WrongPassword", "check_password", "key_for", "needs_password", "set_key"]

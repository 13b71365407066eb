"""What opening a data dir can refuse with, for the layers above services (the GUI).

The GUI never imports storage/; it catches these through services.
"""

from ...storage.connect import is_disk_full
from ...storage.database import DatabaseDamaged, NewerSchema, StorageFailed
from ...storage.lock import AlreadyRunning

__all__ = ["AlreadyRunning", "DatabaseDamaged", "NewerSchema", "StorageFailed", "is_disk_full"]

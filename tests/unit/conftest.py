"""Make the collection importable as ansible_collections.ipro.camera for the unit tests.

ansible.cfg sets collections_path = .cache/collections, and `make collection` links the work
tree there. The link is created here too, so `pytest tests/unit` works on a fresh clone after
`make venv` alone.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
COLLECTIONS_ROOT = REPO_ROOT / ".cache" / "collections"
COLLECTION_LINK = COLLECTIONS_ROOT / "ansible_collections" / "ipro" / "camera"


def _link_collection() -> None:
    if COLLECTION_LINK.is_symlink() or COLLECTION_LINK.exists():
        return
    COLLECTION_LINK.parent.mkdir(parents=True, exist_ok=True)

    # Relative, like the link `make collection` creates, so the clone can move.
    try:
        os.symlink("../../../..", COLLECTION_LINK)
    except FileExistsError:
        # `make collection` or a parallel test run created it meanwhile.
        pass


_link_collection()
if str(COLLECTIONS_ROOT) not in sys.path:
    sys.path.insert(0, str(COLLECTIONS_ROOT))

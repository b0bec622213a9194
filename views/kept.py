"""What a server process keeps between runs: the loaded course and the store (connection pool).

Plain dicts, not `st.cache_resource`, whose argument hashing cost more than the rest of a page's
run (bench/RESULTS.md).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from course.certificates.badges import prune_badges, static_dir
from course.content.course import Course
from course.content.loader import content_dir_from_env, content_fingerprint, load_course
from course.journey.learners import retention_cutoff
from course.storage.database import default_database_url
from course.storage.store import Store

Fingerprint = tuple[tuple[str, int, int], ...]
Key = TypeVar("Key")
Kept = TypeVar("Kept")
# Loaded courses by (folder, fingerprint of its files).
_COURSES: dict[tuple[str, Fingerprint], Course] = {}
_LOADING = threading.RLock()  # opening a store reads the course
_KEPT_COURSES = 4
_KEPT_STORES = 4
# The files are looked at once a second at most per folder (one `stat` each), not on every call.
_FINGERPRINT_FOR = 1.0
_fingerprints: dict[str, tuple[float, Fingerprint]] = {}


def _fingerprint(root: Path) -> Fingerprint:
    now = time.monotonic()
    noted = _fingerprints.get(str(root))
    if noted is not None and now - noted[0] < _FINGERPRINT_FOR:
        return noted[1]
    fingerprint = content_fingerprint(root)
    _fingerprints[str(root)] = (now, fingerprint)
    return fingerprint


_STORES: dict[str, Store] = {}  # by database URL


def _open_store(url: str) -> Store:
    """Open (and migrate) the database, erase records past the retention period, then withdraw
    the Open Badges of certificates no longer on record."""
    store = Store(url)
    settings = get_course().settings
    if settings is not None:
        now = datetime.now(UTC)
        store.learners.purge_inactive(retention_cutoff(settings.data.retention_months, now))
    prune_badges(static_dir(), store.certificates.codes())
    return store


def get_store() -> Store:
    """One connection pool per database and server process ($COURSE_DATABASE_URL or SQLite in var/)."""
    url = default_database_url()
    return _kept(_STORES, url, lambda: _open_store(url), _KEPT_STORES)


def get_course() -> Course:
    """The course, parsed once per version of the content files (an edit shows on reload)."""
    root = content_dir_from_env()
    return _kept(
        _COURSES, (str(root), _fingerprint(root)), lambda: load_course(root), _KEPT_COURSES
    )


def _kept(cache: dict[Key, Kept], key: Key, make: Callable[[], Kept], keep: int) -> Kept:
    """`cache[key]`, made once when missing (one session makes it, the others wait for it), among
    the `keep` latest made. A failure is not kept: the next run tries again."""
    found = cache.get(key)
    if found is not None:
        return found
    with _LOADING:
        found = cache.get(key)
        if found is None:
            found = make()
            while len(cache) >= keep:
                del cache[next(iter(cache))]
            cache[key] = found
    return found

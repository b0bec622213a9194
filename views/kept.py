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

from course.certificates.badges import prune_badges, rename_legacy_assertions, static_dir
from course.content.course import Course
from course.content.loader import content_dir_from_env, content_fingerprint, load_course
from course.journey.learners import retention_cutoff
from course.storage.database import default_database_url
from course.storage.retention import PurgeSchedule, purge_expired
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
_PURGES = PurgeSchedule()  # the retention purge: at most every 10 minutes, on the page runs


def _open_store(url: str) -> Store:
    """Open (and migrate) the database; badges still named after their code get their badge id
    (revision 0005)."""
    store = Store(url)
    rename_legacy_assertions(static_dir(), store.certificates.badge_ids())
    return store


def _housekeeping(url: str, store: Store) -> None:
    """When due (first run, then every 10 minutes): erase records past the retention period and
    client digests past the guard's window, then withdraw the Open Badges of certificates no
    longer on record."""
    if not _PURGES.due(url):
        return
    settings = get_course().settings
    now = datetime.now(UTC)
    months = settings.data.retention_months if settings is not None else None
    purge_expired(store, retention_cutoff(months, now) if months is not None else None, now)
    prune_badges(static_dir(), set(store.certificates.badge_ids().values()))


def get_store() -> Store:
    """One connection pool per database and server process ($COURSE_DATABASE_URL or SQLite in var/),
    with the retention purge when it is due."""
    url = default_database_url()
    store = _kept(_STORES, url, lambda: _open_store(url), _KEPT_STORES)
    _housekeeping(url, store)
    return store


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

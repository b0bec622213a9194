"""Slowing down guessing: resume codes, verification codes and the trainer password.

Failures are stored (so several server processes share them) per scope and per client, a
digest of the client's address so no address is kept. After `limit` failures within `window`,
that client must wait until the oldest one leaves the window.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from course.store import Store


def client_key(address: str | None) -> str:
    """A digest of the client's address (or of « inconnu »), never the address itself."""
    return hashlib.sha256(f"course-guard:{address or 'inconnu'}".encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Guard:
    store: Store
    scope: str
    limit: int = 5
    window: timedelta = timedelta(minutes=15)

    def blocked(self, client: str, now: datetime | None = None) -> bool:
        """True while this client has used up its tries."""
        since = (now or datetime.now(UTC)) - self.window
        return self.store.recent_failures(self.scope, client, since) >= self.limit

    def failed(self, client: str, now: datetime | None = None) -> None:
        self.store.record_failure(self.scope, client, now)

"""Slowing down guessing: resume codes, verification codes and the trainer password.

Failures are stored (so several server processes share them) per scope and per client, a
digest of the client's address so no address is kept. After `limit` failures within `window`,
that client must wait until the oldest one leaves the window.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from course.storage.store import Store

LOOPBACK = frozenset({"127.0.0.1", "::1"})


def client_address_from(
    peer: str | None, forwarded_for: str | None, trusted_proxies: frozenset[str] = LOOPBACK
) -> str | None:
    """The client's address: X-Forwarded-For is believed only from a trusted proxy, and then its
    *last* address (the one that proxy saw). A visitor writes what they like in the header, so
    its first address would let one client pose as many and escape the rate limits."""
    if peer in trusted_proxies and forwarded_for and forwarded_for.strip():
        return forwarded_for.split(",")[-1].strip()
    return peer


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

"""Slowing down guessing (resume, verification and join codes, the trainer password) and
capping sign-ups, per client and scope, in a way parallel requests cannot race.

    guard = Guard(store, "resume")
    attempt = guard.enter(client_address())      # stored first, then counted
    if not attempt.allowed:                      # say retry_in(attempt.wait), stop
    ...                                          # check the code
    guard.passed(attempt) or guard.failed(attempt)

Each try is stored before it is judged (course/storage/failures.py), so a burst of parallel
requests gets at most `limit` tries through. A client is a keyed digest (HMAC with the server
secret) of its address: IPv4 by address, IPv6 by its /64 network, which one subscriber holds
whole. Codes people type (resume, verify, workshop) get progressive waits rather than lockouts:
after `limit` failures in the window each further try waits `first_wait`, doubled each time up
to `longest_wait`, so one person typing wrong codes in a room behind one public address costs
the room a minute at most, never a quarter of an hour. The trainer password keeps a hard limit
per client and a budget for all clients together. Rows older than their window are purged.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from course.logs import log_refused
from course.storage.failures import Tally
from course.storage.store import Store

LOOPBACK = frozenset({"127.0.0.1", "::1"})
IPV6_PREFIX = 64  # one subscriber's network: all its addresses are one client


@dataclass(frozen=True)
class Policy:
    """How many tries a client has in a window, and what happens after."""

    limit: int
    window: timedelta = timedelta(minutes=15)
    first_wait: timedelta | None = None  # None: no more tries until the oldest leaves the window
    longest_wait: timedelta = timedelta(minutes=1)
    everyone: int | None = None  # tries for all clients together in the window


_TYPED_CODE = Policy(limit=10, first_wait=timedelta(seconds=5), longest_wait=timedelta(minutes=1))
POLICIES = {
    "resume": _TYPED_CODE,
    "verify": _TYPED_CODE,
    "workshop": _TYPED_CODE,
    "trainer": Policy(limit=5, everyone=50),
    # A workshop room signs up behind one address: 40 an hour, then one every few minutes.
    "signup": Policy(
        limit=40,
        window=timedelta(hours=1),
        first_wait=timedelta(seconds=30),
        longest_wait=timedelta(minutes=10),
    ),
}
KEPT_AT_MOST = max(policy.window for policy in POLICIES.values())  # unknown scopes' rows


def client_address_from(
    peer: str | None, forwarded_for: str | None, trusted_proxies: frozenset[str] = LOOPBACK
) -> str | None:
    """The client's address: X-Forwarded-For is believed only from a trusted proxy, and then its
    *last* address (the one that proxy saw). A visitor writes what they like in the header, so
    its first address would let one client pose as many and escape the rate limits."""
    if peer in trusted_proxies and forwarded_for and forwarded_for.strip():
        return forwarded_for.split(",")[-1].strip()
    return peer


def client_network(address: str | None) -> str:
    """What one client is: an IPv4 address, an IPv6 /64 network (IPv4-mapped IPv6 counts as
    IPv4), or « inconnu » for anything else."""
    try:
        parsed = ipaddress.ip_address((address or "").strip().split("%")[0])
    except ValueError:
        return "inconnu"
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/{IPV6_PREFIX}", strict=False))
    return str(parsed)


def client_key(address: str | None, secret: bytes) -> str:
    """A keyed digest of the client's network (HMAC-SHA-256 with the server secret): without the
    secret a leaked table cannot be matched against the few billion IPv4 addresses."""
    network = client_network(address).encode("ascii")
    return hmac.new(secret, b"course-guard:" + network, hashlib.sha256).hexdigest()


def retry_in(wait: timedelta) -> str:
    """A wait told in French: seconds, then whole minutes from one minute up (rounded up)."""
    seconds = max(1, math.ceil(wait.total_seconds()))
    if seconds < 60:
        count, unit = seconds, "seconde"
    else:
        count, unit = math.ceil(seconds / 60), "minute"
    return f"Réessayez dans {count}\u00a0{unit}{'s' if count > 1 else ''}."


def wait_needed(policy: Policy, tally: Tally, now: datetime) -> timedelta:
    """How long a client must still wait before this try, given the earlier ones (zero: go)."""
    waits = [timedelta(0)]
    if tally.mine >= policy.limit:
        if policy.first_wait is None and tally.my_oldest is not None:
            waits.append(tally.my_oldest + policy.window - now)
        elif policy.first_wait is not None and tally.my_latest is not None:
            doubled = policy.first_wait * 2 ** min(tally.mine - policy.limit, 20)
            waits.append(tally.my_latest + min(doubled, policy.longest_wait) - now)
    if policy.everyone is not None and tally.everyone >= policy.everyone:
        assert tally.everyone_oldest is not None
        waits.append(tally.everyone_oldest + policy.window - now)
    return max(waits)


@dataclass(frozen=True)
class Attempt:
    """One try let through (`allowed`, with its stored row) or refused (with the `wait`)."""

    allowed: bool
    wait: timedelta
    row: int | None = None


@dataclass(frozen=True)
class Guard:
    """The limit of one scope (`POLICIES[scope]` unless a policy is given)."""

    store: Store
    scope: str
    policy: Policy | None = None

    @property
    def rules(self) -> Policy:
        return self.policy or POLICIES[self.scope]

    def enter(self, address: str | None, now: datetime | None = None) -> Attempt:
        """Store a try from this address and say whether it may go on; a refused one is logged
        (event `guard_blocked`, with the scope only) and not stored."""
        at = now or datetime.now(UTC)
        rules = self.rules
        row, wait = self.store.failures.attempt(
            self.scope,
            client_key(address, self.store.secret),
            at,
            rules.window,
            lambda tally: wait_needed(rules, tally, at),
        )
        if row is None:
            log_refused(self.scope, blocked=True)
            return Attempt(False, wait)
        return Attempt(True, timedelta(0), row)

    def failed(self, attempt: Attempt) -> None:
        """The code or password was wrong: the try stays counted; logged without the code."""
        log_refused(self.scope)

    def passed(self, attempt: Attempt) -> None:
        """The code or password was right: the try is not a failure."""
        if attempt.row is not None:
            self.store.failures.forget(attempt.row)


def purge_failures(store: Store, now: datetime | None = None) -> int:
    """Delete the tries older than their scope's window (client digests are kept no longer)."""
    at = now or datetime.now(UTC)
    before = {scope: at - policy.window for scope, policy in POLICIES.items()}
    return store.failures.purge(before, at - KEPT_AT_MOST)

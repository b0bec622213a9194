"""The rate limiter holds: parallel tries cannot slip past it, a /64 is one client, the trainer
password has a budget for everyone, typed codes get short growing waits (never a room locked
out for a quarter of an hour), and what it keeps about clients is purged after its window."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta

import pytest

from course.storage.guard import (
    POLICIES,
    Attempt,
    Guard,
    Policy,
    client_key,
    client_network,
    purge_failures,
    retry_in,
)
from course.storage.retention import PurgeSchedule
from course.storage.schema import guard_failures
from course.storage.store import Store

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
ROOM = "203.0.113.7"  # a workshop room behind one public address


def _burst(guard: Guard, addresses: list[str]) -> list[Attempt]:
    """Every address tries at the same moment, each from its own thread (and connection)."""
    start = threading.Barrier(len(addresses))
    results: list[Attempt] = []
    errors: list[BaseException] = []

    def one(address: str) -> None:
        try:
            start.wait()
            results.append(guard.enter(address))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=one, args=(address,)) for address in addresses]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors[0]
    return results


@pytest.mark.parametrize("scope", ["trainer", "resume"])
def test_parallel_tries_never_get_more_than_the_limit_through(store: Store, scope: str) -> None:
    guard = Guard(store, scope)
    limit = guard.rules.limit
    through = [attempt for attempt in _burst(guard, [ROOM] * (limit + 8)) if attempt.allowed]
    assert len(through) == limit
    assert store.failures.count_since(scope, client_key(ROOM, store.secret), NOW) == limit


def test_the_trainer_password_has_a_budget_for_all_clients_together(store: Store) -> None:
    guard = Guard(store, "trainer")
    everyone = POLICIES["trainer"].everyone
    assert everyone == 50
    addresses = [f"198.51.100.{n}" for n in range(30) for _ in range(2)]  # 60 tries, 2 each
    through = [attempt for attempt in _burst(guard, addresses) if attempt.allowed]
    assert len(through) == everyone
    refused = guard.enter("192.0.2.200")  # a fresh address waits too, told for how long
    assert not refused.allowed
    assert timedelta(minutes=14) < refused.wait <= timedelta(minutes=15)


def test_an_ipv6_subscriber_is_one_client_whatever_address_it_picks_in_its_64(
    store: Store,
) -> None:
    assert client_network("2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64"
    assert client_network("::ffff:192.0.2.9") == "192.0.2.9"
    assert client_network("pas une adresse") == "inconnu"
    guard = Guard(store, "trainer")
    for host in range(5):
        assert guard.enter(f"2001:db8:1:2::{host:x}", NOW).allowed
    assert not guard.enter("2001:db8:1:2:ffff:ffff:ffff:ffff", NOW).allowed
    assert guard.enter("2001:db8:1:3::1", NOW).allowed  # the next /64 is someone else


def test_a_room_behind_one_address_waits_seconds_not_a_quarter_of_an_hour(store: Store) -> None:
    guard = Guard(store, "resume")
    moment = NOW
    for _ in range(POLICIES["resume"].limit):
        attempt = guard.enter(ROOM, moment)
        assert attempt.allowed
        guard.failed(attempt)
    waits = []
    for _ in range(6):  # each further wrong code doubles the wait, up to one minute
        refused = guard.enter(ROOM, moment)
        assert not refused.allowed
        waits.append(refused.wait)
        moment += refused.wait
        assert guard.enter(ROOM, moment).allowed  # the room can go on once the wait is over
    assert [wait.total_seconds() for wait in waits] == [5, 10, 20, 40, 60, 60]
    assert retry_in(waits[2]) == "Réessayez dans 20\u00a0secondes."
    assert retry_in(timedelta(seconds=61)) == "Réessayez dans 2\u00a0minutes."
    assert retry_in(timedelta(seconds=1)) == "Réessayez dans 1\u00a0seconde."
    assert guard.enter("192.0.2.50", moment).allowed  # another room is not slowed down


def test_a_right_code_is_not_counted_as_a_failure(store: Store) -> None:
    guard = Guard(store, "trainer")
    for _ in range(20):
        guard.passed(guard.enter(ROOM, NOW))
    assert guard.enter(ROOM, NOW).allowed


def test_refused_codes_and_blocked_clients_are_logged_without_code_or_address(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    guard = Guard(store, "resume", Policy(limit=1, first_wait=timedelta(minutes=1)))
    with caplog.at_level(logging.INFO, logger="course.events"):
        guard.failed(guard.enter(ROOM, NOW))  # a wrong code « K7QF-29XM », say
        assert not guard.enter(ROOM, NOW).allowed
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert logged.splitlines() == ["code_refused scope=resume", "guard_blocked scope=resume"]
    assert ROOM not in logged and client_key(ROOM, store.secret) not in logged


def test_client_digests_are_keyed_and_deleted_after_their_window(store: Store) -> None:
    key = client_key(ROOM, store.secret)
    assert ROOM not in key and key != client_key(ROOM, b"another server's secret" * 2)
    Guard(store, "resume").enter(ROOM, NOW - timedelta(minutes=16))
    Guard(store, "resume").enter(ROOM, NOW - timedelta(minutes=14))
    Guard(store, "signup").enter(ROOM, NOW - timedelta(minutes=59))
    assert purge_failures(store, NOW) == 1
    with store.transaction() as db:
        left = sorted(db.execute(guard_failures.select()).mappings(), key=lambda r: r["at"])
    assert [(row["scope"], row["at"]) for row in left] == [
        ("signup", NOW - timedelta(minutes=59)),
        ("resume", NOW - timedelta(minutes=14)),
    ]
    assert purge_failures(store, NOW + timedelta(hours=1)) == 2


def test_the_purge_is_due_on_first_use_then_every_ten_minutes() -> None:
    clock = [1000.0]
    schedule = PurgeSchedule(clock=lambda: clock[0])
    assert schedule.due("db") and not schedule.due("db")
    clock[0] += 599
    assert not schedule.due("db")
    assert schedule.due("other db")
    clock[0] += 1
    assert schedule.due("db")

"""The trainer password: no default, secrets before the environment, too short refused."""

from __future__ import annotations

import pytest

from course.workshop.trainer_auth import (
    ENV_VARIABLE,
    WeakPassword,
    configured_password,
    password_matches,
)


def test_no_password_anywhere_means_no_password() -> None:
    assert configured_password({}, {}) is None
    assert configured_password({"trainer_password": "  "}, {ENV_VARIABLE: ""}) is None


def test_the_secrets_file_wins_over_the_environment() -> None:
    assert configured_password({"trainer_password": "depuis-secrets"}, {}) == "depuis-secrets"
    assert (
        configured_password({"trainer_password": "depuis-secrets"}, {ENV_VARIABLE: "depuis-env1"})
        == "depuis-secrets"
    )
    assert configured_password({}, {ENV_VARIABLE: "depuis-env1"}) == "depuis-env1"


def test_a_short_password_is_refused_with_a_french_reason() -> None:
    with pytest.raises(WeakPassword, match="au moins 8"):
        configured_password({}, {ENV_VARIABLE: "court"})


def test_only_the_exact_password_matches() -> None:
    assert password_matches("Atelier-2026", "Atelier-2026")
    assert password_matches("  Atelier-2026 ", "Atelier-2026")  # a pasted space is forgiven
    assert not password_matches("atelier-2026", "Atelier-2026")
    assert not password_matches("", "Atelier-2026")
    assert password_matches("Schöne Grüße", "Schöne Grüße")

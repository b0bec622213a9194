"""The door of the trainer area: a password from the secrets or the environment, slowed guesses.

Every trainer page calls `trainer_gate()` first: it returns True for a signed-in trainer and
otherwise draws the sign-in form (or explains how to set a password when none is configured).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

import streamlit as st

from course.storage.guard import Guard, retry_in
from course.workshop.trainer_auth import (
    ENV_VARIABLE,
    SECRET_NAME,
    WeakPassword,
    configured_password,
    password_matches,
)
from views.kept import get_store
from views.page import client_address

SESSION_KEY = "trainer"
WRONG_PASSWORD_PAUSE = 1.0  # seconds, on top of the guard


def _secrets() -> Mapping[str, Any]:
    try:
        return dict(st.secrets)
    except Exception:  # no secrets.toml at all: Streamlit raises rather than returning {}
        return {}


def is_trainer() -> bool:
    """True when this browser session has signed in as the trainer."""
    return bool(st.session_state.get(SESSION_KEY))


def trainer_gate() -> bool:
    """True for a signed-in trainer; otherwise draw what is needed to sign in and return False."""
    if is_trainer():
        return True
    try:
        password = configured_password(_secrets())
    except WeakPassword as problem:
        st.error(f"{problem} Choisissez-en un plus long, puis relancez le cours.")
        return False
    if password is None:
        _explain_setup()
        return False
    _sign_in_form(password)
    return is_trainer()


def _explain_setup() -> None:
    st.warning(
        "L'espace formateur est fermé\u202f: aucun mot de passe formateur n'est configuré "
        "(il n'y en a pas par défaut).",
        icon=":material/lock:",
    )
    st.markdown(
        "Pour l'ouvrir, la personne qui installe le cours choisit un mot de passe d'au moins "
        "8\u00a0caractères, de l'une de ces deux façons, puis relance le cours\u202f:\n\n"
        f'- dans le fichier `.streamlit/secrets.toml`\u202f: `{SECRET_NAME} = "…"`\u202f;\n'
        f"- ou dans la variable d'environnement `{ENV_VARIABLE}`."
    )


def _sign_in_form(password: str) -> None:
    # 5 wrong passwords per client, 50 for everyone, per quarter of an hour (guard.POLICIES)
    guard = Guard(get_store(), "trainer")
    with st.form("trainer-sign-in"):
        typed = st.text_input("Mot de passe formateur", type="password", max_chars=200)
        sent = st.form_submit_button("Entrer", type="primary")
    if not sent:
        return
    attempt = guard.enter(client_address())
    if not attempt.allowed:
        st.error(
            f"Trop de mots de passe erronés. {retry_in(attempt.wait)}",
            icon=":material/lock_clock:",
        )
        return
    if password_matches(typed, password):
        guard.passed(attempt)
        st.session_state[SESSION_KEY] = True
        st.rerun()
    guard.failed(attempt)
    time.sleep(WRONG_PASSWORD_PAUSE)
    st.error("Mot de passe incorrect.", icon=":material/error:")


def trainer_sign_out_button() -> None:
    """Leave the trainer area on this device."""
    if st.button("Quitter l'espace formateur", icon=":material/logout:"):
        st.session_state.pop(SESSION_KEY, None)
        st.rerun()

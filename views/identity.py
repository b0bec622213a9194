"""Who is learning: a name for the certificate and a personal resume code, no password.

The session holds the learner and their code, never the URL: the address bar is seen on projected
screens, kept in the history of shared computers and in proxies' logs. A resume link
(`?reprise=CODE`, shown on demand in « Mon parcours ») opens the record on another device: the
code leaves the address bar at once, and the visitor confirms the record (« C'est moi ») before
anything they do is attached to it, so a link someone else sent cannot silently collect their
answers. Wrong codes are slowed down per client (course/storage/guard.py). Signing out clears
everything the session holds.
"""

from __future__ import annotations

import time
from typing import Any

import streamlit as st

from course.codes import normalise_code
from course.journey.learners import InvalidIdentity, clean_email, clean_name
from course.journey.links import resume_url
from course.logs import log_resume, log_sign_up
from course.storage.guard import Guard, retry_in
from course.storage.learners import Learner
from course.text import escape_markdown
from views.join_card import qr_image, qr_svg
from views.kept import get_course, get_store
from views.page import client_address, url_value

SESSION_KEY = "learner"
URL_KEY = "reprise"
PENDING_KEY = "learner:pending"  # a record a resume link opened, until the visitor confirms it
SHOW_CODE_KEY = "learner:show-code"  # « Afficher mon code et mon lien de reprise » is on
NEW_CODE_KEY = "learner:new-code"
UNPRINTABLE_KEY = "learner:unprintable"  # characters of the new name no certificate font has
CLOCK_KEY = "learner:clock"
RUN_KEY = "learner:run"  # counts the app's runs (app.py), so a learner is read once per run
READ_KEY = "learner:read"  # (run, session's hold, learner) of this run's read
FLUSH_SECONDS = 15  # time on a module is written at least this often, not at every rerun
LONGEST_STRETCH = 600  # a longer gap between two runs is a break, counted as 10 minutes


def _guard() -> Guard:
    """Wrong codes are slowed down per client (waits, not lockouts: see guard.POLICIES)."""
    return Guard(get_store(), "resume")


def _hold(learner_id: str, code: str) -> None:
    st.session_state[SESSION_KEY] = {"id": learner_id, "code": code}
    get_store().learners.seen(learner_id)


def new_run() -> None:
    """Called by app.py at the start of each run: the learner is read again once."""
    st.session_state[RUN_KEY] = st.session_state.get(RUN_KEY, 0) + 1


def current_learner() -> Learner | None:
    """This session's learner; None if nobody yet (or a resume link awaits confirmation).

    Read from the store once per run of the app, however many parts of the page ask; read
    again at once when the session's learner changes (sign-up, resume, sign-out, erasure).
    """
    run, held = st.session_state.get(RUN_KEY), st.session_state.get(SESSION_KEY)
    read = st.session_state.get(READ_KEY)
    if run is not None and read is not None and read[0] == run and read[1] == held:
        learner: Learner | None = read[2]
        return learner
    learner = _read_learner()
    if run is not None:
        st.session_state[READ_KEY] = (run, st.session_state.get(SESSION_KEY), learner)
    return learner


def _read_learner() -> Learner | None:
    held: dict[str, Any] | None = st.session_state.get(SESSION_KEY)
    if held:
        learner = get_store().learners.get(held["id"])
        if learner is not None:
            return learner
        del st.session_state[SESSION_KEY]  # the record was erased meanwhile
    return None


def open_resume_link() -> None:
    """Called by app.py before the page: a resume link's code leaves the address bar at once,
    and its record waits in the session for the visitor's « C'est moi » (confirm_resume)."""
    if URL_KEY not in st.query_params:
        return
    st.session_state.pop(PENDING_KEY, None)
    found = _find(url_value(URL_KEY))  # the database down: the link stays, for « Réessayer »
    st.query_params.pop(URL_KEY, None)
    held = st.session_state.get(SESSION_KEY)
    if found is not None and not (held and held["id"] == found[0].id):
        learner, code = found
        st.session_state[PENDING_KEY] = {"id": learner.id, "code": code, "name": learner.name}


def confirm_resume() -> None:
    """The record a resume link opened, to confirm before it becomes the session's."""
    pending: dict[str, str] | None = st.session_state.get(PENDING_KEY)
    if not pending:
        return
    with st.container(border=True):
        st.markdown(
            f"Vous reprenez le parcours de **{escape_markdown(pending['name'])}**. S'il s'agit "
            "bien de vous, vos réponses et votre progression seront enregistrées dans ce "
            "parcours."
        )
        mine, not_mine = st.columns(2)
        mine.button("C'est moi", type="primary", icon=":material/check:", on_click=_accept_pending)
        not_mine.button("Ce n'est pas moi", icon=":material/close:", on_click=_refuse_pending)


def _accept_pending() -> None:
    pending = st.session_state.pop(PENDING_KEY, None)
    if pending:
        _hold(pending["id"], pending["code"])
        log_resume(pending["id"])


def _refuse_pending() -> None:
    st.session_state.pop(PENDING_KEY, None)


def resume(typed: str) -> Learner | None:
    """Open the record of a typed resume code; a French message when it fails."""
    found = _find(typed)
    if found is None:
        return None
    learner, code = found
    st.session_state.pop(PENDING_KEY, None)
    _hold(learner.id, code)
    log_resume(learner.id)
    return learner


def _find(typed: str) -> tuple[Learner, str] | None:
    """The record of a resume code and the code, normalised; a French message when it fails."""
    guard = _guard()
    attempt = guard.enter(client_address())
    if not attempt.allowed:
        st.error(
            f"Trop de codes erronés depuis cet appareil. {retry_in(attempt.wait)} Vérifiez "
            "aussi votre code (par exemple «\u00a0K7QF-29XM\u00a0»).",
            icon=":material/lock_clock:",
        )
        return None
    code = normalise_code(typed)
    learner = get_store().learners.by_code(code) if code else None
    if learner is None or code is None:
        guard.failed(attempt)
        st.error(
            "Ce code ne correspond à aucun parcours. Vérifiez-le\u202f: il a la forme "
            "«\u00a0K7QF-29XM\u00a0».",
            icon=":material/error:",
        )
        return None
    guard.passed(attempt)
    return learner, code


def _sign_up_form() -> Learner | None:
    with st.form("inscription"):
        st.markdown("**Première visite\u202f?**")
        name = st.text_input(
            "Votre nom, tel qu'il figurera sur l'attestation",
            max_chars=100,
            autocomplete="name",
        )
        email = st.text_input(
            "Votre adresse e-mail (facultatif)",
            max_chars=320,
            autocomplete="email",
            help="Elle n'est jamais affichée aux autres participants ; elle sert au badge.",
        )
        st.caption(
            "Votre nom, vos réponses et vos scores sont enregistrés pour suivre votre parcours "
            "et établir votre attestation. Voir la page «\u00a0Confidentialité\u00a0»."
        )
        sent = st.form_submit_button("Commencer mon parcours", type="primary")
    if not sent:
        return None
    try:
        clean, mail = clean_name(name), clean_email(email)
    except InvalidIdentity as problem:
        st.error(str(problem), icon=":material/error:")
        return None
    signing_up = Guard(get_store(), "signup").enter(client_address())  # 40 an hour, then waits
    if not signing_up.allowed:
        st.error(
            f"Trop d'inscriptions depuis cette connexion. {retry_in(signing_up.wait)}",
            icon=":material/lock_clock:",
        )
        return None
    learner, code = get_store().learners.create(clean, mail)
    log_sign_up(learner.id, mail is not None)
    _hold(learner.id, code)
    st.session_state[NEW_CODE_KEY] = True
    from course.certificates.fonts import unprintable_characters  # fontTools: only at sign-up

    st.session_state[UNPRINTABLE_KEY] = unprintable_characters(clean)
    return learner


def _resume_form() -> Learner | None:
    with st.form("reprise"):
        st.markdown("**Vous avez déjà un code\u202f?**")
        typed = st.text_input("Votre code personnel", max_chars=20, placeholder="K7QF-29XM")
        sent = st.form_submit_button("Reprendre mon parcours")
    return resume(typed) if sent and typed.strip() else None


def sign_in(intro: str) -> Learner | None:
    """The learner, or the forms to start a record or resume one (with `intro` above them)."""
    learner = current_learner()
    if learner is not None:
        _welcome(learner)
        _warn_unprintable(learner)
        return learner
    st.info(intro, icon=":material/badge:")
    new, known = st.columns(2)
    with new:
        learner = _sign_up_form()
    with known:
        learner = learner or _resume_form()
    if learner is not None:
        st.rerun()
    return None


def _welcome(learner: Learner) -> None:
    """Right after sign-up, on whichever page it happened: the new code, to note down."""
    if st.session_state.pop(NEW_CODE_KEY, False):
        code = st.session_state[SESSION_KEY]["code"]
        st.success(
            f"Bienvenue, {escape_markdown(learner.name)}. Voici votre code personnel\u202f: "
            f"**{code}**. Notez-le\u202f: il vous permet de reprendre votre parcours sur "
            "n'importe quel appareil, et vous le retrouverez avec votre lien de reprise dans "
            "«\u00a0Mon parcours\u00a0». Ne le donnez à personne.",
            icon=":material/key:",
        )


def _warn_unprintable(learner: Learner) -> None:
    """Right after sign-up (the record is kept): which characters of the name the certificate
    cannot print."""
    missing = st.session_state.pop(UNPRINTABLE_KEY, "")
    if missing:
        st.warning(unprintable_warning(learner.name, missing), icon=":material/warning:")


def unprintable_warning(name: str, missing: str) -> str:
    """The French warning naming the `missing` characters, each escaped, with its code point."""
    several = len(missing) > 1
    listed = ", ".join(f"«\u00a0{escape_markdown(c)}\u00a0» (U+{ord(c):04X})" for c in missing)
    from course.certificates.fonts import printable_text  # fontTools: only for this warning

    printed = printable_text(name)
    if printed:
        outcome = (
            f"l'attestation PDF l'imprimera sans {'eux' if several else 'lui'}\u202f: "
            f"«\u00a0{escape_markdown(printed)}\u00a0»"
        )
    else:
        outcome = "l'attestation PDF ne pourra pas l'imprimer (la ligne du nom restera vide)"
    return (
        "Votre parcours est bien créé. Attention\u202f: les polices de l'attestation ne savent "
        f"pas dessiner {'les caractères' if several else 'le caractère'} {listed} de votre "
        f"nom, et {outcome}. La page de vérification de l'attestation, elle, affichera votre "
        "nom en entier. Si vous le souhaitez, effacez ce parcours (page «\u00a0Mon "
        "parcours\u00a0») et recommencez avec votre nom écrit en alphabet latin."
    )


def show_code() -> None:
    """The learner's resume code, link and its QR code, on demand: never in the address bar,
    and hidden again with one click on a projected screen."""
    code = st.session_state[SESSION_KEY]["code"]
    if not st.toggle("Afficher mon code et mon lien de reprise", key=SHOW_CODE_KEY):
        st.caption(
            "Votre code et votre lien de reprise ne s'affichent qu'à votre demande\u202f: "
            "vérifiez que personne ne regarde votre écran."
        )
        return
    link = resume_url(get_course().settings, code)
    st.markdown("Votre code personnel")
    st.code(code, language=None)
    st.markdown("Votre lien de reprise (à ouvrir sur un autre appareil, ou à scanner)")
    st.code(link, language=None)
    label = "QR code de votre lien de reprise"
    svg = qr_svg.__wrapped__(link, label)  # not cached: no learner's code kept in memory
    st.html(f'<div style="width:12rem;max-width:100%;background:#fff">{qr_image(svg, label)}</div>')


def sign_out_button() -> None:
    """Leave this device without erasing anything (e.g. on a shared computer): everything the
    session holds (the learner, their code, typed answers, a pending resume link) is cleared."""
    if st.button("Quitter mon parcours sur cet appareil", icon=":material/logout:"):
        st.session_state.clear()
        st.rerun()


def track_time(lesson_id: str | None) -> None:
    """Credit the time since the previous run to the module it was spent on, and note a visit.

    Called on every run with the page's module (None elsewhere). Nothing is stored for a
    visitor who has not started a record.
    """
    learner = current_learner()
    now = time.monotonic()
    clock: dict[str, Any] | None = st.session_state.get(CLOCK_KEY)
    if learner is None:
        st.session_state[CLOCK_KEY] = {"lesson": lesson_id, "since": now}
        return
    store = get_store()
    previous = clock["lesson"] if clock else None
    elapsed = int(min(now - clock["since"], LONGEST_STRETCH)) if clock else 0
    if previous == lesson_id and elapsed < FLUSH_SECONDS:
        return
    if previous is not None:
        store.learners.record_visit(learner.id, previous, elapsed)
    if lesson_id is not None and lesson_id != previous:
        store.learners.record_visit(learner.id, lesson_id, 0)
    st.session_state[CLOCK_KEY] = {"lesson": lesson_id, "since": now}

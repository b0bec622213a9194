"""When the database does not answer: a French message and a retry button, never a traceback.

A SQLite file locked longer than the busy timeout, a PostgreSQL server restarting or out of
reach: the page says so in French, offers « Réessayer » (the retry reruns the page; the
learner's session and the answers already saved are kept), and the log gets one line with the
kind of error only (course/logs.py), never the driver's message, which may quote learner data.
Mistakes in the code (integrity, programming errors) are not hidden: they still raise.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

import streamlit as st
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from course.logs import log_database_error

DATABASE_DOWN = "La base de données ne répond pas pour l'instant. Réessayez dans quelques secondes."
RETRY_LABEL = "Réessayer"
# A server gone, a refused or dropped connection, a lock held too long, a full pool.
UNAVAILABLE = (OperationalError, InterfaceError, PoolTimeout, sqlite3.OperationalError)

P = ParamSpec("P")
R = TypeVar("R")


def database_unavailable(error: BaseException) -> bool:
    """True for errors that mean the database cannot answer now (not a bug in the code)."""
    if isinstance(error, UNAVAILABLE):
        return True
    return isinstance(error, DBAPIError) and bool(error.connection_invalidated)


@contextmanager
def database_guard(where: str = "page", retry: bool = True) -> Iterator[None]:
    """Run the block; if the database cannot answer, show the French message (and a
    « Réessayer » button when `retry`) where the block stopped, and log the error's kind."""
    try:
        yield
    except (DBAPIError, PoolTimeout, sqlite3.OperationalError) as error:
        if not database_unavailable(error):
            raise
        log_database_error(error, where)
        st.error(DATABASE_DOWN, icon=":material/cloud_off:")
        if retry:
            st.button(RETRY_LABEL, key=f"database-retry-{where}", icon=":material/refresh:")


def database_guarded(where: str) -> Callable[[Callable[P, None]], Callable[P, None]]:
    """The guard as a decorator without the button, for fragments that rerun on their own
    (`@st.fragment(run_every=…)` above `@database_guarded("roster")`)."""

    def decorate(function: Callable[P, None]) -> Callable[P, None]:
        @functools.wraps(function)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> None:
            with database_guard(where, retry=False):
                function(*args, **kwargs)

        return guarded

    return decorate

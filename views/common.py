"""What every page shares: the cached course, French `lang`, content blocks, error boxes."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import plotly.graph_objects as go
import streamlit as st

from course.certificates.badges import prune_badges, static_dir
from course.content.charts import build_figure, chart_rows, data_table
from course.content.course import Course
from course.content.errors import ContentError
from course.content.glossary import link_glossary_terms
from course.content.lesson import Block, Callout, Embed, MarkdownBlock, TrainerNotes
from course.content.loader import content_dir_from_env, content_fingerprint, load_course
from course.content.models import ChartSpec
from course.journey.learners import retention_cutoff
from course.storage.guard import LOOPBACK, client_address_from
from course.storage.store import Store, default_database_url
from views.mockups import show_illustration, show_mockup

if TYPE_CHECKING:
    import pandas as pd

CALLOUT_ICONS = {
    "a-retenir": ":material/push_pin:",
    "aujourdhui": ":material/update:",
    "conseil": ":material/lightbulb:",
    "exemple": ":material/visibility:",
    "attention": ":material/warning:",
}
PLOTLY_CONFIG = {
    "displaylogo": False,
    "locale": "fr",
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


Fingerprint = tuple[tuple[str, int, int], ...]
Key = TypeVar("Key")
Kept = TypeVar("Kept")
# Loaded courses by (folder, fingerprint of its files): a plain dict, not st.cache_resource, whose
# argument hashing cost more than the rest of a page's run (bench/RESULTS.md).
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


_STORES: dict[str, Store] = {}  # by database URL; a plain dict for the reason given above


def _open_store(url: str) -> Store:
    """Open (and migrate) the database, erase records past the retention period, then withdraw
    the Open Badges of certificates no longer on record."""
    store = Store(url)
    settings = get_course().settings
    if settings is not None:
        now = datetime.now(UTC)
        store.purge_inactive(retention_cutoff(settings.data.retention_months, now))
    prune_badges(static_dir(), store.certificate_codes())
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


# Streamlit's faded caption grey is below WCAG AA contrast on white: darken it (7.9:1).
# Its input hints (« Press Enter to submit form ») are English: hide them.
# Long module titles wrap in the sidebar instead of being cut.
PAGE_STYLE = """<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #4A5160; opacity: 1; }
[data-testid="InputInstructions"] { display: none; }
[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"] * { white-space: normal; overflow: visible; }
[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"] { height: auto; }
</style>"""


PAGE_FIXES = (Path(__file__).resolve().parent.parent / "assets" / "page_fixes.js").read_text(
    encoding="utf-8"
)


def set_up_page() -> None:
    """French `lang` and labels on Streamlit's own markup (assets/page_fixes.js), and our styles."""
    st.html(f"<script>{PAGE_FIXES}</script>", unsafe_allow_javascript=True)
    st.html(PAGE_STYLE)


def show_markdown(text: str, course: Course) -> None:
    """Author Markdown with `[[terme]]` turned into glossary links."""
    st.markdown(link_glossary_terms(text, course.glossary_index))


def show_chart(course: Course, chart_id: str, caption: str = "", titled: bool = True) -> None:
    """A chart with its title (unless the page's heading already says it), its text
    alternative, its data as a table and its source."""
    spec = course.chart(chart_id)
    if spec is None:
        st.warning(f"Graphique « {chart_id} » introuvable.")
        return
    figure, table = course.derived(("chart", chart_id), lambda: _chart_parts(course, spec))
    if titled:
        st.markdown(f"**{spec.title}**")  # above the figure, as text that wraps on a phone
    st.plotly_chart(figure, config=PLOTLY_CONFIG, key=f"chart-{chart_id}")
    st.markdown(f"**Description du graphique.** {spec.alt}")
    if caption or spec.caption:
        st.caption(caption or spec.caption or "")
    with st.expander("Voir les données du graphique"):
        st.table(table)


def _chart_parts(course: Course, spec: ChartSpec) -> tuple[go.Figure, pd.DataFrame]:
    """A chart's figure and data table, built once per loaded course (neither is changed after:
    Streamlit copies the figure before sending it)."""
    table = data_table(chart_rows(spec, course.stats)).set_index("Périmètre")
    return build_figure(spec, course.stats), table


def show_block(block: Block, course: Course, presenting: bool = False) -> None:
    """Draw one block of a lesson section."""
    if isinstance(block, MarkdownBlock):
        show_markdown(block.text, course)
    elif isinstance(block, Callout):
        with st.container(border=True):
            st.markdown(f"{CALLOUT_ICONS.get(block.kind, '')} **{block.title}**")
            show_markdown(block.text, course)
    elif isinstance(block, TrainerNotes):
        if presenting:
            with st.expander("Notes du formateur", icon=":material/school:"):
                show_markdown(block.text, course)
    elif isinstance(block, Embed) and block.kind == "chart":
        show_chart(course, block.target, block.caption)
    elif isinstance(block, Embed) and block.kind == "mockup":
        show_mockup(course, block.target, block.caption, presenting)
    elif isinstance(block, Embed) and block.kind == "illustration":
        show_illustration(course, block.target, block.caption, presenting)
    elif isinstance(block, Embed) and block.kind == "exercise":
        from views.exercises import show_exercise  # views.exercises uses this module

        show_exercise(block.target, course)


def show_blocks(blocks: Sequence[Block], course: Course, presenting: bool = False) -> None:
    """Draw the blocks of one section in order."""
    for block in blocks:
        show_block(block, course, presenting)


def show_content_errors(errors: Sequence[ContentError], intro: str) -> None:
    """A French error box listing content problems, for authors."""
    lines = "\n".join(f"- `{error}`" for error in errors)
    st.error(
        f"{intro}\n\n{lines}\n\nVérifiez avec : `python -m course validate`",
        icon=":material/error:",
    )


def client_address() -> str | None:
    """The visitor's address, for slowing down guessing (None in tests without a browser):
    see course/storage/guard.py; proxies are this machine and $COURSE_TRUSTED_PROXIES."""
    peer = st.context.ip_address if isinstance(st.context.ip_address, str) else None
    forwarded = st.context.headers.get("X-Forwarded-For")
    listed = os.environ.get("COURSE_TRUSTED_PROXIES", "")
    trusted = LOOPBACK | {address.strip() for address in listed.split(",") if address.strip()}
    return client_address_from(peer, forwarded if isinstance(forwarded, str) else None, trusted)

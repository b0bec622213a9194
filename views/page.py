"""What every page's run shares beside the course: the page set-up (French `lang` and labels,
styles), the visitor's address, values read from the URL (cut), the French box listing content
errors."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import streamlit as st

from course.content.errors import ContentError
from course.storage.guard import LOOPBACK, client_address_from

# Streamlit's faded caption grey is below WCAG AA contrast on white: darken it (7.9:1).
# Its input hints (« Press Enter to submit form ») are English: hide them.
PAGE_STYLE = """<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #4A5160; opacity: 1; }
[data-testid="InputInstructions"] { display: none; }
</style>"""


# Longest value kept from a URL parameter: ids, slugs, slide numbers and codes are far shorter, and
# whatever a link carries beyond is never parsed, looked up or folded (issue 15).
URL_VALUE_MAX = 64

PAGE_FIXES = (Path(__file__).resolve().parent.parent / "assets" / "page_fixes.js").read_text(
    encoding="utf-8"
)


def set_up_page() -> None:
    """French `lang` and labels on Streamlit's own markup (assets/page_fixes.js), and our styles."""
    st.html(f"<script>{PAGE_FIXES}</script>", unsafe_allow_javascript=True)
    st.html(PAGE_STYLE)


def url_value(name: str) -> str:
    """The URL parameter `name` (`?name=…`), "" when absent, cut to URL_VALUE_MAX characters.
    Every view reads the URL through this, never `st.query_params` directly."""
    value = st.query_params.get(name, "")
    return value[:URL_VALUE_MAX]


def show_content_errors(errors: Sequence[ContentError], intro: str) -> None:
    """A French error box listing content problems, for authors."""
    lines = "\n".join(f"- `{error}`" for error in errors)
    st.error(
        f"{intro}\n\n{lines}\n\nVérifiez avec : `python -m course validate`",
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

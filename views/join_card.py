"""The workshop's join card: its code in large type, the join link and a QR code for phones.

The link uses the address the phones can reach: $COURSE_PUBLIC_URL when set, else the address
the trainer's own browser used; « localhost » is replaced by this computer's address on the
local network, so phones on the same Wi-Fi can join a course running on the trainer's laptop.
"""

from __future__ import annotations

import base64
import functools
import os
import socket
from urllib.parse import urlsplit

import streamlit as st

from course.journey.links import workshop_url
from course.text import escape_markdown
from course.workshop.workshops import Workshop, Workshops
from views.kept import get_store

CURRENT_KEY = "trainer:workshop"  # the id of the workshop the trainer is running
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}


def _local_network_address() -> str | None:
    """This computer's address on the local network (no packet is sent), or None."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.254.254.254", 1))
            address = probe.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") else str(address)


def room_base_url() -> str:
    """The address to give the room (see the module's docstring)."""
    if os.environ.get("COURSE_PUBLIC_URL"):
        return os.environ["COURSE_PUBLIC_URL"].rstrip("/")
    page = urlsplit(st.context.url or "http://localhost:8501")
    host, port = page.hostname or "localhost", page.port
    if host in LOCAL_HOSTS:
        host = _local_network_address() or host
    netloc = f"{host}:{port}" if port else host
    return f"{page.scheme or 'http'}://{netloc}"


@functools.lru_cache(maxsize=32)  # the dashboard reruns often; a workshop's link does not change
def qr_svg(url: str, label: str) -> str:
    """An SVG QR code that scales with its box, with a text alternative."""
    import segno  # imported on the trainer's page, not when the app starts

    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=1, omitsize=True, title=label, border=2)
    return svg.replace("<svg ", '<svg role="img" aria-label="' + label + '" ', 1)


def qr_image(svg: str, label: str) -> str:
    """The QR code as an <img> of a data: URI, its `label` as alternative text: st.html's
    sanitiser drops an inline <svg> (the browser then showed an empty box) but keeps this."""
    source = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img src="{source}" alt="{label}" style="width:100%;display:block">'


def show_join_card(workshop: Workshop, big: bool = False) -> None:
    """Code, link and QR code to join `workshop`; `big` for the projected screen."""
    link = workshop_url(room_base_url(), workshop.code)
    size = "min(70vh, 90%)" if big else "16rem"
    code_size = "4.5rem" if big else "2.6rem"
    label = "QR code du lien pour rejoindre l’atelier"
    st.markdown(f"**Rejoindre l'atelier «\u00a0{escape_markdown(workshop.title)}\u00a0»**")
    st.html(
        '<p style="margin:0">Code de l\'atelier</p>'
        f'<p style="font-size:{code_size};font-weight:700;letter-spacing:.12em;margin:0">'
        f"{workshop.code}</p>"
        f'<div style="width:{size};max-width:100%;background:#fff">'
        f"{qr_image(qr_svg(link, label), label)}</div>"
    )
    page = escape_markdown(link.split("?")[0])
    st.markdown(
        f"Sur votre téléphone, scannez le QR code, ou ouvrez **{page}** et saisissez le code."
    )
    st.code(link, language=None)


def current_workshop() -> Workshop | None:
    """The workshop the trainer is running in this session, if any."""
    workshop_id = st.session_state.get(CURRENT_KEY)
    return Workshops(get_store()).workshop(workshop_id) if workshop_id else None


def show_current_join_card() -> None:
    """The current workshop's join card, in large type (presentation mode)."""
    workshop = current_workshop()
    if workshop is None:
        st.info(
            "Aucun atelier en cours\u202f: ouvrez-en un dans l'espace formateur.",
            icon=":material/groups:",
        )
        return
    show_join_card(workshop, big=True)

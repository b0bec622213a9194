"""A websocket session that behaves like a browser tab on one page, for bench/suite/.

Built on tools/ws_session.Session, it adds what a browser sends with every rerun and the suite
needs: the page's query string (`?quiz=bases&reprise=…`, updated when the page changes it, as
the browser's address bar is), widget values (a password typed, a
button pressed), and the hashes of the large messages it already holds, so the server sends a
reference instead of the message again, as it does for a real browser. Each run checks what
came back: no exception drawn, and the texts that prove the page is in the state measured.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.util import calc_hash
from websockets.asyncio.client import ClientConnection

from tools.ws_session import Session

FINISHED = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
FRAGMENT_FINISHED = ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
WIDGETS = ("button", "text_input", "checkbox", "selectbox", "radio", "button_group")


class PageError(RuntimeError):
    """The page drew an exception, or is not in the state the benchmark expects."""


@dataclass
class Run:
    """One script run as the client saw it: its duration and what the server sent."""

    seconds: float
    raw: list[bytes] = field(default_factory=list)
    polled: list[str] = field(default_factory=list)  # fragments the page asks to rerun timely
    elements: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, id, label)

    def shows(self, text: str) -> bool:
        """True when `text` is somewhere in what was sent (every string is UTF-8 in protobuf)."""
        needle = text.encode()
        return any(needle in chunk for chunk in self.raw)

    def widget(self, kind: str, label: str) -> str:
        """The id of the widget of that kind whose label starts with `label`."""
        for found_kind, widget_id, found_label in self.elements:
            if found_kind == kind and found_label.startswith(label):
                return widget_id
        labels = [(k, lab) for k, _, lab in self.elements if k in WIDGETS]
        raise PageError(f"no {kind} labelled {label!r} on the page: {labels}")


class PageSession(Session):
    """One browser tab on one page: /url_path?query."""

    def __init__(self, connection: ClientConnection, url_path: str) -> None:
        super().__init__(connection, url_path)
        self.query = ""
        self.cache: dict[str, bytes] = {}  # hash → message, as the browser's message cache

    @classmethod
    async def on_page(cls, base_url: str, url_path: str, query: str = "") -> PageSession:
        session = await cls.open(base_url, url_path)
        assert isinstance(session, PageSession)
        session.query = query
        return session

    async def run(
        self,
        widgets: Iterable[WidgetState] = (),
        expect: Iterable[str] = (),
        fragment: str = "",
        poll: bool = False,
    ) -> Run:
        """Rerun the page, or only `fragment` (a fragment's id; `poll`: the browser's timed rerun
        of a `run_every` fragment); return once that run finished successfully (after any
        `st.rerun`)."""
        message = BackMsg()
        state = message.rerun_script
        state.page_script_hash = calc_hash(self.url_path)
        state.page_name = self.url_path
        state.query_string = self.query
        state.widget_states.widgets.extend(widgets)
        state.cached_message_hashes.extend(self.cache)
        state.fragment_id = fragment
        state.is_auto_rerun = poll
        done = FRAGMENT_FINISHED if fragment else FINISHED
        run = Run(0.0)
        start = time.perf_counter()
        await self.connection.send(message.SerializeToString())
        while True:
            raw = await self.connection.recv()
            if not isinstance(raw, bytes):
                continue
            forward = ForwardMsg.FromString(raw)
            kind = forward.WhichOneof("type")
            if kind == "ref_hash":
                raw = self.cache[forward.ref_hash]
                forward = ForwardMsg.FromString(raw)
                kind = forward.WhichOneof("type")
            elif forward.metadata.cacheable:
                self.cache[forward.hash] = raw
            if kind == "auto_rerun":
                run.polled.append(forward.auto_rerun.fragment_id)
            if kind == "page_info_changed":  # the page changed its query: the browser's URL follows
                self.query = forward.page_info_changed.query_string
            if kind == "script_finished" and forward.script_finished == done:
                run.seconds = time.perf_counter() - start
                break
            run.raw.append(raw)
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                element_kind = element.WhichOneof("type") or ""
                if element_kind == "exception":
                    raise PageError(
                        f"/{self.url_path}?{self.query}: {element.exception.type}: "
                        f"{element.exception.message}"
                    )
                if element_kind in WIDGETS:
                    widget = getattr(element, element_kind)
                    run.elements.append((element_kind, widget.id, getattr(widget, "label", "")))
        missing = [text for text in expect if not run.shows(text)]
        if missing:
            raise PageError(f"/{self.url_path}?{self.query}: not on the page: {missing}")
        return run

    async def rerun(self) -> float:  # the plain rerun of tools/ws_session, with the query
        return (await self.run()).seconds


def text_value(widget_id: str, text: str) -> WidgetState:
    state = WidgetState(id=widget_id)
    state.string_value = text
    return state


def pressed(widget_id: str) -> WidgetState:
    state = WidgetState(id=widget_id)
    state.trigger_value = True
    return state

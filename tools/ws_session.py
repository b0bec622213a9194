"""A headless Streamlit client: one websocket session that asks for reruns and times them.

It speaks the browser's protocol (protobuf BackMsg/ForwardMsg over /_stcore/stream), so a
benchmark can drive many real sessions against `streamlit run` without a browser each.
"""

from __future__ import annotations

import asyncio
import time

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.util import calc_hash
from websockets.asyncio.client import ClientConnection, connect


class Session:
    """One connected session, opened on the page served at /url_path."""

    def __init__(self, connection: ClientConnection, url_path: str) -> None:
        self.connection = connection
        self.url_path = url_path

    @classmethod
    async def open(cls, base_url: str, url_path: str) -> Session:
        ws_url = base_url.replace("http://", "ws://") + "/_stcore/stream"
        return cls(await connect(ws_url, max_size=64 * 1024 * 1024), url_path)

    async def rerun(self) -> float:
        """Ask for a rerun of the page; seconds until the server says the script finished."""
        message = BackMsg()
        message.rerun_script.page_script_hash = calc_hash(self.url_path)
        message.rerun_script.page_name = self.url_path
        start = time.perf_counter()
        await self.connection.send(message.SerializeToString())
        while True:
            raw = await self.connection.recv()
            if (
                isinstance(raw, bytes)
                and ForwardMsg.FromString(raw).WhichOneof("type") == "script_finished"
            ):
                return time.perf_counter() - start

    async def close(self) -> None:
        await self.connection.close()


async def rerun_times(base_url: str, url_path: str, runs: int) -> list[float]:
    """Seconds for each of `runs` reruns of one session, after one warm-up run."""
    session = await Session.open(base_url, url_path)
    try:
        await session.rerun()
        return [await session.rerun() for _ in range(runs)]
    finally:
        await session.close()


if __name__ == "__main__":
    import sys

    print(asyncio.run(rerun_times(sys.argv[1], sys.argv[2], 5)))

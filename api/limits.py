"""Refuse request bodies over the configured size before any parsing (413, problem details)."""
from __future__ import annotations

import json

from api.problems import MEDIA_TYPE


class BodyLimit:
    """Pure ASGI middleware: buffers the body up to `max_bytes`, then hands it on; larger bodies get 413.
    Works with and without Content-Length (chunked uploads are counted as they arrive)."""

    def __init__(self, app, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            return await self.app(scope, receive, send)
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    if int(value) > self.max_bytes:
                        return await self._refuse(scope, send)
                except ValueError:
                    pass
        chunks, size = [], 0
        while True:
            msg = await receive()
            if msg["type"] == "http.disconnect":
                return None
            body = msg.get("body", b"")
            size += len(body)
            if size > self.max_bytes:
                return await self._refuse(scope, send)
            chunks.append(body)
            if not msg.get("more_body", False):
                break
        whole = b"".join(chunks)
        sent = False

        async def replay():
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": whole, "more_body": False}
            return await receive()

        return await self.app(scope, replay, send)

    async def _refuse(self, scope, send):
        body = json.dumps({"type": "about:blank", "title": "Content too large", "status": 413,
                           "detail": f"the request body is larger than {self.max_bytes} bytes",
                           "instance": scope.get("path"), "errors": []}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", MEDIA_TYPE.encode()), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})

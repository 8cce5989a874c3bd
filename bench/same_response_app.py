"""The floor: a raw ASGI app (no framework) sending, for every request, one
fixed response of the real app: its status, headers and bytes, read from the
JSON file named by BENCH_RESPONSE and made ready once. What the server costs
to carry our headers and bytes, before any code of ours or of Starlette runs."""

import json
import os

with open(os.environ["BENCH_RESPONSE"]) as file:
    saved = json.load(file)
SERVER_SETS = {"date", "server"}  # the server adds its own
BODY = bytes.fromhex(saved["body"])
START = {
    "type": "http.response.start",
    "status": saved["status"],
    "headers": [
        (name.lower().encode("latin-1"), value.encode("latin-1"))
        for name, value in saved["headers"]
        if name.lower() not in SERVER_SETS
    ],
}
BODY_MESSAGE = {"type": "http.response.body", "body": BODY}


async def app(scope, receive, send):  # type: ignore[no-untyped-def]
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            await send({"type": message["type"] + ".complete"})
            if message["type"] == "lifespan.shutdown":
                return
    more = True
    while more:  # read the request body, as the app does
        more = (await receive()).get("more_body", False)
    await send(START)
    await send(BODY_MESSAGE)

"""The floor: bare Starlette sending, for every request, one fixed response
of the real app (its status, headers and bytes), read from the JSON file
named by BENCH_RESPONSE. What the server, Starlette and our headers and bytes
cost, before any of our code runs."""

import json
import os

from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route

with open(os.environ["BENCH_RESPONSE"]) as file:
    saved = json.load(file)
STATUS = saved["status"]
SERVER_SETS = {"content-length", "date", "server"}  # the server adds its own
HEADERS = {name: value for name, value in saved["headers"] if name.lower() not in SERVER_SETS}
BODY = bytes.fromhex(saved["body"])


async def fixed(request: object) -> Response:
    return Response(BODY, status_code=STATUS, headers=HEADERS)


app = Starlette(routes=[Route("/{path:path}", fixed, methods=["GET", "POST"])])

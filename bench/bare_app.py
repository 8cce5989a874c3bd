"""The bare framework: Starlette returning a fixed small PlainTextResponse."""

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route


async def fixed(request: object) -> PlainTextResponse:
    return PlainTextResponse("ok")


app = Starlette(routes=[Route("/{path:path}", fixed, methods=["GET", "POST"])])

"""The ASGI application object for servers: ``uvicorn widget.asgi:app``."""

from widget.app import create_app

app = create_app()

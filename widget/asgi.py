"""The ASGI application object for servers: ``uvicorn widget.asgi:app``."""

from widget.access_log import configure_logging
from widget.app import create_app

configure_logging()
app = create_app()

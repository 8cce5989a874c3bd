"""The ASGI application object for servers: ``uvicorn widget.web.asgi:app``."""

from widget.web.access_log import configure_logging
from widget.web.app import create_app

configure_logging()
app = create_app()

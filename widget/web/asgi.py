"""The ASGI application object for servers: ``uvicorn widget.web.asgi:app``."""

import gc

from widget.web.access_log import configure_logging
from widget.web.app import create_app

configure_logging()
app = create_app()
# Everything built at start-up (templates, catalogs, content) lives as long as
# the process: move it out of the collector's view, so that the full
# collections a busy worker runs now and then do not walk it (a p99 stall).
gc.freeze()

"""The views, by page family; widget.web.routes lists them."""

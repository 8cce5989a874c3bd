"""Command line: ``python -m widget serve [--host --port --workers]``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from widget.app import Settings

    Settings.from_environment()  # refuse to start on bad settings, with a clear message
    print(f"Serving on http://{args.host}:{args.port}/", flush=True)
    uvicorn.run(
        "widget.asgi:app",
        host=args.host,
        port=args.port,
        workers=args.workers,
        access_log=False,
        proxy_headers=True,
        server_header=False,
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m widget")
    commands = parser.add_subparsers(dest="command", required=True)
    serve_parser = commands.add_parser("serve", help="run the web server")
    serve_parser.add_argument("--host", default="127.0.0.1")
    serve_parser.add_argument("--port", type=int, default=8000)
    serve_parser.add_argument("--workers", type=int, default=1)
    serve_parser.set_defaults(handler=serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = args.handler
    result: int = handler(args)
    return result


if __name__ == "__main__":
    sys.exit(main())

"""Command line: ``python -m widget serve [--host --port --workers]``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    print(f"Serving on http://{args.host}:{args.port}/", flush=True)
    uvicorn.run(
        "widget.asgi:app",
        host=args.host,
        port=args.port,
        workers=args.workers,
        access_log=False,  # ours (widget.access_log) never logs query strings or clients
        proxy_headers=True,
        server_header=False,
        limit_concurrency=args.limit_concurrency,
        timeout_keep_alive=args.timeout_keep_alive,
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m widget")
    commands = parser.add_subparsers(dest="command", required=True)
    serve_parser = commands.add_parser("serve", help="run the web server")
    serve_parser.add_argument("--host", default="127.0.0.1")
    serve_parser.add_argument("--port", type=int, default=8000)
    serve_parser.add_argument("--workers", type=int, default=1)
    serve_parser.add_argument(
        "--limit-concurrency",
        type=int,
        default=None,
        help="per worker: answer 503 beyond this many open connections and tasks",
    )
    serve_parser.add_argument(
        "--timeout-keep-alive",
        type=int,
        default=5,
        help="seconds an idle keep-alive connection stays open",
    )
    serve_parser.set_defaults(handler=serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = args.handler
    result: int = handler(args)
    return result


if __name__ == "__main__":
    sys.exit(main())

"""Command line.

``python -m widget serve [--host --port --workers]`` runs the web server.
For clinical reviewers (see widget/clinical/governance.py and widget/clinical/scenarios.py):
``rules --format md|dot|svg|fhir|fingerprint|fhir-fingerprint``, ``assess question=answer …`` and
``scenarios FILE.toml``.
For partners (docs/observability.md): ``report --prometheus URL --partner ID`` prints
the counts of the last days from Prometheus, with every count under 10 suppressed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


def serve(args: argparse.Namespace) -> int:
    import os

    import uvicorn

    if args.metrics_port is not None:
        start_metrics(args.metrics_host, args.metrics_port)

    from widget.i18n.locales import missing_catalogs
    from widget.web.settings import MAX_IN_FLIGHT_VARIABLE, Settings

    if args.max_in_flight is not None:  # read by every worker's Settings
        os.environ[MAX_IN_FLIGHT_VARIABLE] = str(args.max_in_flight)
    # Refuse to start on bad settings, with a clear message.
    settings = Settings.from_environment()
    proxies = list(settings.trusted_proxies)
    limit = args.limit_concurrency
    if limit is not None and limit <= settings.max_in_flight:
        raise SystemExit(
            f"error: --limit-concurrency {limit} must be above the requests a worker answers "
            f"at once ({settings.max_in_flight}, --max-in-flight), or uvicorn's plain-text "
            "503 would come before our page"
        )
    missing = missing_catalogs()  # nor serve a shipped language in English
    if missing:
        raise SystemExit("\n".join(f"error: {problem}" for problem in missing))
    print(f"Serving on http://{args.host}:{args.port}/", flush=True)
    uvicorn.run(
        "widget.web.asgi:app",
        host=args.host,
        port=args.port,
        workers=args.workers,
        access_log=False,  # ours (widget.web.access_log) never logs query strings or clients
        # No WebSocket handling: the widget has none, and uvicorn's WebSocket
        # log lines carry the client address and the full query string.
        ws="none",
        proxy_headers=bool(proxies),
        forwarded_allow_ips=proxies or None,
        server_header=False,
        # uvicorn's protocol, with a request it cannot parse answered by the app.
        http="widget.web.protocol:HttpToolsProtocol",
        limit_concurrency=limit,
        timeout_keep_alive=args.timeout_keep_alive,
    )
    return 0


def start_metrics(host: str, port: int) -> None:
    """Prometheus metrics (docs/observability.md): every worker writes its counts
    to files in one folder; this process adds them up on host:port (not the app's)."""
    import atexit
    import os
    import shutil
    import tempfile

    from widget.web import metrics
    from widget.web.settings import METRICS_VARIABLE

    folder = os.environ.get(metrics.DIRECTORY_VARIABLE)
    if folder:  # given by the operator: must be empty (old counts would be added in)
        if not os.path.isdir(folder) or os.listdir(folder):
            raise SystemExit(f"{metrics.DIRECTORY_VARIABLE}={folder} must be an empty folder")
    else:
        folder = tempfile.mkdtemp(prefix="bleeding-check-metrics-")
        atexit.register(shutil.rmtree, folder, True)
    os.environ[metrics.DIRECTORY_VARIABLE] = folder
    os.environ[METRICS_VARIABLE] = "1"
    metrics.serve_metrics(host, port)
    print(f"Metrics on http://{host}:{port}/metrics", flush=True)


def rules(args: argparse.Namespace) -> int:
    from widget.clinical import governance

    if args.format == "md":
        output = governance.markdown()
    elif args.format == "fhir":
        from widget.clinical.fhir import questionnaire
        from widget.web.views.fhir import shipped_languages, to_json

        output = to_json(questionnaire(shipped_languages()), indent=2)
    elif args.format == "fhir-fingerprint":
        from widget.clinical.fhir import export_fingerprint

        output = export_fingerprint() + "\n"
    elif args.format == "dot":
        output = governance.flow_dot()
    elif args.format == "svg":
        try:
            output = governance.render_svg(governance.flow_dot())
        except RuntimeError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    else:
        output = governance.content_fingerprint() + "\n"
    if args.output:
        Path(args.output).write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output)
    return 0


def assess(args: argparse.Namespace) -> int:
    from widget.clinical.scenarios import CaseError, describe_outcome, parse_pairs
    from widget.clinical.triage import assess as assess_answers

    try:
        answers = parse_pairs(args.answers)
    except CaseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(describe_outcome(assess_answers(answers)))
    return 0


def scenarios(args: argparse.Namespace) -> int:
    from widget.clinical.scenarios import ScenarioFileError, load_file, run_cases, table

    try:
        cases = load_file(Path(args.file))
    except ScenarioFileError as error:
        print(f"error: {args.file}: {error}", file=sys.stderr)
        return 2
    results = run_cases(cases)
    print(table(results))
    return 0 if all(result.passed for result in results) else 1


def report(args: argparse.Namespace) -> int:
    from widget.report import prometheus, tables
    from widget.web.partners import PartnerConfigError, load_partners
    from widget.web.settings import partners_file

    path = args.partners or partners_file()
    try:
        configured = load_partners(path) if path else None
        partner = prometheus.check_partner(args.partner, configured)
        base = prometheus.check_url(args.prometheus)
        end = prometheus.parse_end(args.end)
        prometheus.queries(partner, args.days)  # checks --days
    except (tables.ReportError, PartnerConfigError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        made = prometheus.fetch(
            base, partner, args.days, end, configured.get(partner) if configured else None
        )
        write = tables.markdown if args.format == "md" else tables.csv_text
        output = write(made)  # suppression happens here; nothing is printed before it is done
    except tables.ReportError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.output:
        Path(args.output).write_text(output, encoding="utf-8")
    else:
        sys.stdout.write(output)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m widget")
    commands = parser.add_subparsers(dest="command", required=True)
    serve_parser = commands.add_parser("serve", help="run the web server")
    serve_parser.add_argument("--host", default="127.0.0.1")
    serve_parser.add_argument("--port", type=int, default=8000)
    serve_parser.add_argument("--workers", type=int, default=1)
    serve_parser.add_argument(
        "--max-in-flight",
        type=int,
        default=None,
        metavar="N",
        help="per worker: requests answered at once; one more gets our 503 page "
        "(default: WIDGET_MAX_IN_FLIGHT, else 100)",
    )
    serve_parser.add_argument(
        "--limit-concurrency",
        type=int,
        default=None,
        metavar="N",
        help="uvicorn's own limit, off by default: per worker, beyond N open connections "
        "and tasks uvicorn answers a plain-text 503; must be above --max-in-flight",
    )
    serve_parser.add_argument(
        "--timeout-keep-alive",
        type=int,
        default=5,
        help="seconds an idle keep-alive connection stays open",
    )
    serve_parser.add_argument(
        "--metrics-port",
        type=int,
        default=None,
        help="serve Prometheus metrics on this port (off when not given); never on the app's port",
    )
    serve_parser.add_argument(
        "--metrics-host",
        default="127.0.0.1",
        help="address the metrics port listens on (default loopback only)",
    )
    serve_parser.set_defaults(handler=serve)

    rules_parser = commands.add_parser("rules", help="print the clinical rules for review")
    rules_parser.add_argument(
        "--format",
        choices=["md", "dot", "svg", "fhir", "fingerprint", "fhir-fingerprint"],
        default="md",
        help="md: Markdown; dot: Graphviz source of the flow; svg: render it (needs Graphviz); "
        "fhir: the questionnaire as an HL7 FHIR R4B Questionnaire (JSON); "
        "fingerprint, fhir-fingerprint: the content's and the FHIR export's fingerprints "
        "for CONTENT_CHANGELOG.md",
    )
    rules_parser.add_argument("--output", "-o", help="write to this file instead of stdout")
    rules_parser.set_defaults(handler=rules)

    assess_parser = commands.add_parser(
        "assess", help="the advice for answers given as question=answer (a,b for several)"
    )
    assess_parser.add_argument("answers", nargs="*", metavar="question=answer")
    assess_parser.set_defaults(handler=assess)

    scenarios_parser = commands.add_parser(
        "scenarios", help="run a reviewer's TOML file of cases; exit 1 if any fails"
    )
    scenarios_parser.add_argument("file", metavar="FILE.toml")
    scenarios_parser.set_defaults(handler=scenarios)

    report_parser = commands.add_parser(
        "report",
        help="a partner's counts from Prometheus, every count under 10 shown as <10",
    )
    report_parser.add_argument(
        "--prometheus", required=True, metavar="URL", help="Prometheus's base URL"
    )
    report_parser.add_argument(
        "--partner",
        required=True,
        metavar="ID",
        help="a partner id (one of the partner file's, when there is one; `none`: no partner)",
    )
    report_parser.add_argument("--days", type=int, default=30, help="the period (default 30)")
    report_parser.add_argument(
        "--end",
        metavar="WHEN",
        help="end of the period: a date (midnight UTC), an ISO 8601 time or a Unix time "
        "(default now)",
    )
    report_parser.add_argument("--format", choices=["md", "csv"], default="md")
    report_parser.add_argument(
        "--partners",
        metavar="FILE",
        help="the partner file (default: WIDGET_PARTNERS, if set)",
    )
    report_parser.add_argument("--output", "-o", help="write to this file instead of stdout")
    report_parser.set_defaults(handler=report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = args.handler
    result: int = handler(args)
    return result


if __name__ == "__main__":
    sys.exit(main())

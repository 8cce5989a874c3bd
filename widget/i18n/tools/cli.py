"""``python -m widget.i18n.tools COMMAND``: the one entry to the translators' tools.

=================  ===========================  ==========================================
command            make target                  what it does
=================  ===========================  ==========================================
``extract``                                     ``locales/messages.pot`` from the sources
``update``         ``make translations``        extract, ``pybabel update`` every catalog,
                                                then the status table
``status``         ``make translation-status``  per language: translated, signed off,
                                                waiting, safety-critical not signed off
``check``          ``make check-catalogs``      every check ``make test`` runs on catalogs
``review-pack``    ``make review-pack LANG=xx`` the clinician's review file for a language
``apply-review``   ``make apply-review FILE=…`` record the sign-offs a reviewer exported
``pseudo``         ``make pseudo``              write the pseudo-locale for inspection
=================  ===========================  ==========================================

Exit codes: 0 done, 1 the checks found problems, 2 a bad argument or file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from widget.i18n.locales import KNOWN_LOCALES, SHIPPED, SOURCE_LOCALE, catalog_path, template_path
from widget.i18n.tools import catalogs, quality, review, review_pack

PROG = "python -m widget.i18n.tools"


def extract(args: argparse.Namespace) -> int:
    catalogs.extract(template_path())
    return 0


def update(args: argparse.Namespace) -> int:
    catalogs.extract(template_path())
    catalogs.update(catalogs.catalog_codes())
    print(review.status_report(catalogs.catalog_codes(), details=False), end="")
    return 0


def status(args: argparse.Namespace) -> int:
    codes = args.codes or catalogs.catalog_codes()
    unknown = [code for code in codes if not catalog_path(code).is_file()]
    if unknown:
        print(f"error: no catalog for {', '.join(unknown)}", file=sys.stderr)
        return 2
    print(review.status_report(codes, details=not args.brief), end="")
    return 0


def check(args: argparse.Namespace) -> int:
    problems = [problem for report in catalogs.reports() for problem in report.problems]
    problems += [p for code in SHIPPED if code != SOURCE_LOCALE for p in quality.problems(code)]
    if not catalogs.template_is_current():
        problems.insert(0, "locales/messages.pot is stale: run `make translations`")
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


def pseudo(args: argparse.Namespace) -> int:
    output = catalogs.pseudo_path()
    catalogs.write_pseudo_po(output)
    print(f"wrote {output} (generated, not committed)")
    return 0


def make_review_pack(args: argparse.Namespace) -> int:
    if args.code not in KNOWN_LOCALES or not catalog_path(args.code).is_file():
        print(f"error: no catalog for {args.code!r}", file=sys.stderr)
        return 2
    output = args.output or review_pack.output_path(args.code)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(review_pack.render(args.code, args.base_url), encoding="utf-8")
    print(f"wrote {output}")
    return 0


def apply_review(args: argparse.Namespace) -> int:
    try:
        exported = json.loads(args.file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"error: {args.file}: not a review pack's export: {error}", file=sys.stderr)
        return 2
    code = str(exported.get("locale", "")) if isinstance(exported, dict) else ""
    path = catalog_path(code) if code else None
    if path is None or not path.is_file():
        print(f"error: {args.file}: no catalog for locale {code!r}", file=sys.stderr)
        return 2
    try:
        result = review.apply_review(path, exported, code)
    except ValueError as error:
        print(f"error: {args.file}: {error}", file=sys.stderr)
        return 2
    print(f"{code}: signed off {len(result.signed)} string(s) in {path}")
    for text in result.stale:
        print(f"  not signed (changed since the pack was made): {text[:80]}")
    for text in result.unknown:
        print(f"  not in the catalog: {text[:80]}")
    for text, comment in result.changes_requested:
        print(f"  change requested: {text[:80]}\n      {comment}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="The translators' tools.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser(
        "extract", help="write locales/messages.pot from widget/ and templates/"
    ).set_defaults(handler=extract)
    commands.add_parser(
        "update", help="extract, update every catalog from the template, print the status"
    ).set_defaults(handler=update)
    status_parser = commands.add_parser(
        "status", help="per language: translated, signed off, waiting for a clinician"
    )
    status_parser.add_argument("--brief", action="store_true", help="the table only")
    status_parser.add_argument("codes", nargs="*", metavar="CODE")
    status_parser.set_defaults(handler=status)
    commands.add_parser(
        "check", help="every catalog check of `make test`; exit 1 on any problem"
    ).set_defaults(handler=check)
    pack = commands.add_parser("review-pack", help="the review file for a clinician")
    pack.add_argument("code", metavar="CODE", help="the language, e.g. zh_Hans")
    pack.add_argument(
        "--base-url", default=review_pack.DEFAULT_BASE_URL, help="where the widget runs"
    )
    pack.add_argument("--output", type=Path, help="default: build/review-pack/review-CODE.html")
    pack.set_defaults(handler=make_review_pack)
    apply_parser = commands.add_parser(
        "apply-review", help="record a review pack's exported JSON in its catalog"
    )
    apply_parser.add_argument("file", type=Path, metavar="FILE")
    apply_parser.set_defaults(handler=apply_review)
    commands.add_parser(
        "pseudo", help="write the pseudo-locale en_XA's catalog for inspection (not committed)"
    ).set_defaults(handler=pseudo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    result: int = args.handler(args)
    return result

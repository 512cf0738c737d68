"""Command-line interface: ``python -m ledger <command> BOOK ...``.

A *book* is a folder of three CSV files: ``accounts.csv`` (the chart),
``journal.csv`` (every entry, in the importer's format) and ``rates.csv``
(``base,quote,rate,date``). Commands load the book, act, and write back
atomically. Exit codes: 0 success, 1 a ledger error (message on stderr),
2 bad usage.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
from datetime import date
from pathlib import Path
from typing import Sequence

import ledger
from ledger.core.accounts import ChartOfAccounts
from ledger.core.balances import compute_balances
from ledger.core.fx import RateTable
from ledger.core.journal import Journal
from ledger.errors import LedgerError
from ledger.services.importer import export_csv, import_csv
from ledger.services.reports import income_statement, render_text, to_json, trial_balance

STARTER_CHART = (
    ("1000", "Cash", "asset"),
    ("1100", "Accounts receivable", "asset"),
    ("2000", "Accounts payable", "liability"),
    ("3000", "Owner's equity", "equity"),
    ("4000", "Sales", "income"),
    ("5000", "Rent", "expense"),
    ("5100", "Supplies", "expense"),
    ("5200", "Software and subscriptions", "expense"),
)


class Book:
    """The CSV files of one book folder."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.accounts, self.journal_file, self.rates = (self.path / n for n in ("accounts.csv", "journal.csv", "rates.csv"))

    def create(self, currency: str) -> None:
        if self.accounts.exists():
            raise LedgerError(f"{self.path} already holds a book", path=str(self.path))
        chart = ChartOfAccounts()
        for code, name, kind in STARTER_CHART:
            chart.open(code, name, kind, currency)
        self.path.mkdir(parents=True, exist_ok=True)
        self.save(Journal(chart))
        _write_atomic(self.rates, "base,quote,rate,date\n")

    def load(self) -> tuple[Journal, RateTable]:
        if not self.accounts.exists():
            raise LedgerError(f"no book at {self.path} (run `ledger init {self.path}` first)", path=str(self.path))
        with self.accounts.open(newline="") as stream:
            journal = Journal(ChartOfAccounts.from_rows(csv.DictReader(stream)))
        with self.journal_file.open(newline="") as stream:
            import_csv(stream, journal, source=self.journal_file.name)
        with self.rates.open(newline="") as stream:
            rates = RateTable.from_rows(csv.DictReader(stream), pivot="USD")
        return journal, rates

    def save(self, journal: Journal) -> None:
        accounts = io.StringIO()
        writer = csv.DictWriter(accounts, fieldnames=("code", "name", "type", "currency", "parent"), lineterminator="\n")
        writer.writeheader()
        writer.writerows(journal.chart.to_rows())
        entries = io.StringIO()
        export_csv(journal.entries(), entries)
        _write_atomic(self.accounts, accounts.getvalue())
        _write_atomic(self.journal_file, entries.getvalue())


def _write_atomic(path: Path, text: str) -> None:
    temp = path.with_suffix(path.suffix + ".tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ledger", description="Double-entry bookkeeping on CSV files.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {ledger.__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help)
        sub.add_argument("book", type=Path, help="book folder")
        return sub

    command("init", "create a book with a starter chart of accounts").add_argument("--currency", default="USD")
    command("accounts", "list the chart of accounts")
    opener = command("open", "open an account")
    opener.add_argument("code")
    opener.add_argument("name")
    opener.add_argument("type", help="asset, liability, equity, income or expense")
    opener.add_argument("--currency", default="USD")
    opener.add_argument("--parent")
    importer = command("import", "import entries from a CSV file")
    importer.add_argument("file", type=Path)
    importer.add_argument("--dry-run", action="store_true", help="validate only, post nothing")
    balance = command("balance", "balance of one account and its sub-accounts")
    balance.add_argument("code")
    balance.add_argument("--as-of", type=date.fromisoformat)
    trial = command("trial-balance", "trial balance report")
    trial.add_argument("--as-of", type=date.fromisoformat)
    income = command("income", "income statement for a period")
    income.add_argument("--from", dest="start", type=date.fromisoformat, required=True)
    income.add_argument("--to", dest="end", type=date.fromisoformat, required=True)
    for report in (trial, income):
        report.add_argument("--currency", default="USD")
        report.add_argument("--json", action="store_true", help="print JSON instead of text")
    return parser


def run(args: argparse.Namespace) -> None:
    book = Book(args.book)
    if args.command == "init":
        book.create(args.currency)
        print(f"created book {args.book} ({args.currency})")
        return
    journal, rates = book.load()
    if args.command == "accounts":
        for account in journal.chart:
            print(f"{account.code:<8} {account.type.value:<10} {account.currency.code}  {account.name}")
    elif args.command == "open":
        account = journal.chart.open(args.code, args.name, args.type, args.currency, args.parent)
        book.save(journal)
        print(f"opened {account}")
    elif args.command == "import":
        with args.file.open(newline="") as stream:
            result = import_csv(stream, journal, source=args.file.name, dry_run=args.dry_run)
        if not args.dry_run:
            book.save(journal)
        verb = "would post" if args.dry_run else "posted"
        print(f"{verb} {len(result.posted)} entries, skipped {len(result.skipped)} already in the book")
    elif args.command == "balance":
        balances = compute_balances(journal, end=args.as_of)
        account = journal.chart.get(args.code)
        print(f"{account}: {balances.rollup(account.code, rates, args.as_of or balances.last_date)}")
    else:
        report = (
            trial_balance(journal, as_of=args.as_of, currency=args.currency, rates=rates)
            if args.command == "trial-balance"
            else income_statement(journal, args.start, args.end, currency=args.currency, rates=rates)
        )
        print(to_json(report) if args.json else render_text(report), end="\n" if args.json else "")


def main(argv: Sequence[str] | None = None) -> int:
    try:
        run(build_parser().parse_args(argv))
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except LedgerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {exc.strerror}: {exc.filename}", file=sys.stderr)
        return 1
    return 0

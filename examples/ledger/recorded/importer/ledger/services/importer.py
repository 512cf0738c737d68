"""CSV import and export of journal entries.

File format (header row required; ``currency``, ``memo`` and ``reverses`` are
optional columns)::

    date,ref,description,account,debit,credit,currency,memo,reverses
    2024-01-05,INV-1001,Invoice 1001 paid,1000,2500.00,,USD,,
    2024-01-05,INV-1001,Invoice 1001 paid,4000,,2500.00,USD,,

Rows sharing a ``ref`` form one entry (the ref becomes the entry id); the
entry's date, description and ``reverses`` come from its first row. Every row
has exactly one of ``debit``/``credit``. A blank currency means the account's.

Import is all-or-nothing: every entry is parsed and validated before the first
one is posted, and errors name the CSV line. Refs already in the journal are
skipped, so importing the same file twice posts it once.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from typing import Iterable, TextIO

from ledger.core.accounts import ChartOfAccounts
from ledger.core.journal import Journal, JournalEntry, Posting, validate_entry
from ledger.errors import CsvImportError, LedgerError
from ledger.events import TransactionsImported
from ledger.money import Money, parse_amount

REQUIRED_COLUMNS = ("date", "ref", "description", "account", "debit", "credit")
COLUMNS = (*REQUIRED_COLUMNS, "currency", "memo", "reverses")


@dataclass(frozen=True)
class ImportResult:
    source: str
    posted: tuple[str, ...]
    skipped: tuple[str, ...]
    dry_run: bool = False


def _posting(row: dict[str, str], chart: ChartOfAccounts) -> Posting:
    debit, credit = (row.get("debit") or "").strip(), (row.get("credit") or "").strip()
    if bool(debit) == bool(credit):
        raise CsvImportError("exactly one of debit and credit must be filled in")
    account = chart.get(row["account"].strip())
    amount = Money.of(parse_amount(debit or credit), (row.get("currency") or "").strip() or account.currency)
    if amount.amount < 0:
        raise CsvImportError("amounts must be positive; use the other column instead")
    return Posting(account.code, amount if debit else -amount, (row.get("memo") or "").strip())


def read_entries(stream: TextIO, chart: ChartOfAccounts) -> list[tuple[int, JournalEntry]]:
    """Parse and validate ``stream``; returns ``(first line, entry)`` pairs in file order."""
    reader = csv.DictReader(stream)
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise CsvImportError(f"missing column(s): {', '.join(missing)}", line=1)
    groups: dict[str, tuple[int, dict[str, str], list[Posting]]] = {}
    for row in reader:
        line = reader.line_num
        try:
            ref = (row.get("ref") or "").strip()
            if not ref:
                raise CsvImportError("every row needs a ref")
            if ref not in groups:
                groups[ref] = (line, row, [])
            elif row["date"].strip() != groups[ref][1]["date"].strip():
                raise CsvImportError(f"rows of {ref} have different dates")
            groups[ref][2].append(_posting(row, chart))
        except LedgerError as exc:
            raise CsvImportError(exc.message, line=line, **{k: v for k, v in exc.details.items() if k != "line"}) from exc
    entries = []
    for ref, (line, first, postings) in groups.items():
        try:
            on = date.fromisoformat(first["date"].strip())
        except ValueError:
            raise CsvImportError(f"not an ISO date: {first['date']!r}", line=line) from None
        entry = JournalEntry(ref, on, first["description"].strip(), tuple(postings), (first.get("reverses") or "").strip() or None)
        try:
            validate_entry(entry, chart)
        except LedgerError as exc:
            raise CsvImportError(exc.message, line=line, entry=ref) from exc
        entries.append((line, entry))
    return entries


def import_csv(stream: TextIO, journal: Journal, *, source: str = "<stream>", dry_run: bool = False) -> ImportResult:
    """Import every new entry of ``stream`` into ``journal``; nothing is posted on error."""
    entries = read_entries(stream, journal.chart)
    new = [(line, e) for line, e in entries if e.entry_id not in journal]
    skipped = tuple(e.entry_id for _, e in entries if e.entry_id in journal)
    if not dry_run:
        for line, entry in new:
            try:
                journal.post(entry.date, entry.description, entry.postings, entry_id=entry.entry_id, reverses=entry.reverses)
            except LedgerError as exc:  # e.g. reversing an entry that is already reversed
                raise CsvImportError(exc.message, line=line, entry=entry.entry_id) from exc
        if new and journal.bus is not None:
            journal.bus.publish(TransactionsImported(source, tuple(e.entry_id for _, e in new)))
    return ImportResult(source, tuple(e.entry_id for _, e in new), skipped, dry_run)


def export_csv(entries: Iterable[JournalEntry], stream: TextIO) -> int:
    """Write ``entries`` in the import format; returns the number of rows written."""
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    rows = 0
    for entry in entries:
        for posting in entry.postings:
            amount = str(abs(posting.amount).amount)
            writer.writerow({
                "date": entry.date.isoformat(),
                "ref": entry.entry_id,
                "description": entry.description,
                "account": posting.account,
                "debit": amount if posting.is_debit else "",
                "credit": "" if posting.is_debit else amount,
                "currency": posting.amount.currency.code,
                "memo": posting.memo,
                "reverses": entry.reverses or "",
            })
            rows += 1
    return rows

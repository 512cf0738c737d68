"""Tests of ledger.services.importer: CSV parsing, validation, idempotence, export."""

import io
import unittest
from decimal import Decimal
from pathlib import Path

from ledger.core.accounts import ChartOfAccounts
from ledger.core.journal import Journal
from ledger.errors import CsvImportError
from ledger.events import EventBus, EventRecorder, TransactionsImported
from ledger.money import Money
from ledger.services.importer import ImportResult, export_csv, import_csv, read_entries

FIXTURE = Path(__file__).parent / "fixtures" / "transactions.csv"
HEADER = "date,ref,description,account,debit,credit,currency\n"


def journal(bus: EventBus | None = None) -> Journal:
    chart = ChartOfAccounts()
    for code, name, kind in (("1000", "Cash", "asset"), ("3000", "Equity", "equity"), ("4000", "Sales", "income"),
                             ("5000", "Rent", "expense"), ("5100", "Supplies", "expense"), ("5200", "Software", "expense")):
        chart.open(code, name, kind)
    return Journal(chart, bus)


def load(text: str, target: Journal | None = None, dry_run: bool = False) -> ImportResult:
    return import_csv(io.StringIO(text), target if target is not None else journal(), dry_run=dry_run)


class ImportTest(unittest.TestCase):
    def test_fixture_imports_grouped_entries(self) -> None:
        bus = EventBus()
        recorder = EventRecorder(bus, TransactionsImported)
        target = journal(bus)
        with FIXTURE.open(newline="") as stream:
            result = import_csv(stream, target, source=FIXTURE.name)
        self.assertEqual(result.posted, ("OPEN-1", "INV-1001", "RENT-01", "SPLIT-7"))
        self.assertEqual(len(target.get("SPLIT-7").postings), 3)
        self.assertEqual(target.get("OPEN-1").debit_total("USD"), Decimal("10000.00"))
        self.assertEqual(target.get("RENT-01").postings[0].memo, "Office lease")
        self.assertEqual(recorder.events, [TransactionsImported("transactions.csv", result.posted)])

    def test_reimporting_skips_known_refs(self) -> None:
        target = journal()
        text = FIXTURE.read_text()
        load(text, target)
        again = load(text, target)
        self.assertEqual(again.posted, ())
        self.assertEqual(len(again.skipped), 4)
        self.assertEqual(len(target), 4)

    def test_dry_run_validates_without_posting(self) -> None:
        target = journal()
        result = load(FIXTURE.read_text(), target, dry_run=True)
        self.assertEqual(len(result.posted), 4)
        self.assertEqual(len(target), 0)

    def test_an_unbalanced_entry_aborts_the_whole_file(self) -> None:
        target = journal()
        text = HEADER + "2024-01-01,A,Fine,1000,5,,\n2024-01-01,A,Fine,4000,,5,\n2024-01-02,B,Typo,1000,10,,\n2024-01-02,B,Typo,4000,,1,\n"
        with self.assertRaises(CsvImportError) as caught:
            load(text, target)
        self.assertEqual(caught.exception.line, 4)
        self.assertIn("does not balance", str(caught.exception))
        self.assertEqual(len(target), 0)

    def test_row_errors_name_the_line(self) -> None:
        cases = {
            "2024-01-01,A,X,1000,5,5,\n": "exactly one",
            "2024-01-01,A,X,9999,5,,\n": "9999",
            "2024-01-01,A,X,1000,five,,\n": "not an amount",
            "2024-01-01,,X,1000,5,,\n": "needs a ref",
            "2024-01-01,A,X,1000,-5,,\n": "positive",
        }
        for row, message in cases.items():
            with self.subTest(row=row), self.assertRaises(CsvImportError) as caught:
                load(HEADER + row)
            self.assertEqual(caught.exception.line, 2)
            self.assertIn(message, str(caught.exception))

    def test_header_and_date_problems(self) -> None:
        with self.assertRaisesRegex(CsvImportError, "missing column"):
            load("date,ref,account\n")
        with self.assertRaisesRegex(CsvImportError, "ISO date"):
            load(HEADER + "01/02/2024,A,X,1000,5,,\n01/02/2024,A,X,4000,,5,\n")
        with self.assertRaisesRegex(CsvImportError, "different dates"):
            load(HEADER + "2024-01-01,A,X,1000,5,,\n2024-01-02,A,X,4000,,5,\n")


class ExportTest(unittest.TestCase):
    def test_export_then_import_round_trips_including_reversals(self) -> None:
        source = journal()
        load(FIXTURE.read_text(), source)
        source.reverse("RENT-01")
        buffer = io.StringIO()
        rows = export_csv(source.entries(), buffer)
        self.assertEqual(rows, 11)
        copy = journal()
        load(buffer.getvalue(), copy)
        self.assertEqual(list(copy.entries()), list(source.entries()))
        self.assertTrue(copy.is_reversed("RENT-01"))

    def test_read_entries_keeps_file_order_and_first_lines(self) -> None:
        with FIXTURE.open(newline="") as stream:
            entries = read_entries(stream, journal().chart)
        self.assertEqual([line for line, _ in entries], [2, 4, 6, 8])
        split = entries[-1][1]
        self.assertEqual(split.postings[-1].amount, Money.of("-135.49", "USD"))
        self.assertEqual(split.postings[1].memo, "IDE licence")


if __name__ == "__main__":
    unittest.main()

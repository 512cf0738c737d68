"""Tests of ledger.cli: end-to-end commands on a temporary book folder."""

import io
import json
import subprocess
import sys
import tempfile
import unittest
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import ledger
from ledger.cli import STARTER_CHART, main

ROOT = Path(__file__).resolve().parent.parent
SALES = """date,ref,description,account,debit,credit
2024-01-02,OPEN-1,Owner investment,1000,5000.00,
2024-01-02,OPEN-1,Owner investment,3000,,5000.00
2024-01-15,INV-1,Invoice 1 paid,1000,1250.00,
2024-01-15,INV-1,Invoice 1 paid,4000,,1250.00
2024-01-31,RENT-1,January rent,5000,900.00,
2024-01-31,RENT-1,January rent,1000,,900.00
"""


class CliTest(unittest.TestCase):
    def setUp(self) -> None:
        self._tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self._tmp.cleanup)
        self.tmp = Path(self._tmp.name)
        self.book = str(self.tmp / "book")
        self.sales = self.tmp / "sales.csv"
        self.sales.write_text(SALES)

    def cli(self, *argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(argv))
        return code, out.getvalue(), err.getvalue()

    def test_init_creates_a_book_with_the_starter_chart(self) -> None:
        self.assertEqual(self.cli("init", self.book, "--currency", "EUR")[0], 0)
        code, out, _ = self.cli("accounts", self.book)
        self.assertEqual(code, 0)
        self.assertEqual(len(out.splitlines()), len(STARTER_CHART))
        self.assertIn("1000     asset      EUR  Cash", out)
        self.assertEqual(self.cli("init", self.book)[0], 1)  # already a book

    def test_import_then_reports(self) -> None:
        self.cli("init", self.book)
        code, out, _ = self.cli("import", self.book, str(self.sales))
        self.assertEqual((code, out.strip()), (0, "posted 3 entries, skipped 0 already in the book"))
        code, out, _ = self.cli("trial-balance", self.book, "--json")
        payload = json.loads(out)
        self.assertTrue(payload["balanced"])
        self.assertEqual(payload["total_debit"], "6250.00")
        code, out, _ = self.cli("income", self.book, "--from", "2024-01-01", "--to", "2024-01-31")
        self.assertEqual(out.splitlines()[-1].split(), ["Net", "income", "350.00"])

    def test_book_state_persists_between_commands(self) -> None:
        self.cli("init", self.book)
        self.cli("open", self.book, "1010", "Petty cash", "asset", "--parent", "1000")
        self.cli("import", self.book, str(self.sales))
        self.assertEqual(self.cli("import", self.book, str(self.sales))[1].strip(), "posted 0 entries, skipped 3 already in the book")
        code, out, _ = self.cli("balance", self.book, "1000")
        self.assertEqual((code, out.strip()), (0, "1000 Cash: USD 5,350.00"))
        code, out, _ = self.cli("balance", self.book, "1000", "--as-of", "2024-01-02")
        self.assertEqual(out.strip(), "1000 Cash: USD 5,000.00")

    def test_dry_run_posts_nothing(self) -> None:
        self.cli("init", self.book)
        self.assertEqual(self.cli("import", self.book, str(self.sales), "--dry-run")[1].strip(), "would post 3 entries, skipped 0 already in the book")
        self.assertEqual(json.loads(self.cli("trial-balance", self.book, "--json")[1])["lines"], [])

    def test_ledger_errors_exit_1_with_a_message(self) -> None:
        self.cli("init", self.book)
        bad = self.tmp / "bad.csv"
        bad.write_text("date,ref,description,account,debit,credit\n2024-01-01,X,Typo,1000,10,\n2024-01-01,X,Typo,4000,,1\n")
        code, out, err = self.cli("import", self.book, str(bad))
        self.assertEqual((code, out), (1, ""))
        self.assertIn("line 2", err)
        self.assertEqual(self.cli("accounts", str(self.tmp / "missing"))[0], 1)
        self.assertEqual(self.cli("balance", self.book, "9999")[0], 1)

    def test_usage_errors_exit_2(self) -> None:
        self.assertEqual(self.cli()[0], 2)
        self.assertEqual(self.cli("income", self.book)[0], 2)  # --from/--to missing
        self.assertEqual(self.cli("trial-balance", self.book, "--as-of", "yesterday")[0], 2)

    def test_version_and_module_entry_point(self) -> None:
        code, out, _ = self.cli("--version")
        self.assertEqual((code, out.strip()), (0, f"ledger {ledger.__version__}"))
        done = subprocess.run([sys.executable, "-m", "ledger", "--version"], cwd=ROOT, capture_output=True, text=True, check=False)
        self.assertEqual((done.returncode, done.stdout.strip()), (0, f"ledger {ledger.__version__}"))


if __name__ == "__main__":
    unittest.main()

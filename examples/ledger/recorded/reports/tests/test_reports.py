"""Tests of ledger.services.reports: trial balance, income statement, rendering."""

import json
import unittest
from datetime import date

from ledger.core.accounts import ChartOfAccounts
from ledger.core.fx import RateTable
from ledger.core.journal import Journal, Posting
from ledger.errors import RateNotFoundError, ValidationError
from ledger.money import Money
from ledger.services.reports import income_statement, render_text, report_dict, to_json, trial_balance

JAN, FEB, MAR = date(2024, 1, 10), date(2024, 2, 10), date(2024, 3, 10)


def usd(amount: str) -> Money:
    return Money.of(amount, "USD")


def journal() -> Journal:
    chart = ChartOfAccounts()
    chart.open("1000", "Cash", "asset")
    chart.open("3000", "Owner's equity", "equity")
    chart.open("4000", "Consulting revenue", "income")
    chart.open("5000", "Rent", "expense")
    chart.open("5100", "Software subscriptions", "expense")
    j = Journal(chart)
    j.post(JAN, "Owner investment", [Posting.debit("1000", usd("5000")), Posting.credit("3000", usd("5000"))])
    j.post(JAN, "Invoice 1 paid", [Posting.debit("1000", usd("2500")), Posting.credit("4000", usd("2500"))])
    j.post(FEB, "Rent", [Posting.debit("5000", usd("1200")), Posting.credit("1000", usd("1200"))])
    j.post(FEB, "IDE licence", [Posting.debit("5100", usd("89.99")), Posting.credit("1000", usd("89.99"))])
    j.post(MAR, "Invoice 2 paid", [Posting.debit("1000", usd("3000")), Posting.credit("4000", usd("3000"))])
    return j


class TrialBalanceTest(unittest.TestCase):
    def test_lines_put_each_balance_on_its_side(self) -> None:
        report = trial_balance(journal())
        by_code = {line.code: line for line in report.lines}
        self.assertEqual(by_code["1000"].debit, usd("9210.01"))
        self.assertTrue(by_code["1000"].credit.is_zero())
        self.assertEqual(by_code["4000"].credit, usd("5500"))
        self.assertTrue(report.is_balanced)
        self.assertEqual(report.total_debit, usd("10500"))
        self.assertEqual(report.as_of, MAR)  # defaults to the last entry's date

    def test_as_of_excludes_later_entries(self) -> None:
        report = trial_balance(journal(), as_of=JAN)
        self.assertEqual([line.code for line in report.lines], ["1000", "3000", "4000"])
        self.assertEqual(report.total_credit, usd("7500"))

    def test_reporting_in_another_currency_needs_rates(self) -> None:
        with self.assertRaises(RateNotFoundError):
            trial_balance(journal(), currency="EUR")
        rates = RateTable()
        rates.set_rate("USD", "EUR", "0.5", JAN)
        report = trial_balance(journal(), currency="EUR", rates=rates)
        self.assertEqual(report.total_debit, Money.of("5250", "EUR"))
        self.assertTrue(report.is_balanced)

    def test_text_rendering(self) -> None:
        text = render_text(trial_balance(journal(), as_of=MAR))
        lines = text.splitlines()
        self.assertEqual(lines[0], "Trial balance as of 2024-03-10 (USD)")
        self.assertIn("1000 Cash", lines[3])
        self.assertTrue(lines[3].endswith("9,210.01"))
        self.assertEqual(lines[-1].split(), ["Total", "10,500.00", "10,500.00"])
        self.assertNotIn("OUT OF BALANCE", text)


class IncomeStatementTest(unittest.TestCase):
    def test_period_totals_and_net_income(self) -> None:
        report = income_statement(journal(), JAN, FEB)
        self.assertEqual(report.total_income, usd("2500"))
        self.assertEqual(report.total_expenses, usd("1289.99"))
        self.assertEqual(report.net_income, usd("1210.01"))
        self.assertEqual([code for code, _, _ in report.expenses], ["5000", "5100"])

    def test_accounts_without_activity_are_left_out(self) -> None:
        report = income_statement(journal(), MAR, MAR)
        self.assertEqual(report.expenses, ())
        self.assertEqual(report.net_income, usd("3000"))

    def test_an_inverted_period_is_rejected(self) -> None:
        with self.assertRaises(ValidationError):
            income_statement(journal(), MAR, JAN)

    def test_text_rendering_shows_sections(self) -> None:
        text = render_text(income_statement(journal(), JAN, MAR))
        self.assertIn("Income\n", text)
        self.assertIn("Expenses\n", text)
        self.assertTrue(text.rstrip().endswith("4,210.01"))


class JsonTest(unittest.TestCase):
    def test_trial_balance_json_uses_decimal_strings(self) -> None:
        payload = json.loads(to_json(trial_balance(journal())))
        self.assertEqual(payload["report"], "trial_balance")
        self.assertEqual(payload["total_debit"], "10500.00")
        self.assertEqual(payload["lines"][0], {"code": "1000", "name": "Cash", "debit": "9210.01", "credit": "0.00"})
        self.assertTrue(payload["balanced"])

    def test_income_statement_json(self) -> None:
        payload = report_dict(income_statement(journal(), JAN, MAR))
        self.assertEqual(payload["net_income"], "4210.01")
        self.assertEqual(payload["income"], [{"code": "4000", "name": "Consulting revenue", "amount": "5500.00"}])


if __name__ == "__main__":
    unittest.main()

"""Tests of ledger.core.balances: batch and running balances, rollups, totals."""

import unittest
from datetime import date

from ledger.core.accounts import AccountType, ChartOfAccounts
from ledger.core.balances import Balances, compute_balances
from ledger.core.fx import RateTable
from ledger.core.journal import Journal, Posting
from ledger.errors import RateNotFoundError, UnknownAccountError
from ledger.events import EventBus
from ledger.money import Money

JAN, FEB = date(2024, 1, 15), date(2024, 2, 15)


def usd(amount: str) -> Money:
    return Money.of(amount, "USD")


def eur(amount: str) -> Money:
    return Money.of(amount, "EUR")


def book(bus: EventBus | None = None) -> Journal:
    chart = ChartOfAccounts()
    chart.open("1000", "Cash", "asset")
    chart.open("1010", "Till", "asset", parent="1000")
    chart.open("1020", "Bank EUR", "asset", "EUR", parent="1000")
    chart.open("3000", "Owner's equity", "equity")
    chart.open("3010", "Owner's equity EUR", "equity", "EUR")
    chart.open("4000", "Sales", "income")
    chart.open("5000", "Rent", "expense")
    journal = Journal(chart, bus)
    journal.post(JAN, "Owner investment", [Posting.debit("1000", usd("1000")), Posting.credit("3000", usd("1000"))])
    journal.post(JAN, "Owner investment EUR", [Posting.debit("1020", eur("200")), Posting.credit("3010", eur("200"))])
    journal.post(JAN, "Cash sales", [Posting.debit("1010", usd("300")), Posting.credit("4000", usd("300"))])
    journal.post(FEB, "February rent", [Posting.debit("5000", usd("400")), Posting.credit("1000", usd("400"))])
    return journal


class AccountBalanceTest(unittest.TestCase):
    def test_net_and_natural_follow_the_normal_side(self) -> None:
        balances = compute_balances(book())
        self.assertEqual(balances["1000"].net, usd("600"))
        self.assertEqual(balances["1000"].debits, usd("1000"))
        self.assertEqual(balances["1000"].credits, usd("400"))
        self.assertEqual(balances["4000"].net, usd("-300"))
        self.assertEqual(balances["4000"].natural, usd("300"))
        self.assertEqual(balances["5000"].natural, usd("400"))

    def test_accounts_without_postings_are_zero_in_their_currency(self) -> None:
        chart = book().chart
        chart.open("2000", "Payables", "liability", "EUR")
        balances = compute_balances(Journal(chart))
        self.assertEqual(balances["2000"].net, eur("0"))
        with self.assertRaises(UnknownAccountError):
            balances["9999"]

    def test_the_trial_balance_identity_holds_per_currency(self) -> None:
        balances = compute_balances(book())
        for currency in ("USD", "EUR"):
            nets = [b.net for b in balances.values() if b.account.currency.code == currency]
            self.assertEqual(sum((n.amount for n in nets)), 0, currency)


class PeriodAndMappingTest(unittest.TestCase):
    def test_period_filter(self) -> None:
        journal = book()
        self.assertEqual(compute_balances(journal, end=JAN)["1000"].net, usd("1000"))
        february = compute_balances(journal, start=FEB)
        self.assertEqual(february["1000"].net, usd("-400"))
        self.assertEqual(february.entry_count, 1)
        self.assertEqual(february.last_date, FEB)

    def test_mapping_covers_the_chart_and_active_lists_used_accounts(self) -> None:
        balances = compute_balances(book())
        self.assertEqual(len(balances), 7)
        self.assertEqual(list(balances)[:3], ["1000", "1010", "1020"])
        self.assertEqual([b.account.code for b in balances.active()], ["1000", "1010", "1020", "3000", "3010", "4000", "5000"])


class RollupAndTotalTest(unittest.TestCase):
    def setUp(self) -> None:
        self.rates = RateTable()
        self.rates.set_rate("EUR", "USD", "1.10", JAN)
        self.balances = compute_balances(book())

    def test_rollup_converts_foreign_children(self) -> None:
        self.assertEqual(self.balances.rollup("1010"), usd("300"))
        self.assertEqual(self.balances.rollup("1000", self.rates, FEB), usd("1120"))  # 600 + 300 + 220

    def test_rollup_without_rates_refuses_to_mix_currencies(self) -> None:
        with self.assertRaises(RateNotFoundError):
            self.balances.rollup("1000")

    def test_total_by_type(self) -> None:
        self.assertEqual(self.balances.total(AccountType.INCOME, "USD"), usd("300"))
        self.assertEqual(self.balances.total("equity", "USD", self.rates, FEB), usd("1220"))


class RunningBalancesTest(unittest.TestCase):
    def test_follow_applies_existing_and_new_entries(self) -> None:
        bus = EventBus()
        journal = book(bus)
        running, stop = Balances.follow(journal, bus)
        self.assertEqual(running["1000"].net, usd("600"))
        journal.post(FEB, "More sales", [Posting.debit("1000", usd("50")), Posting.credit("4000", usd("50"))])
        self.assertEqual(running["1000"].net, usd("650"))
        stop()
        journal.post(FEB, "Unseen", [Posting.debit("1000", usd("1")), Posting.credit("4000", usd("1"))])
        self.assertEqual(running["1000"].net, usd("650"))

    def test_running_equals_batch_after_a_reversal(self) -> None:
        bus = EventBus()
        journal = book(bus)
        running, _ = Balances.follow(journal, bus)
        journal.reverse("JE-000004", on=FEB)
        self.assertEqual(running["5000"].net, compute_balances(journal)["5000"].net)
        self.assertEqual(running["5000"].net, usd("0"))


if __name__ == "__main__":
    unittest.main()

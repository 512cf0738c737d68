"""Tests of ledger.core.accounts: account types, opening accounts, hierarchy."""

import unittest

from ledger.core.accounts import Account, AccountType, ChartOfAccounts
from ledger.errors import AccountError, DuplicateAccountError, UnknownAccountError
from ledger.events import AccountOpened, EventBus, EventRecorder
from ledger.money import Currency


def sample_chart(bus: EventBus | None = None) -> ChartOfAccounts:
    chart = ChartOfAccounts(bus)
    chart.open("1000", "Cash", "asset")
    chart.open("1010", "Petty cash", "asset", parent="1000")
    chart.open("1020", "Bank EUR", AccountType.ASSET, "EUR", parent="1000")
    chart.open("2000", "Accounts payable", "liability")
    chart.open("4000", "Sales", "revenue")
    chart.open("5000", "Rent", "expense")
    return chart


class AccountTypeTest(unittest.TestCase):
    def test_normal_sign_follows_the_accounting_equation(self) -> None:
        self.assertEqual(AccountType.ASSET.normal_sign, 1)
        self.assertEqual(AccountType.EXPENSE.normal_sign, 1)
        for kind in (AccountType.LIABILITY, AccountType.EQUITY, AccountType.INCOME):
            self.assertEqual(kind.normal_sign, -1, kind)

    def test_parse_accepts_plurals_case_and_aliases(self) -> None:
        self.assertIs(AccountType.parse("Assets"), AccountType.ASSET)
        self.assertIs(AccountType.parse("revenue"), AccountType.INCOME)
        self.assertIs(AccountType.parse("EXPENSES"), AccountType.EXPENSE)
        self.assertIs(AccountType.parse(" Liabilities "), AccountType.LIABILITY)
        with self.assertRaises(AccountError):
            AccountType.parse("goodwill-ish")

    def test_balance_sheet_types(self) -> None:
        self.assertTrue(AccountType.EQUITY.is_balance_sheet)
        self.assertFalse(AccountType.INCOME.is_balance_sheet)


class ChartOfAccountsTest(unittest.TestCase):
    def test_open_and_get(self) -> None:
        chart = sample_chart()
        cash = chart.get("1000")
        self.assertEqual(cash, Account("1000", "Cash", AccountType.ASSET, Currency.of("USD")))
        self.assertEqual(chart.get("1020").currency, Currency.of("EUR"))
        self.assertIn("5000", chart)
        self.assertEqual(len(chart), 6)

    def test_iteration_is_in_code_order(self) -> None:
        chart = ChartOfAccounts()
        for code in ("5000", "1000", "3000"):
            chart.open(code, f"Account {code}", "asset")
        self.assertEqual([a.code for a in chart], ["1000", "3000", "5000"])

    def test_invalid_codes_duplicates_and_unknown_accounts(self) -> None:
        chart = sample_chart()
        with self.assertRaises(AccountError):
            chart.open("12", "Too short", "asset")
        with self.assertRaises(DuplicateAccountError):
            chart.open("1000", "Cash again", "asset")
        with self.assertRaises(UnknownAccountError):
            chart.get("9999")
        with self.assertRaises(AccountError):
            chart.open("1100", "   ", "asset")

    def test_children_must_share_the_parent_type(self) -> None:
        chart = sample_chart()
        with self.assertRaises(AccountError):
            chart.open("5010", "Office rent", "expense", parent="1000")
        with self.assertRaises(UnknownAccountError):
            chart.open("1030", "Orphan", "asset", parent="1999")

    def test_hierarchy_queries(self) -> None:
        chart = sample_chart()
        chart.open("1011", "Petty cash (store)", "asset", parent="1010")
        self.assertEqual([a.code for a in chart.children("1000")], ["1010", "1020"])
        self.assertEqual([a.code for a in chart.descendants("1000")], ["1010", "1011", "1020"])
        self.assertEqual([a.code for a in chart.by_type("income")], ["4000"])

    def test_rows_round_trip_with_parents_listed_after_children(self) -> None:
        rows = list(reversed(sample_chart().to_rows()))
        rebuilt = ChartOfAccounts.from_rows(rows)
        self.assertEqual(rebuilt.to_rows(), sample_chart().to_rows())
        with self.assertRaises(UnknownAccountError):
            ChartOfAccounts.from_rows([{"code": "1010", "name": "Petty", "type": "asset", "parent": "1000"}])

    def test_opening_publishes_account_opened(self) -> None:
        bus = EventBus()
        recorder = EventRecorder(bus, AccountOpened)
        sample_chart(bus)
        self.assertEqual(len(recorder.events), 6)
        self.assertEqual(recorder.events[2], AccountOpened("1020", "Bank EUR", "asset", "EUR"))


if __name__ == "__main__":
    unittest.main()

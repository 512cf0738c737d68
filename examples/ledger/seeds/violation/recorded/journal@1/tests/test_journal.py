"""Tests of ledger.core.journal: validation rules, posting, reversal, queries."""

import unittest
from datetime import date
from decimal import Decimal

from ledger.core.accounts import ChartOfAccounts
from ledger.core.journal import Journal, JournalEntry, Posting, validate_entry
from ledger.errors import (
    CurrencyMismatchError,
    DuplicateEntryError,
    UnbalancedEntryError,
    UnknownAccountError,
    UnknownEntryError,
    ValidationError,
)
from ledger.events import EntryPosted, EntryReversed, EventBus, EventRecorder
from ledger.money import Money

D1, D2, D3 = date(2024, 1, 5), date(2024, 1, 20), date(2024, 2, 1)


def usd(amount: str) -> Money:
    return Money.of(amount, "USD")


def chart() -> ChartOfAccounts:
    c = ChartOfAccounts()
    c.open("1000", "Cash", "asset")
    c.open("1020", "Bank EUR", "asset", "EUR")
    c.open("1900", "FX trading USD", "asset")
    c.open("1910", "FX trading EUR", "asset", "EUR")
    c.open("4000", "Sales", "income")
    c.open("5000", "Rent", "expense")
    return c


def sale(amount: str = "100") -> list[Posting]:
    return [Posting.debit("1000", usd(amount)), Posting.credit("4000", usd(amount))]


class ValidateEntryTest(unittest.TestCase):
    def check(self, postings: list[Posting], description: str = "Test") -> None:
        validate_entry(JournalEntry("JE-T", D1, description, tuple(postings)), chart())

    def test_balanced_entry_is_valid(self) -> None:
        self.check(sale())

    def test_unbalanced_entry_reports_the_difference(self) -> None:
        with self.assertRaises(UnbalancedEntryError) as caught:
            self.check([Posting.debit("1000", usd("100")), Posting.credit("4000", usd("95"))])
        self.assertEqual(caught.exception.details["imbalance"], {"USD": "5.00"})

    def test_each_currency_must_balance_on_its_own(self) -> None:
        fx_deal = [
            Posting.debit("1020", Money.of("100", "EUR")),
            Posting.credit("1910", Money.of("100", "EUR")),
            Posting.debit("1900", usd("110")),
            Posting.credit("1000", usd("110")),
        ]
        self.check(fx_deal)
        with self.assertRaises(UnbalancedEntryError):
            self.check([Posting.debit("1020", Money.of("100", "EUR")), Posting.credit("1000", usd("100"))])

    def test_posting_currency_must_match_the_account(self) -> None:
        with self.assertRaises(CurrencyMismatchError):
            self.check([Posting.debit("1020", usd("5")), Posting.credit("4000", usd("5"))])

    def test_structural_rules(self) -> None:
        with self.assertRaises(ValidationError):
            self.check([Posting.debit("1000", usd("1"))])
        with self.assertRaises(ValidationError):
            self.check(sale(), description="  ")
        with self.assertRaises(ValidationError):
            self.check([Posting.debit("1000", usd("0")), Posting.credit("4000", usd("0"))])
        with self.assertRaises(UnknownAccountError):
            self.check([Posting.debit("1999", usd("1")), Posting.credit("4000", usd("1"))])


class JournalTest(unittest.TestCase):
    def setUp(self) -> None:
        self.bus = EventBus()
        self.recorder = EventRecorder(self.bus)
        self.journal = Journal(chart(), self.bus)

    def test_post_assigns_sequential_ids_and_publishes(self) -> None:
        first = self.journal.post(D1, "Cash sale", sale())
        second = self.journal.post(D2, "Cash sale", sale("50"))
        self.assertEqual((first.entry_id, second.entry_id), ("JE-000001", "JE-000002"))
        self.assertEqual(self.recorder.events[0], EntryPosted("JE-000001", D1, "Cash sale", 2))
        self.assertEqual(len(self.journal), 2)
        self.assertEqual(first.debit_total("USD"), Decimal("100.00"))

    def test_invalid_entries_leave_no_trace(self) -> None:
        with self.assertRaises(UnbalancedEntryError):
            self.journal.post(D1, "Typo", [Posting.debit("1000", usd("10")), Posting.credit("4000", usd("1"))])
        self.assertEqual(len(self.journal), 0)
        self.assertEqual(self.recorder.events, [])

    def test_explicit_ids_must_be_unique_and_are_skipped_by_generation(self) -> None:
        self.journal.post(D1, "Imported", sale(), entry_id="JE-000001")
        with self.assertRaises(DuplicateEntryError):
            self.journal.post(D1, "Imported again", sale(), entry_id="JE-000001")
        self.assertEqual(self.journal.post(D2, "Next", sale()).entry_id, "JE-000002")

    def test_reverse_mirrors_the_entry_once(self) -> None:
        original = self.journal.post(D1, "Rent", [Posting.debit("5000", usd("800")), Posting.credit("1000", usd("800"))])
        reversal = self.journal.reverse(original.entry_id, on=D2)
        self.assertEqual([p.amount for p in reversal.postings], [usd("-800"), usd("800")])
        self.assertEqual(reversal.reverses, original.entry_id)
        self.assertTrue(self.journal.is_reversed(original.entry_id))
        self.assertIn(EntryReversed(original.entry_id, reversal.entry_id), self.recorder.events)
        with self.assertRaises(DuplicateEntryError):
            self.journal.reverse(original.entry_id)
        with self.assertRaises(UnknownEntryError):
            self.journal.reverse("JE-999999")

    def test_entries_are_filtered_by_period_and_account(self) -> None:
        self.journal.post(D3, "February sale", sale())
        self.journal.post(D1, "Rent", [Posting.debit("5000", usd("800")), Posting.credit("1000", usd("800"))])
        self.journal.post(D2, "January sale", sale())
        self.assertEqual([e.description for e in self.journal.entries()], ["Rent", "January sale", "February sale"])
        self.assertEqual([e.description for e in self.journal.entries(start=D2, end=D2)], ["January sale"])
        self.assertEqual([e.description for e in self.journal.entries(account="5000")], ["Rent"])
        self.assertIn("JE-000001", self.journal)

    def test_posting_helpers_normalise_signs(self) -> None:
        self.assertEqual(Posting.credit("4000", usd("-5")).amount, usd("-5"))
        self.assertTrue(Posting.debit("1000", usd("-5")).is_debit)


if __name__ == "__main__":
    unittest.main()

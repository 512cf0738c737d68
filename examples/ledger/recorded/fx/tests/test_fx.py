"""Tests of ledger.core.fx: dated lookup, inverse and cross rates, conversion."""

import unittest
from datetime import date
from decimal import Decimal

from ledger.core.fx import ExchangeRate, RateTable
from ledger.errors import RateNotFoundError, ValidationError
from ledger.money import Currency, Money

JAN, FEB, MAR = date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)


def table() -> RateTable:
    rates = RateTable(pivot="USD")
    rates.set_rate("EUR", "USD", "1.10", JAN)
    rates.set_rate("EUR", "USD", "1.08", MAR)
    rates.set_rate("USD", "JPY", "150", JAN)
    return rates


class RateLookupTest(unittest.TestCase):
    def test_latest_rate_at_or_before_the_date_wins(self) -> None:
        rates = table()
        self.assertEqual(rates.rate("EUR", "USD", JAN), Decimal("1.10"))
        self.assertEqual(rates.rate("EUR", "USD", FEB), Decimal("1.10"))
        self.assertEqual(rates.rate("EUR", "USD", date(2024, 12, 31)), Decimal("1.08"))

    def test_no_rate_before_the_first_quote(self) -> None:
        with self.assertRaises(RateNotFoundError) as caught:
            table().rate("EUR", "USD", date(2023, 12, 31))
        self.assertEqual(caught.exception.details["on"], "2023-12-31")

    def test_same_currency_is_one_and_inverse_is_derived(self) -> None:
        rates = table()
        self.assertEqual(rates.rate("GBP", "gbp", JAN), Decimal(1))
        self.assertEqual(rates.rate("USD", "EUR", MAR), Decimal(1) / Decimal("1.08"))

    def test_cross_rate_through_the_pivot(self) -> None:
        self.assertEqual(table().rate("EUR", "JPY", FEB), Decimal("1.10") * Decimal("150"))
        with self.assertRaises(RateNotFoundError):
            RateTable().rate("EUR", "JPY", FEB)  # no pivot, no direct pair

    def test_setting_a_rate_twice_on_a_day_replaces_it(self) -> None:
        rates = table()
        rates.set_rate("EUR", "USD", "1.12", JAN)
        self.assertEqual(rates.rate("EUR", "USD", JAN), Decimal("1.12"))
        self.assertEqual(len(rates), 3)

    def test_invalid_rates_are_rejected(self) -> None:
        rates = RateTable()
        with self.assertRaises(ValidationError):
            rates.set_rate("EUR", "USD", "0", JAN)
        with self.assertRaises(ValidationError):
            rates.set_rate("EUR", "EUR", "1", JAN)


class ConvertTest(unittest.TestCase):
    def test_convert_rounds_to_the_target_minor_unit(self) -> None:
        rates = table()
        self.assertEqual(rates.convert(Money.of("100.00", "EUR"), "USD", FEB), Money.of("110.00", "USD"))
        self.assertEqual(rates.convert(Money.of("10.01", "USD"), "JPY", FEB), Money.of("1502", "JPY"))
        self.assertEqual(rates.convert(Money.of("1", "USD"), "EUR", MAR), Money.of("0.93", "EUR"))

    def test_convert_to_the_same_currency_is_identity(self) -> None:
        amount = Money.of("3.50", "USD")
        self.assertIs(RateTable().convert(amount, Currency.of("USD"), JAN), amount)

    def test_rows_round_trip(self) -> None:
        rows = table().to_rows()
        self.assertEqual(rows[0], {"base": "EUR", "quote": "USD", "rate": "1.10", "date": "2024-01-01"})
        rebuilt = RateTable.from_rows(rows, pivot="USD")
        self.assertEqual(list(rebuilt), list(table()))
        self.assertIsInstance(next(iter(rebuilt)), ExchangeRate)


if __name__ == "__main__":
    unittest.main()

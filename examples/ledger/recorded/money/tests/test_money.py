"""Tests of ledger.money: parsing, rounding, arithmetic, allocation."""

import unittest
from decimal import Decimal

from ledger.errors import CurrencyMismatchError, InvalidAmountError, UnknownCurrencyError
from ledger.money import Currency, Money, parse_amount, sum_money

USD = Currency.of("USD")
JPY = Currency.of("JPY")


class CurrencyTest(unittest.TestCase):
    def test_lookup_is_case_insensitive_and_shared(self) -> None:
        self.assertIs(Currency.of("usd"), USD)
        self.assertEqual(JPY.quantum, Decimal(1))
        self.assertEqual(Currency.of("KWD").quantum, Decimal("0.001"))

    def test_unknown_or_malformed_codes_are_rejected(self) -> None:
        with self.assertRaises(UnknownCurrencyError):
            Currency.of("XYZ")
        with self.assertRaises(UnknownCurrencyError):
            Currency("usd")

    def test_register_adds_a_currency_once(self) -> None:
        sek = Currency.register("SEK", 2)
        self.assertIs(Currency.of("sek"), sek)
        with self.assertRaises(UnknownCurrencyError):
            Currency.register("SEK", 0)


class ParseAmountTest(unittest.TestCase):
    def test_accepts_common_notations(self) -> None:
        self.assertEqual(parse_amount("1,234.50"), Decimal("1234.50"))
        self.assertEqual(parse_amount("(12.00)"), Decimal("-12.00"))
        self.assertEqual(parse_amount(" -3 "), Decimal(-3))
        self.assertEqual(parse_amount(7), Decimal(7))

    def test_rejects_floats_garbage_and_infinities(self) -> None:
        for bad in (0.1, "twelve", "NaN", "Infinity", "", True):
            with self.subTest(bad=bad), self.assertRaises(InvalidAmountError):
                parse_amount(bad)


class MoneyTest(unittest.TestCase):
    def test_amounts_are_rounded_half_even_to_the_minor_unit(self) -> None:
        self.assertEqual(Money.of("1.005", "USD").amount, Decimal("1.00"))
        self.assertEqual(Money.of("1.015", "USD").amount, Decimal("1.02"))
        self.assertEqual(Money.of("1234.5", JPY).amount, Decimal("1234"))

    def test_arithmetic_stays_exact(self) -> None:
        total = sum_money([Money.of("0.10", USD)] * 3, USD)
        self.assertEqual(total, Money.of("0.30", USD))
        self.assertEqual(Money.of(10, USD) - Money.of("2.5", USD), Money.of("7.50", USD))
        self.assertEqual(-Money.of(3, USD), Money.of(-3, USD))
        self.assertEqual(abs(Money.of(-3, USD)), Money.of(3, USD))
        self.assertEqual(Money.of("19.99", USD) * 3, Money.of("59.97", USD))
        self.assertEqual(2 * Money.of(1, USD), Money.of(2, USD))

    def test_mixing_currencies_raises(self) -> None:
        with self.assertRaises(CurrencyMismatchError) as caught:
            Money.of(1, "USD") + Money.of(1, "EUR")
        self.assertEqual(caught.exception.details, {"left": "USD", "right": "EUR"})
        with self.assertRaises(CurrencyMismatchError):
            Money.of(1, "USD") < Money.of(1, "EUR")

    def test_multiplying_by_float_is_refused(self) -> None:
        with self.assertRaises(TypeError):
            Money.of(1, USD) * 1.5  # type: ignore[operator]

    def test_equal_values_are_equal_and_hash_alike(self) -> None:
        a, b = Money.of("5", USD), Money.of("5.00", "usd")
        self.assertEqual(a, b)
        self.assertEqual(len({a, b}), 1)
        self.assertTrue(Money.zero(USD).is_zero())
        self.assertLess(Money.of(1, USD), Money.of(2, USD))

    def test_allocate_never_loses_a_cent(self) -> None:
        parts = Money.of("100.00", USD).allocate([1, 1, 1])
        self.assertEqual([p.amount for p in parts], [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")])
        self.assertEqual(sum_money(parts, USD), Money.of(100, USD))
        negative = Money.of("-0.05", USD).allocate([3, 7])
        self.assertEqual(sum_money(negative, USD), Money.of("-0.05", USD))

    def test_allocate_rejects_bad_ratios(self) -> None:
        with self.assertRaises(InvalidAmountError):
            Money.of(1, USD).allocate([0, 0])

    def test_str_and_as_dict(self) -> None:
        self.assertEqual(str(Money.of("1234.5", USD)), "USD 1,234.50")
        self.assertEqual(str(Money.of(500, JPY)), "JPY 500")
        self.assertEqual(Money.of("-2", USD).as_dict(), {"amount": "-2.00", "currency": "USD"})


if __name__ == "__main__":
    unittest.main()

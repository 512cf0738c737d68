"""Decimal-based money and ISO 4217 currencies.

Amounts are :class:`decimal.Decimal`, never ``float``: a ledger that loses a
cent is wrong. A :class:`Money` is always rounded (half-even, "banker's
rounding") to its currency's minor unit, so ``Money.of("1.005", "USD")`` is
``USD 1.00`` and every stored amount is exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Iterable, Sequence, Union

from ledger.errors import CurrencyMismatchError, InvalidAmountError, UnknownCurrencyError

AmountLike = Union[Decimal, int, str]

_CODE = re.compile(r"^[A-Z]{3}$")
_REGISTRY: dict[str, Currency] = {}
_QUANTA = {exponent: Decimal(1).scaleb(-exponent) for exponent in range(5)}


@dataclass(frozen=True, slots=True)
class Currency:
    """An ISO 4217 currency: three-letter code and number of minor-unit digits."""

    code: str
    exponent: int = 2

    def __post_init__(self) -> None:
        if not _CODE.match(self.code):
            raise UnknownCurrencyError(f"currency code must be three capital letters, got {self.code!r}", currency=self.code)
        if not 0 <= self.exponent <= 4:
            raise UnknownCurrencyError(f"exponent must be 0..4, got {self.exponent}", currency=self.code)

    @property
    def quantum(self) -> Decimal:
        """Smallest representable amount: ``0.01`` for USD, ``1`` for JPY."""
        return _QUANTA[self.exponent]

    @classmethod
    def of(cls, value: Currency | str) -> Currency:
        """The registered currency for ``value`` (case-insensitive code)."""
        if isinstance(value, Currency):
            return value
        code = str(value).strip().upper()
        try:
            return _REGISTRY[code]
        except KeyError:
            raise UnknownCurrencyError(f"unknown currency {value!r}", currency=str(value)) from None

    @classmethod
    def register(cls, code: str, exponent: int = 2) -> Currency:
        """Register (or return the existing) currency ``code``."""
        currency = _REGISTRY.get(code) or cls(code, exponent)
        if currency.exponent != exponent:
            raise UnknownCurrencyError(f"{code} is registered with exponent {currency.exponent}", currency=code)
        _REGISTRY[code] = currency
        return currency

    def __str__(self) -> str:
        return self.code


for _code, _exponent in (("USD", 2), ("EUR", 2), ("GBP", 2), ("CHF", 2), ("CAD", 2), ("JPY", 0), ("KWD", 3)):
    Currency.register(_code, _exponent)


def parse_amount(value: AmountLike) -> Decimal:
    """Parse ``"1,234.50"``, ``"-3"``, ``"(12.00)"`` (negative) or a Decimal/int.

    Floats are refused: ``0.1`` has no exact binary value.
    """
    if isinstance(value, bool) or isinstance(value, float):
        raise InvalidAmountError(f"amounts must be Decimal, int or str, got {type(value).__name__}", value=repr(value))
    if isinstance(value, (Decimal, int)):
        amount = Decimal(value)
    else:
        text = str(value).strip().replace(",", "").replace("_", "")
        negative = text.startswith("(") and text.endswith(")")
        try:
            amount = Decimal(text[1:-1] if negative else text)
        except InvalidOperation:
            raise InvalidAmountError(f"not an amount: {value!r}", value=str(value)) from None
        amount = -amount if negative else amount
    if not amount.is_finite():
        raise InvalidAmountError(f"amount must be finite, got {value!r}", value=str(value))
    return amount


@dataclass(frozen=True, slots=True)
class Money:
    """An exact amount in one currency. Immutable and hashable."""

    amount: Decimal
    currency: Currency

    def __post_init__(self) -> None:
        currency, amount = self.currency, self.amount
        if not isinstance(currency, Currency):
            currency = Currency.of(currency)
            object.__setattr__(self, "currency", currency)
        if type(amount) is not Decimal or not amount.is_finite():
            amount = parse_amount(amount)
        # Hot path (every posting): one quantize, no parsing.
        object.__setattr__(self, "amount", amount.quantize(_QUANTA[currency.exponent], rounding=ROUND_HALF_EVEN))

    @classmethod
    def of(cls, amount: AmountLike, currency: Currency | str) -> Money:
        return cls(parse_amount(amount), Currency.of(currency))

    @classmethod
    def zero(cls, currency: Currency | str) -> Money:
        return cls(Decimal(0), Currency.of(currency))

    def _same(self, other: Money) -> Money:
        if not isinstance(other, Money):
            raise TypeError(f"expected Money, got {type(other).__name__}")
        if other.currency != self.currency:
            raise CurrencyMismatchError(
                f"cannot combine {self.currency} and {other.currency}",
                left=self.currency.code,
                right=other.currency.code,
            )
        return other

    def __add__(self, other: Money) -> Money:
        return Money(self.amount + self._same(other).amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        return Money(self.amount - self._same(other).amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __abs__(self) -> Money:
        return Money(abs(self.amount), self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        if isinstance(factor, (Money, float, bool)):
            return NotImplemented
        return Money(self.amount * Decimal(factor), self.currency)

    __rmul__ = __mul__

    def __lt__(self, other: Money) -> bool:
        return self.amount < self._same(other).amount

    def __le__(self, other: Money) -> bool:
        return self.amount <= self._same(other).amount

    def __gt__(self, other: Money) -> bool:
        return self.amount > self._same(other).amount

    def __ge__(self, other: Money) -> bool:
        return self.amount >= self._same(other).amount

    def is_zero(self) -> bool:
        return self.amount == 0

    def allocate(self, ratios: Sequence[int | Decimal]) -> list[Money]:
        """Split into parts proportional to ``ratios``; the parts sum exactly to self.

        Leftover minor units go to the parts with the largest remainders.
        """
        weights = [Decimal(r) for r in ratios]
        if not weights or any(w < 0 for w in weights) or sum(weights) == 0:
            raise InvalidAmountError("ratios must be non-negative with a positive sum", ratios=[str(w) for w in weights])
        units = int(self.amount / self.currency.quantum)
        sign, units = (-1 if units < 0 else 1), abs(units)
        exact = [units * w / sum(weights) for w in weights]
        shares = [int(x.to_integral_value(rounding=ROUND_FLOOR)) for x in exact]
        by_remainder = sorted(range(len(exact)), key=lambda i: exact[i] - shares[i], reverse=True)
        for i in by_remainder[: units - sum(shares)]:
            shares[i] += 1
        return [Money(sign * share * self.currency.quantum, self.currency) for share in shares]

    def as_dict(self) -> dict[str, str]:
        return {"amount": str(self.amount), "currency": self.currency.code}

    def __str__(self) -> str:
        return f"{self.currency.code} {self.amount:,.{self.currency.exponent}f}"


def sum_money(items: Iterable[Money], currency: Currency | str) -> Money:
    """Sum of ``items``, all in ``currency``; the zero of ``currency`` when empty."""
    total = Money.zero(currency)
    for item in items:
        total = total + item
    return total

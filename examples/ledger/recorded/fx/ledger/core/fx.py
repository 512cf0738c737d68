"""Currency conversion with a dated rate table.

A rate ``EUR/USD 1.0850 as of 2024-03-01`` means 1 EUR buys 1.0850 USD from
that date until the next EUR/USD rate. A lookup on a date uses the latest
rate at or before it; it tries, in order: the same currency (rate 1), the
direct pair, the inverse pair, then a cross rate through the table's pivot
currency (``EUR -> USD -> JPY``). Converted amounts are rounded half-even to
the target currency's minor unit by :class:`~ledger.money.Money`.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Iterable, Iterator, Mapping

from ledger.errors import RateNotFoundError, ValidationError
from ledger.money import AmountLike, Currency, Money, parse_amount


@dataclass(frozen=True)
class ExchangeRate:
    """One quote: 1 ``base`` = ``rate`` ``quote`` from ``as_of`` on."""

    base: Currency
    quote: Currency
    rate: Decimal
    as_of: date


class RateTable:
    """Dated exchange rates with inverse and pivot (cross-rate) lookup."""

    def __init__(self, pivot: Currency | str | None = None) -> None:
        self.pivot = Currency.of(pivot) if pivot is not None else None
        # (base, quote) -> dates ascending, and the rates for those dates.
        self._dates: dict[tuple[str, str], list[date]] = {}
        self._rates: dict[tuple[str, str], list[Decimal]] = {}

    def set_rate(self, base: Currency | str, quote: Currency | str, rate: AmountLike, as_of: date) -> ExchangeRate:
        """Add (or replace) the ``base/quote`` rate effective on ``as_of``."""
        b, q, value = Currency.of(base), Currency.of(quote), parse_amount(rate)
        if b == q:
            raise ValidationError(f"a rate needs two currencies, got {b}/{q}", base=b.code)
        if value <= 0:
            raise ValidationError(f"rate must be positive, got {value}", base=b.code, quote=q.code)
        key = (b.code, q.code)
        dates, rates = self._dates.setdefault(key, []), self._rates.setdefault(key, [])
        i = bisect_right(dates, as_of)
        if i and dates[i - 1] == as_of:
            rates[i - 1] = value
        else:
            dates.insert(i, as_of)
            rates.insert(i, value)
        return ExchangeRate(b, q, value, as_of)

    def _direct(self, base: str, quote: str, on: date) -> Decimal | None:
        dates = self._dates.get((base, quote))
        if not dates:
            return None
        i = bisect_right(dates, on)
        return self._rates[(base, quote)][i - 1] if i else None

    def _pair(self, base: str, quote: str, on: date) -> Decimal | None:
        direct = self._direct(base, quote, on)
        if direct is not None:
            return direct
        inverse = self._direct(quote, base, on)
        return Decimal(1) / inverse if inverse is not None else None

    def rate(self, base: Currency | str, quote: Currency | str, on: date) -> Decimal:
        """Units of ``quote`` for one unit of ``base`` on ``on``."""
        b, q = Currency.of(base).code, Currency.of(quote).code
        if b == q:
            return Decimal(1)
        found = self._pair(b, q, on)
        if found is None and self.pivot is not None and self.pivot.code not in (b, q):
            to_pivot, from_pivot = self._pair(b, self.pivot.code, on), self._pair(self.pivot.code, q, on)
            if to_pivot is not None and from_pivot is not None:
                found = to_pivot * from_pivot
        if found is None:
            raise RateNotFoundError(f"no {b}/{q} rate on or before {on.isoformat()}", base=b, quote=q, on=on.isoformat())
        return found

    def convert(self, money: Money, target: Currency | str, on: date) -> Money:
        """``money`` in ``target`` at the rate effective on ``on``."""
        currency = Currency.of(target)
        if money.currency == currency:
            return money
        return Money(money.amount * self.rate(money.currency, currency, on), currency)

    def __len__(self) -> int:
        return sum(len(dates) for dates in self._dates.values())

    def __iter__(self) -> Iterator[ExchangeRate]:
        for (base, quote), dates in sorted(self._dates.items()):
            for as_of, value in zip(dates, self._rates[(base, quote)]):
                yield ExchangeRate(Currency.of(base), Currency.of(quote), value, as_of)

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, str]], pivot: Currency | str | None = None) -> RateTable:
        """Build from dict rows with ``base,quote,rate,date`` (ISO date) columns."""
        table = cls(pivot)
        for row in rows:
            table.set_rate(row["base"], row["quote"], row["rate"], date.fromisoformat(row["date"]))
        return table

    def to_rows(self) -> list[dict[str, str]]:
        return [
            {"base": r.base.code, "quote": r.quote.code, "rate": str(r.rate), "date": r.as_of.isoformat()}
            for r in self
        ]

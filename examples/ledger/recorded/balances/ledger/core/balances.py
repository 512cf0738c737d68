"""Per-account balances computed from the journal, batch or running.

:func:`compute_balances` folds the journal's entries (optionally within a
period) into a :class:`Balances` snapshot. :meth:`Balances.follow` keeps a
snapshot current instead: it applies the journal's existing entries, then
subscribes to ``EntryPosted`` and applies each new entry as it is posted.

Balances are kept in each account's own currency. Sums over several accounts
(:meth:`Balances.rollup`, :meth:`Balances.total`) convert into one currency
with a :class:`~ledger.core.fx.RateTable` when the currencies differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Callable, Iterator, Mapping

from ledger.core.accounts import Account, AccountType, ChartOfAccounts
from ledger.core.fx import RateTable
from ledger.core.journal import Journal, JournalEntry
from ledger.errors import RateNotFoundError
from ledger.events import EntryPosted, EventBus
from ledger.money import Currency, Money

_ZERO = Decimal(0)


@dataclass(frozen=True)
class AccountBalance:
    """Debit and credit turnover of one account (both positive)."""

    account: Account
    debits: Money
    credits: Money

    @property
    def net(self) -> Money:
        """Debits minus credits: positive means a debit balance."""
        return self.debits - self.credits

    @property
    def natural(self) -> Money:
        """Balance on the account's normal side: positive for a healthy asset or income."""
        return self.net * self.account.type.normal_sign


class Balances(Mapping[str, AccountBalance]):
    """Read-only mapping ``account code -> AccountBalance`` over the whole chart."""

    def __init__(self, chart: ChartOfAccounts) -> None:
        self.chart = chart
        # Plain Decimal sums: folding 10,000 entries must not build 40,000 Money objects.
        self._debits: dict[str, Decimal] = {}
        self._credits: dict[str, Decimal] = {}
        self.entry_count = 0
        self.last_date: date | None = None

    def apply(self, entry: JournalEntry) -> None:
        """Add one (already validated) entry's postings."""
        for posting in entry.postings:
            amount = posting.amount.amount
            side = self._debits if amount > 0 else self._credits
            side[posting.account] = side.get(posting.account, _ZERO) + abs(amount)
        self.entry_count += 1
        self.last_date = entry.date if self.last_date is None else max(self.last_date, entry.date)

    def __getitem__(self, code: str) -> AccountBalance:
        account = self.chart.get(code)  # UnknownAccountError for unknown codes
        debits, credits = self._debits.get(code, _ZERO), self._credits.get(code, _ZERO)
        return AccountBalance(account, Money(debits, account.currency), Money(credits, account.currency))

    def __iter__(self) -> Iterator[str]:
        return (account.code for account in self.chart)

    def __len__(self) -> int:
        return len(self.chart)

    def active(self) -> list[AccountBalance]:
        """Balances of the accounts with any posting, in code order."""
        return [self[a.code] for a in self.chart if a.code in self._debits or a.code in self._credits]

    def _sum(self, accounts: list[Account], currency: Currency, rates: RateTable | None, on: date | None) -> Money:
        total = Money.zero(currency)
        for account in accounts:
            amount = self[account.code].natural
            if amount.currency != currency:
                if rates is None or on is None:
                    raise RateNotFoundError(
                        f"converting {account.code} ({amount.currency}) into {currency} needs a rate table and a date",
                        base=amount.currency.code,
                        quote=currency.code,
                    )
                amount = rates.convert(amount, currency, on)
            total = total + amount
        return total

    def rollup(self, code: str, rates: RateTable | None = None, on: date | None = None) -> Money:
        """Natural balance of ``code`` plus all its descendants, in ``code``'s currency."""
        account = self.chart.get(code)
        return self._sum([account, *self.chart.descendants(code)], account.currency, rates, on)

    def total(self, account_type: AccountType | str, currency: Currency | str, rates: RateTable | None = None, on: date | None = None) -> Money:
        """Natural balance of every account of ``account_type``, in ``currency``."""
        return self._sum(self.chart.by_type(account_type), Currency.of(currency), rates, on)

    @classmethod
    def follow(cls, journal: Journal, bus: EventBus) -> tuple[Balances, Callable[[], None]]:
        """Running balances: current now, updated on every ``EntryPosted``. Returns (balances, stop)."""
        balances = cls(journal.chart)
        for entry in journal:
            balances.apply(entry)
        stop = bus.subscribe(EntryPosted, lambda event: balances.apply(journal.get(event.entry_id)))
        return balances, stop


def compute_balances(journal: Journal, *, start: date | None = None, end: date | None = None) -> Balances:
    """Balances of the entries dated within ``[start, end]`` (both optional)."""
    balances = Balances(journal.chart)
    for entry in journal.entries(start=start, end=end):
        balances.apply(entry)
    return balances

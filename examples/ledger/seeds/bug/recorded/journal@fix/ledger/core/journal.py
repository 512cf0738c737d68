"""Journal entries and the journal: balanced, validated, append-only postings.

A :class:`Posting` moves an amount into (debit, positive) or out of (credit,
negative) one account. A :class:`JournalEntry` is valid when it has at least
two postings, every account exists, every posting is in its account's
currency, and the postings sum to zero *in each currency*. Cross-currency
deals therefore use trading accounts: buying EUR 100 for USD 110 is four
postings (EUR bank / EUR trading, USD trading / USD bank), each currency
balanced on its own.

The journal is append-only: mistakes are corrected by :meth:`Journal.reverse`,
never by editing or deleting an entry.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Iterable, Iterator

from ledger.core.accounts import ChartOfAccounts
from ledger.errors import (
    CurrencyMismatchError,
    DuplicateEntryError,
    UnbalancedEntryError,
    UnknownEntryError,
    ValidationError,
)
from ledger.events import EntryPosted, EntryReversed, EventBus
from ledger.money import Money


@dataclass(frozen=True)
class Posting:
    """``amount`` > 0 debits ``account``; ``amount`` < 0 credits it."""

    account: str
    amount: Money
    memo: str = ""

    @classmethod
    def debit(cls, account: str, amount: Money, memo: str = "") -> Posting:
        return cls(account, amount if amount.amount >= 0 else -amount, memo)

    @classmethod
    def credit(cls, account: str, amount: Money, memo: str = "") -> Posting:
        return cls(account, -amount if amount.amount >= 0 else amount, memo)

    @property
    def is_debit(self) -> bool:
        return self.amount.amount > 0


@dataclass(frozen=True)
class JournalEntry:
    entry_id: str
    date: date
    description: str
    postings: tuple[Posting, ...]
    reverses: str | None = None

    def accounts(self) -> set[str]:
        return {p.account for p in self.postings}

    def debit_total(self, currency: str) -> Decimal:
        return sum((p.amount.amount for p in self.postings if p.is_debit and p.amount.currency.code == currency), Decimal(0))


def validate_entry(entry: JournalEntry, chart: ChartOfAccounts) -> None:
    """Raise the first rule ``entry`` breaks; return ``None`` when it is valid."""
    if not isinstance(entry.date, date):
        raise ValidationError(f"entry {entry.entry_id} needs a date, got {entry.date!r}", entry=entry.entry_id)
    if not entry.description.strip():
        raise ValidationError(f"entry {entry.entry_id} needs a description", entry=entry.entry_id)
    if len(entry.postings) < 2:
        raise ValidationError(f"entry {entry.entry_id} needs at least two postings", entry=entry.entry_id)
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for posting in entry.postings:
        account = chart.get(posting.account)  # UnknownAccountError
        if posting.amount.currency != account.currency:
            raise CurrencyMismatchError(
                f"posting to {account.code} is in {posting.amount.currency}, the account is in {account.currency}",
                entry=entry.entry_id,
                account=account.code,
            )
        if posting.amount.is_zero():
            raise ValidationError(f"entry {entry.entry_id} has a zero posting to {account.code}", entry=entry.entry_id)
        sums[posting.amount.currency.code] += posting.amount.amount
    imbalance = {code: str(total) for code, total in sorted(sums.items()) if total != 0}
    if imbalance:
        detail = ", ".join(f"{code} {amount}" for code, amount in imbalance.items())
        raise UnbalancedEntryError(f"entry {entry.entry_id} does not balance: {detail}", entry=entry.entry_id, imbalance=imbalance)


class Journal:
    """Append-only list of validated entries. Publishes ``EntryPosted``/``EntryReversed``."""

    def __init__(self, chart: ChartOfAccounts, bus: EventBus | None = None) -> None:
        self.chart = chart
        self.bus = bus
        self._entries: list[JournalEntry] = []
        self._by_id: dict[str, JournalEntry] = {}
        self._reversed_by: dict[str, str] = {}
        self._sequence = 0

    def _next_id(self) -> str:
        while True:
            self._sequence += 1
            candidate = f"JE-{self._sequence:06d}"
            if candidate not in self._by_id:
                return candidate

    def post(
        self,
        on: date,
        description: str,
        postings: Iterable[Posting],
        *,
        entry_id: str | None = None,
        reverses: str | None = None,
    ) -> JournalEntry:
        """Validate and append a new entry; nothing is stored when it is invalid."""
        if entry_id is not None and entry_id in self._by_id:
            raise DuplicateEntryError(f"entry {entry_id} is already posted", entry=entry_id)
        if reverses is not None:
            self.get(reverses)
            if reverses in self._reversed_by:
                raise DuplicateEntryError(f"entry {reverses} is already reversed by {self._reversed_by[reverses]}", entry=reverses)
        entry = JournalEntry(entry_id or self._next_id(), on, description, tuple(postings), reverses)
        validate_entry(entry, self.chart)
        self._entries.append(entry)
        self._by_id[entry.entry_id] = entry
        if reverses is not None:
            self._reversed_by[reverses] = entry.entry_id
        if self.bus is not None:
            self.bus.publish(EntryPosted(entry.entry_id, entry.date, entry.description, len(entry.postings)))
            if reverses is not None:
                self.bus.publish(EntryReversed(reverses, entry.entry_id))
        return entry

    def reverse(self, entry_id: str, on: date | None = None, description: str | None = None) -> JournalEntry:
        """Post the mirror image of ``entry_id`` (dated ``on``, default: the original date)."""
        original = self.get(entry_id)
        mirrored = [Posting(p.account, -p.amount, p.memo) for p in original.postings]
        return self.post(on or original.date, description or f"Reversal of {entry_id}: {original.description}", mirrored, reverses=entry_id)

    def get(self, entry_id: str) -> JournalEntry:
        try:
            return self._by_id[entry_id]
        except KeyError:
            raise UnknownEntryError(f"no entry {entry_id!r} in the journal", entry=entry_id) from None

    def is_reversed(self, entry_id: str) -> bool:
        return entry_id in self._reversed_by

    def entries(self, start: date | None = None, end: date | None = None, account: str | None = None) -> Iterator[JournalEntry]:
        """Entries by date (then posting order) within ``[start, end]``, optionally touching ``account``."""
        for entry in sorted(self._entries, key=lambda e: e.date):
            if (start is None or entry.date >= start) and (end is None or entry.date <= end):
                if account is None or account in entry.accounts():
                    yield entry

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._by_id

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[JournalEntry]:
        return iter(list(self._entries))

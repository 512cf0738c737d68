"""Chart of accounts: the five account types, accounts and their hierarchy.

An account is identified by a numeric code (``"1000"``); by convention the
first digit gives the type (1 assets, 2 liabilities, 3 equity, 4 income,
5-9 expenses), but only the explicit :class:`AccountType` counts. A child
account must have the same type as its parent; currencies may differ.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Iterable, Iterator, Mapping

from ledger.errors import AccountError, DuplicateAccountError, UnknownAccountError
from ledger.events import AccountOpened, EventBus
from ledger.money import Currency

_CODE = re.compile(r"^[0-9]{3,8}$")
_TYPE_ALIASES = {
    "assets": "asset",
    "liabilities": "liability",
    "expenses": "expense",
    "revenue": "income",
    "revenues": "income",
}


class AccountType(Enum):
    ASSET = "asset"
    LIABILITY = "liability"
    EQUITY = "equity"
    INCOME = "income"
    EXPENSE = "expense"

    @property
    def normal_sign(self) -> int:
        """+1 for debit-normal types (assets, expenses), -1 for credit-normal ones."""
        return 1 if self in (AccountType.ASSET, AccountType.EXPENSE) else -1

    @property
    def is_balance_sheet(self) -> bool:
        return self in (AccountType.ASSET, AccountType.LIABILITY, AccountType.EQUITY)

    @classmethod
    def parse(cls, text: str | AccountType) -> AccountType:
        """``"Asset"``, ``"assets"``, ``"revenue"`` (alias of income), ..."""
        if isinstance(text, AccountType):
            return text
        key = text.strip().lower()
        try:
            return cls(_TYPE_ALIASES.get(key, key))
        except ValueError:
            raise AccountError(f"unknown account type {text!r}", account_type=text) from None


@dataclass(frozen=True)
class Account:
    code: str
    name: str
    type: AccountType
    currency: Currency
    parent: str | None = None

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ChartOfAccounts:
    """The set of open accounts, indexed by code. Publishes ``AccountOpened``."""

    def __init__(self, bus: EventBus | None = None) -> None:
        self._accounts: dict[str, Account] = {}
        self._bus = bus

    def open(
        self,
        code: str,
        name: str,
        account_type: AccountType | str,
        currency: Currency | str = "USD",
        parent: str | None = None,
    ) -> Account:
        code = code.strip()
        if not _CODE.match(code):
            raise AccountError(f"account code must be 3-8 digits, got {code!r}", account=code)
        if code in self._accounts:
            raise DuplicateAccountError(f"account {code} is already open", account=code)
        if not name.strip():
            raise AccountError(f"account {code} needs a name", account=code)
        kind = AccountType.parse(account_type)
        if parent is not None:
            parent_type = self.get(parent).type
            if parent_type is not kind:
                raise AccountError(f"account {code} ({kind.value}) cannot sit under {parent} ({parent_type.value})", account=code)
        account = Account(code, name.strip(), kind, Currency.of(currency), parent)
        self._accounts[code] = account
        if self._bus is not None:
            self._bus.publish(AccountOpened(code, account.name, kind.value, account.currency.code))
        return account

    def get(self, code: str) -> Account:
        try:
            return self._accounts[code]
        except KeyError:
            raise UnknownAccountError(f"no account {code!r} in the chart", account=code) from None

    def __contains__(self, code: object) -> bool:
        return code in self._accounts

    def __len__(self) -> int:
        return len(self._accounts)

    def __iter__(self) -> Iterator[Account]:
        return iter(sorted(self._accounts.values(), key=lambda a: a.code))

    def children(self, code: str) -> list[Account]:
        self.get(code)
        return [a for a in self if a.parent == code]

    def descendants(self, code: str) -> list[Account]:
        """All accounts below ``code``, depth-first in code order."""
        found: list[Account] = []
        for child in self.children(code):
            found.append(child)
            found.extend(self.descendants(child.code))
        return found

    def by_type(self, account_type: AccountType | str) -> list[Account]:
        kind = AccountType.parse(account_type)
        return [a for a in self if a.type is kind]

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, str]], bus: EventBus | None = None) -> ChartOfAccounts:
        """Build from dict rows (``code,name,type,currency,parent``), parents in any order."""
        chart = cls(bus)
        pending = list(rows)
        while pending:
            ready = [r for r in pending if not r.get("parent") or r["parent"] in chart]
            if not ready:
                missing = sorted({r["parent"] for r in pending})
                raise UnknownAccountError(f"parent account(s) not found: {', '.join(missing)}", account=missing[0])
            for row in ready:
                chart.open(row["code"], row["name"], row["type"], row.get("currency") or "USD", row.get("parent") or None)
            pending = [r for r in pending if r not in ready]
        return chart

    def to_rows(self) -> list[dict[str, str]]:
        return [
            {"code": a.code, "name": a.name, "type": a.type.value, "currency": a.currency.code, "parent": a.parent or ""}
            for a in self
        ]

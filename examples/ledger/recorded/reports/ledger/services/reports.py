"""Financial reports: trial balance and income statement, as text or JSON.

Reports are plain frozen dataclasses built from :mod:`ledger.core.balances`;
rendering is separate (:func:`render_text`, :func:`to_json`) so the CLI, tests
and any other front end share one computation. Amounts in a report are all in
its reporting currency; foreign balances are converted at the rate effective
on the report date (closing rate).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any, Union

from ledger.core.accounts import AccountType
from ledger.core.balances import compute_balances
from ledger.core.fx import RateTable
from ledger.core.journal import Journal
from ledger.errors import ValidationError
from ledger.money import Currency, Money, sum_money


@dataclass(frozen=True)
class ReportLine:
    code: str
    name: str
    debit: Money
    credit: Money


@dataclass(frozen=True)
class TrialBalance:
    as_of: date
    currency: Currency
    lines: tuple[ReportLine, ...]

    @property
    def total_debit(self) -> Money:
        return sum_money((line.debit for line in self.lines), self.currency)

    @property
    def total_credit(self) -> Money:
        return sum_money((line.credit for line in self.lines), self.currency)

    @property
    def is_balanced(self) -> bool:
        return self.total_debit == self.total_credit


@dataclass(frozen=True)
class IncomeStatement:
    start: date
    end: date
    currency: Currency
    income: tuple[tuple[str, str, Money], ...]
    expenses: tuple[tuple[str, str, Money], ...]

    @property
    def total_income(self) -> Money:
        return sum_money((amount for *_, amount in self.income), self.currency)

    @property
    def total_expenses(self) -> Money:
        return sum_money((amount for *_, amount in self.expenses), self.currency)

    @property
    def net_income(self) -> Money:
        return self.total_income - self.total_expenses


Report = Union[TrialBalance, IncomeStatement]


def trial_balance(journal: Journal, *, as_of: date | None = None, currency: Currency | str = "USD", rates: RateTable | None = None) -> TrialBalance:
    """Debit/credit balance of every account with postings up to ``as_of``.

    Without ``as_of`` the report is as of the last entry's date (today for an
    empty journal); that date is also the conversion date.
    """
    target = Currency.of(currency)
    balances = compute_balances(journal, end=as_of)
    on = as_of or balances.last_date or date.today()
    table = rates or RateTable()
    lines = []
    for balance in balances.active():
        net = table.convert(balance.net, target, on)
        zero = Money.zero(target)
        lines.append(ReportLine(balance.account.code, balance.account.name, max(net, zero), max(-net, zero)))
    return TrialBalance(on, target, tuple(lines))


def income_statement(journal: Journal, start: date, end: date, *, currency: Currency | str = "USD", rates: RateTable | None = None) -> IncomeStatement:
    """Income and expenses of the period ``[start, end]``, converted at ``end``."""
    if start > end:
        raise ValidationError(f"period start {start} is after its end {end}", start=start.isoformat(), end=end.isoformat())
    target = Currency.of(currency)
    balances = compute_balances(journal, start=start, end=end)
    table = rates or RateTable()

    def section(kind: AccountType) -> tuple[tuple[str, str, Money], ...]:
        rows = [(a.code, a.name, table.convert(balances[a.code].natural, target, end)) for a in journal.chart.by_type(kind)]
        return tuple(row for row in rows if not row[2].is_zero())

    return IncomeStatement(start, end, target, section(AccountType.INCOME), section(AccountType.EXPENSE))


def _amount(money: Money) -> str:
    return f"{money.amount:,.{money.currency.exponent}f}"


def render_text(report: Report) -> str:
    """Fixed-width plain-text rendering, one account per line."""
    if isinstance(report, TrialBalance):
        title = f"Trial balance as of {report.as_of} ({report.currency})"
        out = [title, "=" * len(title), f"{'Account':<32}{'Debit':>14}{'Credit':>14}"]
        for line in report.lines:
            debit = _amount(line.debit) if not line.debit.is_zero() else ""
            credit = _amount(line.credit) if not line.credit.is_zero() else ""
            out.append(f"{(line.code + ' ' + line.name)[:31]:<32}{debit:>14}{credit:>14}".rstrip())
        out.append(f"{'Total':<32}{_amount(report.total_debit):>14}{_amount(report.total_credit):>14}")
        if not report.is_balanced:
            out.append(f"OUT OF BALANCE by {_amount(report.total_debit - report.total_credit)}")
        return "\n".join(out) + "\n"
    title = f"Income statement {report.start} to {report.end} ({report.currency})"
    out = [title, "=" * len(title)]
    for heading, rows, total in (("Income", report.income, report.total_income), ("Expenses", report.expenses, report.total_expenses)):
        out.append(heading)
        out.extend(f"  {(code + ' ' + name)[:36]:<38}{_amount(amount):>14}" for code, name, amount in rows)
        out.append(f"  {'Total ' + heading.lower():<38}{_amount(total):>14}")
    out.append(f"{'Net income':<40}{_amount(report.net_income):>14}")
    return "\n".join(out) + "\n"


def _rows(items: tuple[tuple[str, str, Money], ...]) -> list[dict[str, str]]:
    return [{"code": code, "name": name, "amount": str(amount.amount)} for code, name, amount in items]


def report_dict(report: Report) -> dict[str, Any]:
    """JSON-ready form; amounts are decimal strings, never floats."""
    if isinstance(report, TrialBalance):
        return {
            "report": "trial_balance",
            "as_of": report.as_of.isoformat(),
            "currency": report.currency.code,
            "lines": [
                {"code": line.code, "name": line.name, "debit": str(line.debit.amount), "credit": str(line.credit.amount)}
                for line in report.lines
            ],
            "total_debit": str(report.total_debit.amount),
            "total_credit": str(report.total_credit.amount),
            "balanced": report.is_balanced,
        }
    return {
        "report": "income_statement",
        "start": report.start.isoformat(),
        "end": report.end.isoformat(),
        "currency": report.currency.code,
        "income": _rows(report.income),
        "expenses": _rows(report.expenses),
        "net_income": str(report.net_income.amount),
    }


def to_json(report: Report) -> str:
    return json.dumps(report_dict(report), indent=2)


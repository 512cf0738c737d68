"""Exception hierarchy shared by every ledger module.

Every error the ledger raises on purpose derives from :class:`LedgerError`, so
callers (the CLI in particular) can catch one type and print a clean message.
Each class has a stable machine-readable ``code``, exposed by :meth:`to_dict`
in the CLI's JSON output; codes are unique across the hierarchy.
"""

from __future__ import annotations

from typing import Any, ClassVar

_REGISTRY: dict[str, type[LedgerError]] = {}


class LedgerError(Exception):
    """Base class of every error raised by the ledger.

    ``details`` holds structured context (account code, currency, line, ...)
    that callers can inspect without parsing the message.
    """

    code: ClassVar[str] = "ledger_error"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details: dict[str, Any] = dict(details)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "code" not in cls.__dict__:
            raise TypeError(f"{cls.__name__} must define its own `code`")
        if cls.code in _REGISTRY:
            raise TypeError(f"error code {cls.code!r} is already used by {_REGISTRY[cls.code].__name__}")
        _REGISTRY[cls.code] = cls

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword details are not positional arguments: rebuild explicitly.
        return (_rebuild, (type(self), self.message, self.details))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: ``{"error": code, "message": ..., **details}``."""
        payload: dict[str, Any] = {"error": self.code, "message": self.message}
        payload.update({key: _jsonable(value) for key, value in self.details.items()})
        return payload


def _rebuild(cls: type[LedgerError], message: str, details: dict[str, Any]) -> LedgerError:
    return cls(message, **details)


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    return str(value)


_REGISTRY[LedgerError.code] = LedgerError


class ValidationError(LedgerError):
    """Input that breaks a bookkeeping rule (bad amount, empty entry, ...)."""

    code = "validation_error"


class InvalidAmountError(ValidationError):
    """An amount that is not a finite decimal number (floats are refused)."""

    code = "invalid_amount"


class UnknownCurrencyError(ValidationError):
    """A currency code that is malformed or not registered."""

    code = "unknown_currency"


class CurrencyMismatchError(LedgerError):
    """Arithmetic or comparison between amounts of different currencies."""

    code = "currency_mismatch"


class AccountError(LedgerError):
    """Base class of chart-of-accounts errors."""

    code = "account_error"


class UnknownAccountError(AccountError):
    """An account code that is not in the chart of accounts."""

    code = "unknown_account"


class DuplicateAccountError(AccountError):
    """An account code that is already open."""

    code = "duplicate_account"


class UnbalancedEntryError(ValidationError):
    """A journal entry whose debits and credits differ in some currency."""

    code = "unbalanced_entry"


class DuplicateEntryError(ValidationError):
    """A journal entry id that is already posted, or a second reversal."""

    code = "duplicate_entry"


class UnknownEntryError(LedgerError):
    """A journal entry id that was never posted."""

    code = "unknown_entry"


class RateNotFoundError(LedgerError):
    """No exchange rate (direct, inverse or via the pivot) for a date."""

    code = "rate_not_found"


class EventDispatchError(LedgerError):
    """One or more event handlers failed; ``details["errors"]`` lists them."""

    code = "event_dispatch_failed"

    @property
    def errors(self) -> list[BaseException]:
        return list(self.details.get("errors", []))


class CsvImportError(ValidationError):
    """A CSV row that cannot be imported; ``line`` is its 1-based line."""

    code = "csv_import_error"

    @property
    def line(self) -> int | None:
        return self.details.get("line")

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line is not None else self.message


def error_codes() -> dict[str, type[LedgerError]]:
    """Every error code mapped to its class (a copy: the registry stays private)."""
    return dict(_REGISTRY)

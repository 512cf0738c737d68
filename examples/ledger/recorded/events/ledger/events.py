"""Domain events and a small synchronous, in-process event bus.

Events are frozen dataclasses carrying plain values (codes, ids, dates), never
core objects, so this foundation module depends on nothing above it.

The bus delivers events in publication order. An event published *by a
handler* is queued and delivered after the current event has reached all its
handlers, so every subscriber sees the same order. A failing handler does not
stop delivery to the others: failures are collected and raised together as
one :class:`~ledger.errors.EventDispatchError` once the queue is drained.
"""

from __future__ import annotations

from collections import deque
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, Callable, TypeVar

from ledger.errors import EventDispatchError

E = TypeVar("E", bound="DomainEvent")
Handler = Callable[[Any], None]


@dataclass(frozen=True)
class DomainEvent:
    """Base class of all domain events."""

    @property
    def kind(self) -> str:
        """Stable wire name of the event: its class name."""
        return type(self).__name__

    def to_dict(self) -> dict[str, Any]:
        payload = {key: (value.isoformat() if isinstance(value, date) else value) for key, value in asdict(self).items()}
        return {"kind": self.kind, **payload}


@dataclass(frozen=True)
class AccountOpened(DomainEvent):
    code: str
    account_name: str
    account_type: str
    currency: str


@dataclass(frozen=True)
class EntryPosted(DomainEvent):
    entry_id: str
    date: date
    description: str
    postings: int


@dataclass(frozen=True)
class EntryReversed(DomainEvent):
    entry_id: str
    reversal_id: str


@dataclass(frozen=True)
class TransactionsImported(DomainEvent):
    source: str
    entry_ids: tuple[str, ...]


class EventBus:
    """Synchronous publish/subscribe keyed by event class (subclasses included)."""

    def __init__(self) -> None:
        self._handlers: dict[type[DomainEvent], list[Handler]] = {}
        self._queue: deque[DomainEvent] = deque()
        self._dispatching = False

    def subscribe(self, event_type: type[E], handler: Callable[[E], None]) -> Callable[[], None]:
        """Call ``handler`` for every ``event_type`` event; returns an unsubscribe function."""
        if not (isinstance(event_type, type) and issubclass(event_type, DomainEvent)):
            raise TypeError(f"expected a DomainEvent subclass, got {event_type!r}")
        self._handlers.setdefault(event_type, []).append(handler)

        def unsubscribe() -> None:
            handlers = self._handlers.get(event_type, [])
            if handler in handlers:
                handlers.remove(handler)

        return unsubscribe

    def handler_count(self, event_type: type[DomainEvent]) -> int:
        return len(self._handlers.get(event_type, []))

    def publish(self, event: DomainEvent) -> None:
        """Deliver ``event`` (and any event its handlers publish) to subscribers."""
        if not isinstance(event, DomainEvent):
            raise TypeError(f"expected a DomainEvent, got {type(event).__name__}")
        self._queue.append(event)
        if self._dispatching:
            return
        self._dispatching = True
        failures: list[BaseException] = []
        try:
            while self._queue:
                current = self._queue.popleft()
                for handler in self._handlers_for(current):
                    try:
                        handler(current)
                    except Exception as exc:  # noqa: BLE001 - collected and re-raised below
                        failures.append(exc)
        finally:
            self._dispatching = False
        if failures:
            raise EventDispatchError(f"{len(failures)} event handler(s) failed", errors=failures)

    def _handlers_for(self, event: DomainEvent) -> list[Handler]:
        # Most specific class first; snapshot so (un)subscribing during dispatch is safe.
        found: list[Handler] = []
        for cls in type(event).__mro__:
            if isinstance(cls, type) and issubclass(cls, DomainEvent):
                found.extend(self._handlers.get(cls, []))
        return found


class EventRecorder:
    """Keeps every event it sees; handy in tests and for audit trails."""

    def __init__(self, bus: EventBus, event_type: type[DomainEvent] = DomainEvent) -> None:
        self.events: list[DomainEvent] = []
        self.close = bus.subscribe(event_type, self.events.append)

    def of_type(self, event_type: type[E]) -> list[E]:
        return [event for event in self.events if isinstance(event, event_type)]

    def kinds(self) -> list[str]:
        return [event.kind for event in self.events]

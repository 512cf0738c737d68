"""Tests of ledger.events: event payloads and the synchronous bus."""

import unittest
from datetime import date

from ledger.errors import EventDispatchError
from ledger.events import (
    AccountOpened,
    DomainEvent,
    EntryPosted,
    EntryReversed,
    EventBus,
    EventRecorder,
    TransactionsImported,
)


def posted(entry_id: str = "JE-000001") -> EntryPosted:
    return EntryPosted(entry_id=entry_id, date=date(2024, 1, 31), description="Rent", postings=2)


class DomainEventTest(unittest.TestCase):
    def test_kind_and_to_dict(self) -> None:
        event = posted()
        self.assertEqual(event.kind, "EntryPosted")
        self.assertEqual(
            event.to_dict(),
            {"kind": "EntryPosted", "entry_id": "JE-000001", "date": "2024-01-31", "description": "Rent", "postings": 2},
        )

    def test_events_are_immutable_values(self) -> None:
        a = EntryReversed("JE-1", "JE-2")
        self.assertEqual(a, EntryReversed("JE-1", "JE-2"))
        with self.assertRaises(AttributeError):
            a.entry_id = "JE-3"  # type: ignore[misc]


class EventBusTest(unittest.TestCase):
    def setUp(self) -> None:
        self.bus = EventBus()

    def test_handlers_receive_events_of_their_type_only(self) -> None:
        seen: list[str] = []
        self.bus.subscribe(EntryPosted, lambda e: seen.append(e.entry_id))
        self.bus.publish(posted("JE-1"))
        self.bus.publish(AccountOpened("1000", "Cash", "asset", "USD"))
        self.assertEqual(seen, ["JE-1"])

    def test_base_class_subscription_sees_every_event(self) -> None:
        recorder = EventRecorder(self.bus)
        self.bus.publish(posted())
        self.bus.publish(TransactionsImported("bank.csv", ("JE-1",)))
        self.assertEqual(recorder.kinds(), ["EntryPosted", "TransactionsImported"])
        self.assertEqual(len(recorder.of_type(EntryPosted)), 1)

    def test_unsubscribe_stops_delivery(self) -> None:
        seen: list[DomainEvent] = []
        unsubscribe = self.bus.subscribe(EntryPosted, seen.append)
        self.assertEqual(self.bus.handler_count(EntryPosted), 1)
        unsubscribe()
        unsubscribe()  # idempotent
        self.bus.publish(posted())
        self.assertEqual(seen, [])

    def test_events_published_by_handlers_are_delivered_after_the_current_one(self) -> None:
        order: list[str] = []
        self.bus.subscribe(EntryPosted, lambda e: (order.append("first:" + e.entry_id), self.bus.publish(EntryReversed(e.entry_id, "R"))))
        self.bus.subscribe(EntryPosted, lambda e: order.append("second:" + e.entry_id))
        self.bus.subscribe(EntryReversed, lambda e: order.append("reversed:" + e.entry_id))
        self.bus.publish(posted("JE-1"))
        self.assertEqual(order, ["first:JE-1", "second:JE-1", "reversed:JE-1"])

    def test_a_failing_handler_does_not_starve_the_others(self) -> None:
        seen: list[str] = []

        def broken(_: EntryPosted) -> None:
            raise RuntimeError("disk full")

        remove_broken = self.bus.subscribe(EntryPosted, broken)
        self.bus.subscribe(EntryPosted, lambda e: seen.append(e.entry_id))
        with self.assertRaises(EventDispatchError) as caught:
            self.bus.publish(posted("JE-9"))
        self.assertEqual(seen, ["JE-9"])
        self.assertEqual([str(e) for e in caught.exception.errors], ["disk full"])
        remove_broken()
        self.bus.publish(posted("JE-10"))  # the bus is usable again
        self.assertEqual(seen, ["JE-9", "JE-10"])

    def test_rejects_non_events(self) -> None:
        with self.assertRaises(TypeError):
            self.bus.publish("EntryPosted")  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            self.bus.subscribe(str, print)  # type: ignore[arg-type]


if __name__ == "__main__":
    unittest.main()

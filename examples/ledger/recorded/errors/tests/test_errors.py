"""Tests of ledger.errors: hierarchy, codes, structured details, pickling."""

import json
import pickle
import unittest

from ledger import errors
from ledger.errors import (
    AccountError,
    CsvImportError,
    CurrencyMismatchError,
    EventDispatchError,
    InvalidAmountError,
    LedgerError,
    UnbalancedEntryError,
    UnknownAccountError,
    ValidationError,
    error_codes,
)


class HierarchyTest(unittest.TestCase):
    def test_every_error_derives_from_ledger_error(self) -> None:
        for cls in error_codes().values():
            self.assertTrue(issubclass(cls, LedgerError), cls)

    def test_specific_errors_have_the_expected_parents(self) -> None:
        self.assertTrue(issubclass(UnknownAccountError, AccountError))
        self.assertTrue(issubclass(UnbalancedEntryError, ValidationError))
        self.assertTrue(issubclass(InvalidAmountError, ValidationError))
        self.assertTrue(issubclass(CsvImportError, ValidationError))
        self.assertFalse(issubclass(CurrencyMismatchError, ValidationError))

    def test_codes_are_unique_and_registered(self) -> None:
        codes = error_codes()
        self.assertEqual(len(codes), len(set(cls.__name__ for cls in codes.values())))
        self.assertIs(codes["unbalanced_entry"], UnbalancedEntryError)
        self.assertIs(codes["ledger_error"], LedgerError)

    def test_subclass_without_its_own_code_is_rejected(self) -> None:
        with self.assertRaises(TypeError):
            type("Sloppy", (LedgerError,), {})

    def test_duplicate_code_is_rejected(self) -> None:
        with self.assertRaises(TypeError):
            type("Copy", (LedgerError,), {"code": "unknown_account"})


class DetailsTest(unittest.TestCase):
    def test_message_and_details_are_kept(self) -> None:
        exc = UnknownAccountError("no account 9999", account="9999")
        self.assertEqual(str(exc), "no account 9999")
        self.assertEqual(exc.details, {"account": "9999"})

    def test_to_dict_is_json_serialisable(self) -> None:
        exc = UnbalancedEntryError("entry JE-1 is unbalanced", entry="JE-1", imbalance={"USD": "5.00"})
        payload = exc.to_dict()
        self.assertEqual(payload["error"], "unbalanced_entry")
        self.assertEqual(json.loads(json.dumps(payload))["imbalance"], {"USD": "5.00"})

    def test_to_dict_stringifies_unknown_values(self) -> None:
        cause = ValueError("boom")
        payload = EventDispatchError("1 handler failed", errors=[cause]).to_dict()
        self.assertEqual(payload["errors"], ["boom"])

    def test_csv_import_error_prefixes_the_line(self) -> None:
        exc = CsvImportError("missing amount", line=7)
        self.assertEqual(exc.line, 7)
        self.assertEqual(str(exc), "line 7: missing amount")
        self.assertEqual(str(CsvImportError("empty file")), "empty file")

    def test_event_dispatch_error_lists_causes(self) -> None:
        causes = [KeyError("a"), RuntimeError("b")]
        exc = EventDispatchError("2 handlers failed", errors=causes)
        self.assertEqual(exc.errors, causes)

    def test_errors_survive_pickling(self) -> None:
        exc = CsvImportError("bad date", line=3, value="2024-13-01")
        clone = pickle.loads(pickle.dumps(exc))
        self.assertIsInstance(clone, CsvImportError)
        self.assertEqual(clone.details, exc.details)
        self.assertEqual(str(clone), "line 3: bad date")

    def test_module_exports_only_ledger_errors(self) -> None:
        public = [name for name in dir(errors) if name.endswith("Error")]
        for name in public:
            self.assertTrue(issubclass(getattr(errors, name), LedgerError), name)


if __name__ == "__main__":
    unittest.main()

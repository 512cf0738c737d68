"""ledger: a small double-entry bookkeeping library (Python standard library only).

Layers, innermost first:

* foundation: ``ledger.errors``, ``ledger.money``, ``ledger.events``
* core:       ``ledger.core`` (accounts, fx, journal, balances)
* services:   ``ledger.services`` (importer, reports)
* interface:  ``ledger.cli`` (``python -m ledger``)

This file is only the package marker and version: it imports nothing, so that
every module can be built and tested with only its own dependencies present.
"""

__version__ = "0.3.0"

__all__ = ["__version__"]

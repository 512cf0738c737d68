"""Core layer: chart of accounts, currency conversion, journal and balances.

Modules here may import the foundation layer (``ledger.errors``,
``ledger.money``, ``ledger.events``) and each other along the declared
dependencies, never ``ledger.services`` or ``ledger.cli``.
"""

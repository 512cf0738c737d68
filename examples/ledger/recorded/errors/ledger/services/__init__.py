"""Services layer: CSV import and financial reports built on the core layer.

Modules here may import ``ledger.core`` and the foundation layer, never
``ledger.cli``.
"""

"""Test suite of the ledger package (``python3 -m unittest discover -s tests -t .``)."""

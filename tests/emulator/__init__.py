"""A fleet emulator of i-PRO network cameras for the collection's tests; see README.md here."""

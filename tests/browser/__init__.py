"""Browser tests: the kiosk in a real Chromium, all on the one harness in conftest.py."""
